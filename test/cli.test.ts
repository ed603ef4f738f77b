import {existsSync, readFileSync, statSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {builtinTemplateIds} from '../src/template/builtin.js'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject, type RunResult} from './packed.js'

const require = createRequire(import.meta.url)

/** The installed `plan-lint` binary from the packed tarball, in every mode. */
describe('plan-lint CLI (packed tarball)', () => {
  let project: PackedProject
  let work: string
  const run = (args: string[], env: Record<string, string> = {}, cwd = work): RunResult =>
    project.run('plan-lint', args, {cwd, env})

  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
  const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!
  // Front matter with an unknown template: a finding over three lines.
  const unknownTemplate = '---\ntemplate: rfcs\n---\n\n# Notes\n'
  // Only a warning: a malformed checkbox in an otherwise complete plan.
  const warningOnly = good.replace(/^- \[ \] /m, '- [ ]')

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'cli')
    writeFiles(work, {
      'docs/good.md': good,
      'docs/broken.md': broken.value,
      'docs/unknown.md': unknownTemplate,
      'docs/README.md': '# Docs\n\nNot a plan.\n',
      'warn/plan.md': warningOnly,
      'clean/plan.md': good,
      'clean/node_modules/dep/bad.md': broken.value,
      'clean/skipped/bad.md': broken.value,
      'clean/.remarkignore': 'skipped/\n'
    })
  })

  it('lints a folder: stylish report, exit 1 on errors', () => {
    const result = run(['docs/'])
    expect(result.stdout).toContain('docs/broken.md')
    expect(result.stdout).toMatch(/\d+:\d+-\d+:\d+\s+error\s+Unexpected heading .*required-headings\s+plan-lint/)
    expect(result.stdout).toContain('docs/good.md: no issues found')
    expect(result.status).toBe(1)
  })

  it('passes a clean folder with exit 0, honouring .remarkignore and skipping node_modules', () => {
    const result = run([], {}, path.join(work, 'clean'))
    expect(result.stdout).toContain('plan.md: no issues found')
    expect(result.stdout).not.toContain('bad.md')
    expect(result.status).toBe(0)
  })

  it('prints no colour when not a terminal, and none with NO_COLOR even when asked by TTY', () => {
    const result = run(['docs/'], {NO_COLOR: '1'})
    expect(result.stdout).not.toMatch(/\u001B\[/)
  })

  it('--format json: every file with its messages on stdout', () => {
    const result = run(['--format', 'json', 'docs/'])
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: Array<Record<string, unknown>>}>
    const byPath = Object.fromEntries(report.map((file) => [file.path, file.messages]))
    expect(Object.keys(byPath).sort()).toEqual(['docs/README.md', 'docs/broken.md', 'docs/good.md', 'docs/unknown.md'])
    expect(byPath['docs/good.md']).toEqual([])
    const [message] = byPath['docs/broken.md']!
    expect(message).toMatchObject({ruleId: 'required-headings', source: 'plan-lint', severity: 'error'})
    expect(message!.url).toMatch(/rules\/required-headings\.md$/)
    expect(message!.expected).toEqual([broken.expected])
    expect(result.status).toBe(1)
  })

  it('--format sarif: valid SARIF 2.1.0 with rules and one located result per finding', () => {
    const result = run(['--format', 'sarif', 'docs/'])
    const log = JSON.parse(result.stdout) as {
      runs: Array<{tool: {driver: {rules: Array<{id: string; helpUri?: string}>}}; results: Array<{ruleId: string; locations: unknown[]}>}>
    }
    expect(validateSarif(log)).toEqual([])
    const [sarifRun] = log.runs
    const ruleIds = sarifRun!.tool.driver.rules.map((rule) => rule.id)
    expect(ruleIds).toContain('required-headings')
    expect(sarifRun!.tool.driver.rules.every((rule) => rule.helpUri?.startsWith('https://'))).toBe(true)
    const json = JSON.parse(run(['--format', 'json', 'docs/']).stdout) as Array<{messages: unknown[]}>
    const findings = json.reduce((sum, file) => sum + file.messages.length, 0)
    expect(sarifRun!.results).toHaveLength(findings)
    for (const entry of sarifRun!.results) expect(entry.locations).toHaveLength(1)
    expect(result.status).toBe(1)
  })

  it('--output-file writes the report to a file and nothing to stdout', () => {
    const result = run(['--format', 'sarif', '--output-file', 'out/plan-lint.sarif', 'docs/broken.md'])
    expect(result.stdout).toBe('')
    const file = path.join(work, 'out', 'plan-lint.sarif')
    expect(validateSarif(JSON.parse(readFileSync(file, 'utf8')))).toEqual([])
    expect(result.status).toBe(1)
  })

  it('--format github: one annotation per finding, no columns on a multi-line range', () => {
    const result = run(['--format', 'github', 'docs/'])
    const lines = result.stdout.trim().split('\n')
    const renamed = lines.find((line) => line.includes('file=docs/broken.md'))!
    expect(renamed).toMatch(
      /^::error file=docs\/broken\.md,line=\d+,col=1,endLine=\d+,endColumn=\d+,title=plan-lint\/required-headings::Unexpected heading /
    )
    const multiline = lines.find((line) => line.includes('file=docs/unknown.md'))!
    expect(multiline).toBe(
      `::error file=docs/unknown.md,line=1,endLine=3,title=plan-lint/known-template::Unexpected unknown template \`rfcs\` in front matter, expected one of ${builtinTemplateIds.map((id) => '`' + id + '`').join(', ')} (or \`none\`)`
    )
    expect(lines).toHaveLength(2)
  })

  it('exit codes: warnings pass, --max-warnings fails, --quiet hides warnings', () => {
    const warnings = run(['warn/'])
    expect(warnings.stdout).toMatch(/warning\s+Unexpected/)
    expect(warnings.status).toBe(0)
    expect(run(['--max-warnings', '1', 'warn/']).status).toBe(0)
    const strict = run(['--max-warnings', '0', 'warn/'])
    expect(strict.status).toBe(1)
    expect(strict.stderr).toContain('more than --max-warnings 0')
    const quiet = run(['--quiet', 'warn/'])
    expect(quiet.stdout).not.toContain('warning')
    expect(quiet.status).toBe(0)
  })

  it('exit 2 for a path that does not exist, an unknown flag, a bad format or a bad --max-warnings', () => {
    for (const args of [['nope/'], ['--frobnicate'], ['--format', 'xml', 'docs/'], ['--max-warnings', 'many', 'docs/']]) {
      const result = run(args)
      expect(result.status, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/^plan-lint: /)
      expect(result.stderr).not.toMatch(/^\s+at /m)
    }
    expect(run(['nope/']).stderr).toContain('No such file or folder: `nope')
  })

  it('exit 2 naming the option for a bad config', () => {
    writeFiles(work, {
      'badconfig/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {requireTemplate: 'yes'}]]}),
      'badconfig/plan.md': good
    })
    const result = run(['.'], {}, path.join(work, 'badconfig'))
    expect(result.stderr).toBe('plan-lint: Unexpected value `"yes"` for option `requireTemplate`, expected a boolean\n')
    expect(result.status).toBe(2)
  })

  it('--template: checks every file against it; an unknown id exits 2 listing the known ones', () => {
    const forced = run(['--template', 'tip', 'docs/good.md'])
    expect(forced.stdout).toContain('(template `tip`)')
    expect(forced.status).toBe(1)
    const unknown = run(['--template', 'rfcs', 'docs/'])
    expect(unknown.stderr).toContain(`Unexpected value \`"rfcs"\` for option \`template\`, expected a template id (${builtinTemplateIds.map((id) => '`' + id + '`').join(', ')})`)
    expect(unknown.status).toBe(2)
  })

  it('which: path, tab, template id or none, tab, share of required sections', () => {
    const result = run(['which', 'docs/good.md', 'docs/README.md', 'docs/broken.md'])
    expect(result.stdout).toBe(
      'docs/good.md\ttechnical-plan\t1.00\ndocs/README.md\tnone\t0.00\ndocs/broken.md\ttechnical-plan\t0.97\n'
    )
    expect(result.status).toBe(0)
  })

  it('templates: built-in and configured templates with their source files', () => {
    writeFiles(work, {
      'custom/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {templates: ['templates/rfc.md']}]]}),
      'custom/templates/rfc.md': readFileSync(path.join(root, 'fixtures', 'templates', 'rfc.md'), 'utf8')
    })
    const result = run(['templates'], {}, path.join(work, 'custom'))
    const lines = result.stdout.trim().split('\n')
    // The configured `rfc` takes the place of the built-in one with its id.
    expect(lines.map((line) => line.split('\t')[0])).toEqual([...builtinTemplateIds.filter((id) => id !== 'rfc'), 'rfc'])
    expect(lines[1]).toMatch(/^technical-plan\tTechnical Plan: \[Feature Name\]\tbuilt-in .*node_modules\/remark-plan-lint\/templates\/technical-plan\.md$/)
    expect(lines.at(-1)).toBe('rfc\tRFC: [Title]\ttemplates/rfc.md')
    expect(result.status).toBe(0)
  })

  it('new: a plan detected as its template, with every section, reported once until something is filled in', () => {
    for (const id of builtinTemplateIds) {
      const created = run(['new', id, '--title', 'Bulk export', '--output', `new/${id}.md`])
      expect(created.status, created.stderr).toBe(0)
      const which = run(['which', `new/${id}.md`])
      expect(which.stdout).toBe(`new/${id}.md\t${id}\t1.00\n`)
      const lint = run(['--format', 'json', `new/${id}.md`])
      const [file] = JSON.parse(lint.stdout) as Array<{messages: Array<{ruleId: string; message: string}>}>
      // One cause, one finding: an unfilled copy, not one finding per placeholder.
      expect(file!.messages.map((message) => message.ruleId)).toEqual(['no-template-text'])
      expect(file!.messages[0]!.message).toContain(`Unexpected copy of template \`${id}\` that nothing has filled in yet (front matter declares it)`)
      // spec-kit’s `**Status**: Draft` is never updated, so its template judges it at `review`: still errors.
      // A BMAD story starts as a real draft (`## Status` `Draft`): warnings only.
      expect(lint.status, id).toBe(id === 'bmad-story' ? 0 : 1)
    }
    const printed = run(['new', 'tip', '--title', 'Bulk export'])
    expect(printed.stdout.startsWith('---\ntemplate: tip\n---\n\n# Technical Implementation Plan (TIP): Bulk export\n')).toBe(true)
  })

  it('new --output never overwrites a file', () => {
    writeFiles(work, {'existing/plan.md': 'mine\n'})
    const before = statSync(path.join(work, 'existing/plan.md')).mtimeMs
    const result = run(['new', 'tip', '--output', 'existing/plan.md'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('the file exists')
    expect(readFileSync(path.join(work, 'existing/plan.md'), 'utf8')).toBe('mine\n')
    expect(statSync(path.join(work, 'existing/plan.md')).mtimeMs).toBe(before)
    expect(run(['new', 'rfcs']).status).toBe(2)
  })

  it('--help shows an example for each mode; --version the package version', () => {
    const help = run(['--help'])
    for (const example of ['plan-lint docs/', '--format sarif', '--format github', 'plan-lint which', 'plan-lint templates', 'plan-lint new']) {
      expect(help.stdout).toContain(example)
    }
    expect(help.status).toBe(0)
    const version = run(['--version'])
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version)
  })

  it('gives the same findings as `remark --use plan-lint` for the same files and config', () => {
    writeFiles(work, {
      'agree/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {rules: {'required-headings': 'warn'}}]]}),
      'agree/a.md': broken.value,
      'agree/b.md': warningOnly,
      'agree/c.md': unknownTemplate
    })
    const cwd = path.join(work, 'agree')
    const cli = JSON.parse(run(['--format', 'json', '.'], {}, cwd).stdout) as Array<{path: string; messages: Array<{line: number; column: number; ruleId: string; message: string; severity: string}>}>
    const remark = project.run('remark', ['--no-stdout', '--report', 'json', '.'], {cwd})
    const remarkReport = JSON.parse(remark.stderr) as Array<{path: string; messages: Array<{line: number; column: number; ruleId: string; reason: string; fatal: boolean}>}>
    const normalise = (files: Array<{path: string; messages: Array<{line: number; column: number; ruleId: string; text: string; error: boolean}>}>) =>
      files.map((file) => ({path: file.path, messages: file.messages})).sort((a, b) => a.path.localeCompare(b.path))
    const fromCli = normalise(cli.map((file) => ({path: file.path, messages: file.messages.map((message) => ({line: message.line, column: message.column, ruleId: message.ruleId, text: message.message, error: message.severity === 'error'}))})))
    const fromRemark = normalise(remarkReport.map((file) => ({path: file.path, messages: file.messages.map((message) => ({line: message.line, column: message.column, ruleId: message.ruleId, text: message.reason, error: message.fatal === true}))})))
    expect(fromCli.reduce((sum, file) => sum + file.messages.length, 0)).toBeGreaterThan(2)
    expect(fromCli).toEqual(fromRemark)
  })

  it('worker pool: same report, order and exit code as one thread, with config and ignore files per folder', () => {
    // More files than a batch, in nested folders with their own config and ignore files.
    const files: Record<string, string> = {
      'pool/.remarkignore': 'skipped/\n',
      'pool/.remarkrc.json': JSON.stringify({plugins: ['plan-lint']}),
      'pool/skipped/bad.md': broken.value,
      'pool/node_modules/dep/bad.md': broken.value,
      'pool/team/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {rules: {'required-headings': 'warn'}}]]})
    }
    const kinds = [good, broken.value, warningOnly, unknownTemplate, '# Notes\n\nNot a plan.\n']
    for (let index = 0; index < 45; index++) {
      const folder = index % 3 === 0 ? 'team' : index % 3 === 1 ? 'docs/a' : 'docs/b'
      files[`pool/${folder}/plan-${String(index).padStart(2, '0')}.md`] = kinds[index % kinds.length]!
    }
    writeFiles(work, files)
    const cwd = path.join(work, 'pool')
    for (const format of ['stylish', 'json', 'github']) {
      const serial = run(['--format', format, '.'], {PLAN_LINT_WORKERS: '0'}, cwd)
      const pooled = run(['--format', format, '.'], {PLAN_LINT_WORKERS: '2'}, cwd)
      const byDefault = run(['--format', format, '.'], {}, cwd)
      expect(serial.status).toBe(1)
      expect(pooled).toEqual(serial)
      expect(byDefault).toEqual(serial)
    }
    const report = JSON.parse(run(['--format', 'json', '.'], {PLAN_LINT_WORKERS: '2'}, cwd).stdout) as Array<{path: string; messages: Array<{ruleId: string; severity: string}>}>
    const paths = report.map((file) => file.path)
    expect(paths).toHaveLength(45)
    expect(paths).toEqual([...paths].sort())
    expect(paths.some((item) => item.startsWith('skipped/') || item.includes('node_modules'))).toBe(false)
    // The folder's own config reached the workers: missing sections are warnings there.
    const team = report.filter((file) => file.path.startsWith('team/')).flatMap((file) => file.messages)
    expect(team.some((message) => message.ruleId === 'required-headings')).toBe(true)
    expect(team.filter((message) => message.ruleId === 'required-headings').every((message) => message.severity === 'warning')).toBe(true)
    // And the same findings as remark gives.
    const remark = JSON.parse(project.run('remark', ['--no-stdout', '--report', 'json', '.'], {cwd}).stderr) as Array<{path: string; messages: unknown[]}>
    expect(report.map((file) => [file.path, file.messages.length])).toEqual(
      remark.map((file) => [file.path, file.messages.length]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1))
    )
  })

  it('a file that is missing among found ones exits 2 in a pooled run too', () => {
    const cwd = path.join(work, 'pool')
    const result = run(['docs', 'missing.md'], {PLAN_LINT_WORKERS: '2'}, cwd)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('No such file or folder: `missing.md`')
  })
})

function validateSarif(log: unknown): unknown[] {
  // The official SARIF 2.1.0 schema, as shipped in @microsoft/jest-sarif.
  const Ajv = require('ajv-draft-04') as new (options: object) => {compile(schema: object): ((data: unknown) => boolean) & {errors?: unknown[] | null}}
  const addFormats = require('ajv-formats') as (ajv: unknown) => void
  const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
  expect(existsSync(schemaFile)).toBe(true)
  const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: false})
  addFormats(ajv)
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object)
  return validate(log) ? [] : (validate.errors ?? ['invalid'])
}
