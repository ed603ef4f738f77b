import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import type {Io} from '../src/cli/io.js'
import {run} from '../src/cli/run.js'
import {completePlan} from './robust-helpers.js'
import {mutationsOf} from './mutations.js'

/** Run the CLI in process; resolves to its exit code and what it printed. */
async function cli(args: string[], cwd: string): Promise<{status: number; stdout: string; stderr: string}> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const io: Io = {cwd, env: {NO_COLOR: '1'}, stdout, stderr}
  const status = await run(args, io)
  return {status, stdout: out, stderr: err}
}

interface JsonFile {
  path: string
  messages: Array<{ruleId: string | null; source: string | null; severity: string; message: string; line: number}>
}

const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!
const encode = (text: string) => Buffer.from(text, 'utf8')

/** Every file under a folder (links not followed) with its bytes’ hash and mtime. */
function snapshot(directory: string): Record<string, string> {
  const result: Record<string, string> = {}
  for (const entry of readdirSync(directory, {withFileTypes: true, recursive: true})) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const stats = statSync(file)
    result[path.relative(directory, file)] = createHash('sha256').update(readFileSync(file)).digest('hex') + ' ' + stats.mtimeMs
  }
  return result
}

describe('plan-lint CLI: a file that cannot be read or decoded is a finding, not a crash', () => {
  let work: string
  const bad: Record<string, RegExp> = {
    'image.md': /^Unexpected binary file \(it holds a NUL byte\)/,
    'latin1.md': /^Unexpected byte `0xE9` that is not UTF-8/,
    'utf16.md': /^Unexpected UTF-16 file/,
    'huge.md': /^Unexpected file of 6,\d{3},\d{3} bytes, expected at most 1,000,000 \(option `limits\.bytes`\)/,
    'deep.md': /^Unexpected nesting 5000 levels deep/,
    'brackets.md': /^Unexpected paragraph with 30,000 `\]`/,
    'dir.md': /^Unexpected folder, expected a Markdown file/,
    'fifo.md': /^Unexpected named pipe \(FIFO\)/,
    'zero.md': /^Unexpected device file/,
    'dangling.md': /^Unexpected broken symbolic link to `nowhere\.md`/
  }

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'plan-lint-bad-input-'))
    writeFileSync(path.join(work, 'good.md'), completePlan)
    writeFileSync(path.join(work, 'broken.md'), broken.value)
    writeFileSync(path.join(work, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))
    writeFileSync(path.join(work, 'latin1.md'), Buffer.concat([encode('# Caf'), Buffer.from([0xe9]), encode(' plan\n')]))
    writeFileSync(path.join(work, 'utf16.md'), Buffer.from([0xff, 0xfe, 0x23, 0, 0x20, 0, 0x61, 0]))
    writeFileSync(path.join(work, 'huge.md'), completePlan.repeat(Math.ceil(6e6 / completePlan.length)).slice(0, 6_000_000))
    // A plan by its title: a file over a limit that cannot be a plan is only skipped with a warning (test/limits.test.ts).
    writeFileSync(path.join(work, 'deep.md'), '# Technical Plan: Deep\n\n' + '> '.repeat(5000) + 'deep\n')
    writeFileSync(path.join(work, 'brackets.md'), completePlan + '\n' + ']'.repeat(30_000) + '\n')
    mkdirSync(path.join(work, 'dir.md'))
    execFileSync('mkfifo', [path.join(work, 'fifo.md')])
    symlinkSync('/dev/zero', path.join(work, 'zero.md'))
    symlinkSync('nowhere.md', path.join(work, 'dangling.md'))
  })

  it('gives each bad file one fatal message, still checks the others, and exits 1', async () => {
    const before = snapshot(work)
    const start = performance.now()
    const result = await cli(['--format', 'json', '.', 'dir.md'], work)
    expect((performance.now() - start) / 1000).toBeLessThan(20)
    expect(result.stderr).toBe('')
    expect(result.status).toBe(1)
    const byPath = Object.fromEntries((JSON.parse(result.stdout) as JsonFile[]).map((file) => [file.path, file.messages]))
    for (const [name, reason] of Object.entries(bad)) {
      expect(byPath[name], name).toHaveLength(1)
      expect(byPath[name]![0], name).toMatchObject({ruleId: 'lintable-file', source: 'plan-lint', severity: 'error', message: expect.stringMatching(reason)})
    }
    expect(byPath['good.md']).toEqual([])
    expect(byPath['broken.md']!.map((message) => message.ruleId)).toEqual(['required-headings'])
    // The linter never writes to a file it checks.
    expect(snapshot(work)).toEqual(before)
  })

  it('prints no stack trace in the stylish report', async () => {
    const result = await cli(['.'], work)
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/image\.md\n3:1 +error +Unexpected binary file .* lintable-file +plan-lint/)
    expect(result.stdout + result.stderr).not.toMatch(/^\s+at /m)
    expect(result.stdout).not.toContain('[cause]')
  })

  it('a path given that does not exist is still a usage error (exit 2)', async () => {
    const result = await cli(['nope.md'], work)
    expect(result.status).toBe(2)
    expect(result.stderr).toBe('plan-lint: No such file or folder: `nope.md`\n')
  })

  it('never writes to the files it checks, in any report format', async () => {
    const clean = mkdtempSync(path.join(tmpdir(), 'plan-lint-no-write-'))
    writeFileSync(path.join(clean, 'good.md'), completePlan)
    writeFileSync(path.join(clean, 'broken.md'), broken.value)
    writeFileSync(path.join(clean, 'crlf.md'), '\uFEFF' + broken.value.replace(/\n/g, '\r\n'))
    mkdirSync(path.join(clean, 'nested'))
    writeFileSync(path.join(clean, 'nested', 'notes.md'), '# Notes\n\n- [] not a plan\n')
    const before = snapshot(clean)
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      expect((await cli(['--format', format, '.'], clean)).status, format).toBe(1)
    }
    expect(snapshot(clean)).toEqual(before)
  })
})

describe('plan-lint CLI: options are checked before any file is read (exit 2)', () => {
  const cases: Array<[string, unknown, string]> = [
    ['an unknown limit', {limits: {bites: 1}}, 'Unexpected unknown option `limits.bites`, expected one of `bytes`, `lines`, `nesting`, `complexity`'],
    ['a limit of the wrong type', {limits: {bytes: '1MB'}}, 'Unexpected value `"1MB"` for option `limits.bytes`, expected a whole number of bytes, 1 or more'],
    ['limits that are not an object', {limits: true}, 'Unexpected value `true` for option `limits`, expected `false` or an object with `bytes`, `lines`, `nesting` or `complexity`'],
    [
      'an invalid regular expression in an allow list',
      {rules: {'no-placeholders': ['error', {allow: ['[P]', '/[unclosed/']}]}},
      'Unexpected value `"/[unclosed/"` for option `rules.no-placeholders[1].allow[1]`, expected a valid regular expression written `"/…/flags"`'
    ],
    ['an unknown rule id', {rules: {'no-todo': 'error'}}, 'Unexpected unknown option `rules.no-todo`, expected a rule id: `required-headings`'],
    ['an unknown template id', {template: 'rfcs'}, 'Unexpected value `"rfcs"` for option `template`, expected a template id (`tip`']
  ]

  /** A template file written into the case's folder. */
  const writing = (name: string, content: string | Buffer) => (directory: string) => {
    const file = path.join(directory, name)
    writeFileSync(file, content)
    return file
  }
  const templateCases: Array<[string, (directory: string) => string, string]> = [
    ['a template file that is missing', (directory) => path.join(directory, 'missing.md'), '(no such file), expected a path to a Markdown template'],
    ['a template that is a folder', (directory) => directory, '(a folder, not a file)'],
    ['a template file that is binary', writing('binary.md', Buffer.from([0x23, 0x20, 0, 0xff])), '(not UTF-8 text)'],
    [
      'a template without sections',
      writing('empty.md', '# Only a title\n'),
      'without sections, expected `## Section` headings that plans must have (option `templates[0]`)'
    ],
    ['a template with invalid front matter', writing('bad-front-matter.md', '---\noptional: [a\n---\n\n# T\n\n## S\n'), '(option `templates[0]`)']
  ]

  /**
   * A folder whose files would each give a finding if they were read, in the
   * project where the packed package is installed (so `plan-lint` in
   * `.remarkrc.json` resolves, as for a user).
   */
  function project(options: unknown): string {
    const parent = path.join(inject('packedProject'), 'bad-options')
    mkdirSync(parent, {recursive: true})
    const directory = mkdtempSync(path.join(parent, 'case-'))
    writeFileSync(path.join(directory, '.remarkrc.json'), JSON.stringify({plugins: [['plan-lint', options]]}))
    writeFileSync(path.join(directory, 'broken.md'), broken.value)
    writeFileSync(path.join(directory, 'image.md'), Buffer.from([0, 1, 2, 3]))
    return directory
  }

  it.each(cases)('%s', async (_, options, words) => {
    const result = await cli(['.'], project(options))
    expect(result.stderr).toContain(words)
    expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
    expect(result.stdout).toBe('')
    expect(result.status).toBe(2)
  })

  it.each(templateCases)('%s', async (_, makeTemplate, words) => {
    const directory = project({})
    const template = makeTemplate(mkdtempSync(path.join(tmpdir(), 'plan-lint-template-')))
    writeFileSync(path.join(directory, '.remarkrc.json'), JSON.stringify({plugins: [['plan-lint', {templates: [template]}]]}))
    const result = await cli(['.'], directory)
    expect(result.stderr).toContain(words)
    expect(result.stderr).toMatch(/^plan-lint: (Cannot read template|Cannot read the front matter of template|Unexpected)/)
    expect(result.stdout).toBe('')
    expect(result.status).toBe(2)
  })
})
