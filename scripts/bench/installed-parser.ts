import {execFileSync} from 'node:child_process'
import {rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {createPackedProject, packTarball} from '../../test/packed.js'

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
  preset: versionFrom(fromMarkdownOf(path.resolve('node_modules/remark-plan-lint/dist/src/markdown/parser.js')), 'micromark'),
  remark: versionFrom(fromMarkdownOf(createRequire(path.resolve('node_modules/remark/index.js')).resolve('remark-parse')), 'micromark'),
  presetMs,
  remarkMs
}))
`

/** Install the packed tarball as the end-to-end tests do (`test/packed.ts`), then time the parses there. */
export function installedParser(largePlan: string): InstalledParser {
  const {directory} = createPackedProject()
  try {
    writeFileSync(path.join(directory, 'large.md'), largePlan)
    writeFileSync(path.join(directory, 'parse.mjs'), script)
    const output = execFileSync(process.execPath, ['parse.mjs'], {cwd: directory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
    return JSON.parse(output) as InstalledParser
  } finally {
    rmSync(directory, {recursive: true, force: true})
    rmSync(path.dirname(packTarball()), {recursive: true, force: true})
  }
}
