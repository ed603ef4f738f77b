import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

/**
 * The micromark decision, proved where it matters: the packed tarball
 * installed beside remark-cli@12 (the README’s install line), which brings
 * micromark 4.0.3 for the project’s own remark. Times the parse of one large
 * plan through the preset (its bundled parser) and through bare remark with
 * remark-gfm and remark-frontmatter, in that project.
 */
export interface InstalledParser {
  /** micromark versions: what the preset parses with, what the project’s remark parses with. */
  preset: string
  remark: string
  presetMs: number
  remarkMs: number
}

const script = `
import {createRequire} from 'node:module'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {remark} from 'remark'
import remarkGfm from 'remark-gfm'
import remarkFrontmatter from 'remark-frontmatter'
import remarkPlanLint from 'remark-plan-lint'
const versionFrom = (from, name) => {
  let directory = path.dirname(createRequire(from).resolve(name))
  while (!existsSync(path.join(directory, 'package.json'))) directory = path.dirname(directory)
  return JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8')).version
}
const fromMarkdownOf = (from) => createRequire(from).resolve('mdast-util-from-markdown')
const value = readFileSync('large.md', 'utf8')
const bare = remark().use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze()
const preset = remark().use(remarkPlanLint, {limits: false}).freeze()
const time = (processor) => {
  const runs = []
  for (let round = 0; round < 3; round++) {
    const start = performance.now()
    processor.parse(value)
    runs.push(performance.now() - start)
  }
  return runs.sort((a, b) => a - b)[1]
}
const remarkMs = time(bare)
const presetMs = time(preset)
console.log(JSON.stringify({
  preset: versionFrom(fromMarkdownOf(path.resolve('node_modules/remark-plan-lint/dist/src/parser.js')), 'micromark'),
  remark: versionFrom(fromMarkdownOf(createRequire(path.resolve('node_modules/remark/index.js')).resolve('remark-parse')), 'micromark'),
  presetMs,
  remarkMs
}))
`

export function installedParser(root: string, largePlan: string): InstalledParser {
  const work = mkdtempSync(path.join(tmpdir(), 'plan-lint-bench-installed-'))
  try {
    const quiet = {encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as Array<'ignore' | 'pipe'>}
    const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {...quiet, cwd: root}).trim().split('\n').at(-1)!
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({name: 'bench', private: true, type: 'module'}))
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(work, name), 'remark-cli@12'], {...quiet, cwd: work})
    writeFileSync(path.join(work, 'large.md'), largePlan)
    writeFileSync(path.join(work, 'parse.mjs'), script)
    return JSON.parse(execFileSync(process.execPath, ['parse.mjs'], {...quiet, cwd: work})) as InstalledParser
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}
