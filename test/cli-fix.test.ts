import {chmodSync, lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {runEngine} from '../src/cli/engine.js'
import {fixFile} from '../src/cli/fix-files.js'
import {toCrlf} from './fix-helpers.js'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject, type RunResult} from './packed.js'

/** `plan-lint --fix` and `--fix-dry-run`, from the packed tarball. */
describe('plan-lint --fix (packed tarball)', () => {
  let project: PackedProject
  let work: string
  const run = (args: string[], env: Record<string, string> = {}): RunResult => project.run('plan-lint', args, {cwd: work, env})
  const read = (name: string) => readFileSync(path.join(work, name), 'utf8')

  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
  const mutations = mutationsOf('technical-plan')
  const renamed = mutations.find((mutation) => mutation.name.startsWith('renaming'))!
  const demoted = mutations.find((mutation) => mutation.name.startsWith('demoting'))!
  const removed = mutations.find((mutation) => mutation.name === 'removing `## Technical Approach`')!
  const past = new Date('2020-01-01T00:00:00Z')

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = mkdtempSync(path.join(project.directory, 'fix-'))
    writeFiles(work, {
      'docs/renamed.md': renamed.value,
      'docs/demoted.md': demoted.value,
      'docs/crlf.md': '\uFEFF' + toCrlf(renamed.value),
      'docs/good.md': good,
      'missing/plan.md': removed.value,
      'dry/plan.md': renamed.value,
      'cache/plan.md': renamed.value,
      'workers/a.md': renamed.value,
      'workers/b.md': demoted.value,
      'target/plan.md': renamed.value
    })
    chmodSync(path.join(work, 'docs/renamed.md'), 0o640)
    utimesSync(path.join(work, 'docs/good.md'), past, past)
    symlinkSync(path.join(work, 'target/plan.md'), path.join(work, 'link.md'))
  })

  it('fixes headings in place: the complete plan again, same line endings and BOM, same mode; a file without fixes is not touched', () => {
    const result = run(['--fix', 'docs/'])
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('docs/renamed.md: no issues found')
    expect(result.status).toBe(0)
    expect(read('docs/renamed.md')).toBe(good)
    expect(read('docs/demoted.md')).toBe(good)
    expect(read('docs/crlf.md')).toBe('\uFEFF' + toCrlf(good))
    expect(statSync(path.join(work, 'docs/renamed.md')).mode & 0o777).toBe(0o640)
    expect(statSync(path.join(work, 'docs/good.md')).mtime.getTime()).toBe(past.getTime())
    // A second run changes nothing.
    const before = statSync(path.join(work, 'docs/renamed.md')).mtimeMs
    expect(run(['--fix', 'docs/']).status).toBe(0)
    expect(statSync(path.join(work, 'docs/renamed.md')).mtimeMs).toBe(before)
  })

  it('inserts a missing section from the template; its placeholders are still reported (exit 1)', () => {
    const result = run(['--fix', 'missing/plan.md'])
    expect(result.stdout).not.toContain('required-headings')
    expect(result.stdout).toContain('no-placeholders')
    expect(result.status).toBe(1)
    const fixed = read('missing/plan.md')
    expect(fixed).toContain(
      '\n\n## Technical Approach\n\nOverall strategy for implementing this feature:\n\n- **Architectural Pattern**: [e.g., event-driven, layered architecture, microservices]\n'
    )
    expect(fixed.indexOf('## Technical Approach')).toBeGreaterThan(fixed.indexOf('## Executive Summary'))
    expect(fixed.indexOf('## Technical Approach')).toBeLessThan(fixed.indexOf('## System Architecture'))
  })

  it('writes through a symbolic link to its target, and the link stays a link', () => {
    expect(run(['--fix', 'link.md']).status).toBe(0)
    expect(lstatSync(path.join(work, 'link.md')).isSymbolicLink()).toBe(true)
    expect(read('target/plan.md')).toBe(good)
  })

  it('--fix-dry-run prints a unified diff, writes nothing, and exits as without --fix', () => {
    const file = path.join(work, 'dry/plan.md')
    utimesSync(file, past, past)
    const result = run(['--fix-dry-run', 'dry/'])
    const line = renamed.value.split('\n')[renamed.lines[0]! - 1]!
    expect(result.stdout).toContain('--- dry/plan.md\n+++ dry/plan.md\n')
    expect(result.stdout).toContain(`\n-${line}\n+${renamed.expected}\n`)
    expect(result.stdout).toContain('required-headings')
    expect(result.status).toBe(1)
    expect(read('dry/plan.md')).toBe(renamed.value)
    expect(statSync(file).mtime.getTime()).toBe(past.getTime())
  })

  it('--fix-dry-run --format json gives each fix as a text edit (offsets and new text) and the diff', () => {
    const result = run(['--fix-dry-run', '--format', 'json', 'dry/'])
    expect(result.status).toBe(1)
    const [file] = JSON.parse(result.stdout) as Array<{diff: string; messages: Array<{ruleId: string; fix?: {range: [number, number]; text: string}}>}>
    const fix = file!.messages.find((message) => message.ruleId === 'required-headings')!.fix!
    expect(fix.text).toBe(renamed.expected)
    expect(renamed.value.slice(0, fix.range[0]) + fix.text + renamed.value.slice(fix.range[1])).toBe(good)
    expect(file!.diff).toContain(`+${renamed.expected}`)
    expect(read('dry/plan.md')).toBe(renamed.value)
  })

  it('--fix with --cache: a cached file with fixes is fixed, and the next cached run reports the fixed file', () => {
    expect(run(['--cache', 'cache/']).status).toBe(1)
    const fixedRun = run(['--fix', '--cache', 'cache/'])
    expect(fixedRun.status).toBe(0)
    expect(read('cache/plan.md')).toBe(good)
    const cached = run(['--cache', 'cache/'])
    expect(cached.stdout).toContain('cache/plan.md: no issues found')
    expect(cached.status).toBe(0)
  })

  it('fixes on worker threads too', () => {
    const result = run(['--fix', 'workers/'], {PLAN_LINT_WORKERS: '1'})
    expect(result.status).toBe(0)
    expect(read('workers/a.md')).toBe(good)
    expect(read('workers/b.md')).toBe(good)
  })

  it('documents --fix and --fix-dry-run in --help', () => {
    const help = run(['--help']).stdout
    expect(help).toContain('--fix ')
    expect(help).toContain('--fix-dry-run')
  })
})

describe('fixFile', () => {
  it('does not write a file that changed on disk after it was read', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'plan-lint-fix-race-'))
    const file = path.join(folder, 'plan.md')
    const renamed = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!
    writeFileSync(file, renamed.value)
    const {files} = await runEngine(['plan.md'], {}, folder)
    // Someone saves the file between the lint and the write.
    writeFileSync(file, renamed.value + '\nA new line.\n')
    const result = await fixFile(files[0]!, {}, folder, 'write')
    expect(result.fixed?.status).toBe('refused')
    expect(result.fixed?.problem).toContain('changed on disk')
    expect(readFileSync(file, 'utf8')).toBe(renamed.value + '\nA new line.\n')
  })
})
