import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, inject, it} from 'vitest'
import {VFile} from 'vfile'
import {parseMarkdown} from '../src/markdown/parser.js'
import {contextOf} from '../src/views/context.js'
import {detectionOf} from '../src/views/detect.js'
import {outlineOf} from '../src/views/outline.js'
import {definitionsOf, frontMatterEndOf, linesOf, mayBePlan, scanHeadings} from '../src/views/plan-scan.js'
import {ruleFixtures} from './fixtures.js'
import {corpusDirectory, lintTree, root} from './helpers.js'
import {openPackedProject} from './packed.js'

/**
 * The pre-parse scan (src/views/plan-scan.ts, docs/performance.md): a file
 * no template could match is not parsed, and nothing in the reports
 * changes. `PLAN_LINT_PRE_PARSE=0` turns the scan off in the binaries.
 */

const corpusPresent = existsSync(corpusDirectory)
if (!corpusPresent) console.warn(`pre-parse: ${corpusDirectory} is not there; the comparisons run without the corpus`)

/** READMEs and changelogs of installed packages: Markdown that is not plans, as a repository holds. */
function packageDocs(count: number): string[] {
  const modules = path.join(root, 'node_modules')
  const found: string[] = []
  for (const name of readdirSync(modules).sort()) {
    if (name.startsWith('.') || name.startsWith('@')) continue
    for (const doc of ['README.md', 'readme.md', 'CHANGELOG.md']) {
      const file = path.join(modules, name, doc)
      if (existsSync(file)) found.push(file)
    }
    if (found.length >= count) break
  }
  return found
}

const fixtureRuleIds = readdirSync(path.join(root, 'fixtures'), {withFileTypes: true})
  .filter((entry) => entry.isDirectory() && entry.name !== 'plans' && entry.name !== 'templates' && entry.name !== 'init')
  .map((entry) => entry.name)

describe('the pre-parse scan, in process', () => {
  it('sees every heading of the outline (with its key, or as one that could be anything)', () => {
    const files = [
      ...fixtureRuleIds.flatMap((ruleId) => ruleFixtures(ruleId).map((fixture) => fixture.file)),
      ...(corpusPresent ? readdirSync(corpusDirectory).filter((name) => name.endsWith('.md')).map((name) => path.join(corpusDirectory, name)) : []),
      ...packageDocs(150)
    ]
    const missed: string[] = []
    for (const file of files) {
      const value = readFileSync(file, 'utf8')
      const lines = linesOf(value)
      const scanned = scanHeadings(lines, frontMatterEndOf(lines), () => definitionsOf(lines))
      for (const heading of outlineOf(parseMarkdown(value)).headings) {
        const seen = scanned.some((item) => item.depth === heading.depth && (item.key === undefined || item.key === heading.key))
        if (!seen) missed.push(`${path.relative(root, file)}: ${'#'.repeat(heading.depth)} ${heading.key}`)
      }
    }
    expect(files.length).toBeGreaterThan(200)
    expect(missed).toEqual([])
  })

  it('rules out only files that get no finding and no template, with every fixture’s options', async () => {
    const cases = [
      ...fixtureRuleIds.flatMap((ruleId) => ruleFixtures(ruleId).map((fixture) => ({file: fixture.file, options: fixture.options}))),
      ...packageDocs(150).map((file) => ({file, options: {}}))
    ]
    let ruledOut = 0
    const wrong: string[] = []
    for (const {file, options} of cases) {
      const value = readFileSync(file, 'utf8')
      const {file: linted, tree} = await lintTree(value, options, path.relative(root, file))
      const scanned = new VFile({value, path: path.relative(root, file), cwd: root})
      scanned.data.planLint = linted.data.planLint!
      if (mayBePlan(value, scanned, contextOf(scanned))) continue
      ruledOut++
      const detection = detectionOf(tree, linted)
      if (detection.template || detection.titled || linted.messages.length > 0) wrong.push(path.relative(root, file))
    }
    // Most READMEs and changelogs are ruled out; no fixture that has findings is.
    expect(ruledOut).toBeGreaterThan(100)
    expect(wrong).toEqual([])
  })

  it('parses what any template could match: a title, enough sections, a declaration, a path', () => {
    const context = contextOf(new VFile())
    const may = (value: string, filePath = 'notes.md') => mayBePlan(value, new VFile({value, path: filePath, cwd: root}), context)
    expect(may('# Changelog\n\n## 1.0.0\n\n- Fixed\n')).toBe(false)
    expect(may('# Implementation Plan: Checkout\n\nText.\n')).toBe(true)
    // The title with inline markup, parsed on its own the preset's way.
    expect(may('# *Implementation Plan*: `Checkout`\n')).toBe(true)
    // A setext title.
    expect(may('Implementation Plan: Checkout\n===\n')).toBe(true)
    expect(may('---\ntemplate: tip\n---\n# Notes\n')).toBe(true)
    expect(may('# Notes\n\n<!-- plan-lint template: tip -->\n')).toBe(true)
    // A title inside fenced code is not one; after a fence that may not be one (indented), code is read too.
    expect(may('# Notes\n\n```md\n# Implementation Plan: Checkout\n```\n')).toBe(false)
    expect(may('# Notes\n\n  ```md\n# Implementation Plan: Checkout\n  ```\n')).toBe(true)
    // A link reference definition changes a heading's text: it is read with the definitions its brackets name.
    expect(may('# [Implementation Plan][x]: Checkout\n\n[x]: https://example.com\n')).toBe(true)
    expect(may('# [Implementation Plan][x]: Checkout\n\n> - [x]:\n>   https://example.com\n')).toBe(true)
    // And without them, where a definition may be none (here in code): `[Implementation Plan]` is a placeholder of the title.
    expect(may('# Implementation Plan: [Checkout]\n\n```\n[checkout]: https://example.com\n```\n')).toBe(true)
    // A README's title with badges: its text with and without them is no plan's title.
    const readme = '# tool [![npm][npm-badge]][npm]\n\n## Install\n\nSee [npm][]:\n\n[npm-badge]: https://img.example/npm.svg\n[npm]: https://npmjs.com/tool\n'
    expect(may(readme)).toBe(false)
    // A label that may start on the line above: could be anything.
    expect(may('# [Implementation Plan][a\nb]: Checkout\n\n[a\nb]: https://example.com\n')).toBe(true)
  })

  it('reads link reference definitions the way micromark could take them', () => {
    expect(definitionsOf(linesOf('[a]: /x\n> * [B  c]: /y "t"\nSee [npm][]:\n1. [d]:\n   /z\n'))).toEqual([
      {label: 'A', text: '[a]: /x'},
      {label: 'B C', text: '[B  c]: /y "t"'},
      {label: 'D', text: '[d]:\n/z'}
    ])
    // A label over two lines, a destination not on the next line: not worked out.
    expect(definitionsOf(linesOf('[a\nb]: /x\n'))).toBeUndefined()
    expect(definitionsOf(linesOf('[a]:\n\n/x\n'))).toBeUndefined()
  })
})

describe('the pre-parse scan in the binaries', () => {
  const project = openPackedProject(inject('packedProject'))

  it('gives byte-identical `--format json` reports and `which` lines with and without it, over every fixture, the corpus and package READMEs', () => {
    const folder = mkdtempSync(path.join(project.directory, 'pre-parse-'))
    cpSync(path.join(root, 'fixtures'), path.join(folder, 'fixtures'), {recursive: true})
    if (corpusPresent) cpSync(corpusDirectory, path.join(folder, 'corpus'), {recursive: true})
    packageDocs(60).forEach((file, index) => writeFileSync(path.join(folder, `doc-${index}.md`), readFileSync(file)))
    const run = (args: string[], scan: boolean) =>
      project.run('plan-lint', args, {cwd: folder, env: scan ? {} : {PLAN_LINT_PRE_PARSE: '0'}})

    const withScan = run(['--format', 'json', '.'], true)
    const without = run(['--format', 'json', '.'], false)
    expect(withScan.stderr).toBe('')
    expect(JSON.parse(withScan.stdout).length).toBeGreaterThan(250)
    expect(withScan.stdout).toBe(without.stdout)
    expect(withScan.status).toBe(without.status)

    const files = (JSON.parse(withScan.stdout) as Array<{path: string}>).map((item) => item.path)
    const whichWith = run(['which', ...files], true)
    const whichWithout = run(['which', ...files], false)
    expect(whichWith.stdout.split('\n').filter((line) => /\tnone\t0\.00$/.test(line)).length).toBeGreaterThan(60)
    expect(whichWith.stdout).toBe(whichWithout.stdout)
    expect(whichWith.status).toBe(whichWithout.status)
  })

  it('keeps the findings of another configured plugin on files that are not plans', () => {
    const folder = mkdtempSync(path.join(project.directory, 'pre-parse-plugin-'))
    writeFileSync(
      path.join(folder, '.remarkrc.mjs'),
      "export default {plugins: ['remark-plan-lint', () => (tree, file) => { file.message(`root of ${tree.children.length} nodes`) }]}\n"
    )
    writeFileSync(path.join(folder, 'README.md'), '# A package\n\nSome text.\n')
    const result = project.run('plan-lint', ['--format', 'json', 'README.md'], {cwd: folder})
    expect(JSON.parse(result.stdout)[0].messages.map((message: {message: string}) => message.message)).toEqual(['root of 2 nodes'])
  })
})
