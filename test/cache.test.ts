import {createHash} from 'node:crypto'
import {existsSync, readFileSync, realpathSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject, type RunResult} from './packed.js'

/** The cache file as `plan-lint --cache` writes it (`src/cli/cache.ts`). */
interface CacheFile {
  format: number
  version: string
  files: Record<
    string,
    {hash: string; config: string; dependencies: Record<string, string | null>; result: {path: string; messages: Array<{reason: string}>}}
  >
}

/** `plan-lint --cache` from the packed tarball: same report and exit code, fewer files linted. */
describe('plan-lint --cache (packed tarball)', () => {
  let project: PackedProject
  let work: string
  const run = (cwd: string, args: string[]): RunResult => project.run('plan-lint', args, {cwd, env: {PLAN_LINT_WORKERS: '0'}})

  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
  const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!.value
  // Only a warning: a malformed checkbox in an otherwise complete plan.
  const warningOnly = good.replace(/^- \[ \] /m, '- [ ]')
  const template = (sections: string[]) => `---\nid: rfc\n---\n\n# RFC: [Title]\n\n${sections.map((name) => `## ${name}\n`).join('\n')}`
  const rfcPlan = '---\ntemplate: rfc\n---\n\n# RFC: Bulk export\n\n## Summary\n\nExport invoices in bulk.\n\n## Design\n\nA queue.\n'

  /** A folder of its own (with a `package.json`, so the default cache is inside it). */
  const folder = (name: string, files: Record<string, string>): string => {
    const directory = path.join(work, name)
    writeFiles(directory, {'package.json': JSON.stringify({name, private: true}), ...files})
    return realpathSync(directory)
  }
  const defaultCache = (directory: string) => path.join(directory, 'node_modules', '.cache', 'plan-lint', 'results.json')
  const readCache = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as CacheFile
  const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex')

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'cache')
  })

  it('reports the same output and exit code from the cache, in every format, without linting again', () => {
    const directory = folder('same', {
      'docs/good.md': good,
      'docs/broken.md': broken,
      'docs/warn.md': warningOnly,
      'docs/README.md': '# Docs\n\nNot a plan.\n'
    })
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const plain = run(directory, ['--format', format, 'docs/'])
      rmSync(path.join(directory, 'node_modules'), {recursive: true, force: true})
      const first = run(directory, ['--cache', '--format', format, 'docs/'])
      const second = run(directory, ['--cache', '--format', format, 'docs/'])
      expect(plain.status).toBe(1)
      for (const cached of [first, second]) {
        expect(cached.stdout).toBe(plain.stdout)
        expect(cached.stderr).toBe(plain.stderr)
        expect(cached.status).toBe(plain.status)
      }
    }

    // One entry per file, keyed by absolute path, with the hash of its bytes.
    const cache = readCache(defaultCache(directory))
    const names = ['README.md', 'broken.md', 'good.md', 'warn.md']
    expect(Object.keys(cache.files).sort()).toEqual(names.map((name) => path.join(directory, 'docs', name)))
    for (const name of names) {
      const file = path.join(directory, 'docs', name)
      expect(cache.files[file]!.hash).toBe(sha1(file))
    }
    expect(cache.files[path.join(directory, 'docs', 'broken.md')]!.result.messages.length).toBeGreaterThan(0)

    // A result read from the cache, not linted again: an edit to the stored
    // result of an unchanged file shows in the report.
    const entry = cache.files[path.join(directory, 'docs', 'broken.md')]!
    entry.result.messages[0]!.reason = 'Reported from the cache'
    writeFileSync(defaultCache(directory), JSON.stringify(cache))
    const fromCache = run(directory, ['--cache', 'docs/'])
    expect(fromCache.stdout).toContain('Reported from the cache')
    expect(fromCache.status).toBe(1)
  })

  it('lints a changed file again and reuses the unchanged ones', () => {
    const directory = folder('changed', {'docs/a.md': broken, 'docs/b.md': broken})
    const first = run(directory, ['--cache', '--format', 'json', 'docs/'])
    expect(first.status).toBe(1)
    const cache = readCache(defaultCache(directory))
    const unchanged = path.join(directory, 'docs', 'b.md')
    cache.files[unchanged]!.result.messages[0]!.reason = 'Stored result of b.md'
    writeFileSync(defaultCache(directory), JSON.stringify(cache))

    writeFileSync(path.join(directory, 'docs', 'a.md'), good)
    const second = run(directory, ['--cache', '--format', 'json', 'docs/'])
    const report = JSON.parse(second.stdout) as Array<{path: string; messages: Array<{message: string}>}>
    expect(report.find((file) => file.path === 'docs/a.md')!.messages).toEqual([])
    expect(report.find((file) => file.path === 'docs/b.md')!.messages[0]!.message).toBe('Stored result of b.md')
    expect(second.status).toBe(1)
    expect(readCache(defaultCache(directory)).files[path.join(directory, 'docs', 'a.md')]!.hash).toBe(
      sha1(path.join(directory, 'docs', 'a.md'))
    )
  })

  it('lints again after a `.remarkrc.json` changes', () => {
    const config = (severity: string) => JSON.stringify({plugins: [['plan-lint', {rules: {'checklist-format': severity}}]]})
    const directory = folder('config', {'.remarkrc.json': config('off'), 'docs/plan.md': warningOnly})
    const quiet = run(directory, ['--cache', 'docs/'])
    expect(quiet.stdout).toContain('docs/plan.md: no issues found')
    expect(quiet.status).toBe(0)

    writeFileSync(path.join(directory, '.remarkrc.json'), config('error'))
    const loud = run(directory, ['--cache', 'docs/'])
    expect(loud.stdout).toMatch(/error .*checklist-format/)
    expect(loud.status).toBe(1)
  })

  it('lints again after a custom template changes (`templates` option and `--template` path)', () => {
    const directory = folder('template', {
      '.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {templates: ['templates/rfc.md']}]]}),
      'templates/rfc.md': template(['Summary', 'Design']),
      'docs/plan.md': rfcPlan
    })
    const pass = run(directory, ['--cache', 'docs/'])
    expect(pass.stdout).toContain('docs/plan.md: no issues found')
    expect(pass.status).toBe(0)
    const rfc = path.join(directory, 'templates', 'rfc.md')
    expect(readCache(defaultCache(directory)).files[path.join(directory, 'docs', 'plan.md')]!.dependencies).toEqual({[rfc]: sha1(rfc)})

    writeFileSync(rfc, template(['Summary', 'Design', 'Rollout']))
    const missing = run(directory, ['--cache', 'docs/'])
    expect(missing.stdout).toMatch(/missing section `## Rollout`.*required-headings/)
    expect(missing.status).toBe(1)

    // A template given as a path on the command line.
    writeFileSync(path.join(directory, 'forced.md'), template(['Summary']))
    const forced = run(directory, ['--cache', '--template', './forced.md', 'docs/'])
    expect(forced.stdout).toContain('docs/plan.md: no issues found')
    writeFileSync(path.join(directory, 'forced.md'), template(['Summary', 'Risks']))
    const forcedChanged = run(directory, ['--cache', '--template', './forced.md', 'docs/'])
    expect(forcedChanged.stdout).toMatch(/missing section `## Risks`/)
    expect(forcedChanged.status).toBe(1)
  })

  it('stores results and template dependencies that come back from worker threads', () => {
    const plans = Object.fromEntries(
      Array.from({length: 30}, (_, index) => [`docs/plan-${String(index).padStart(2, '0')}.md`, index % 3 === 0 ? rfcPlan.replace('## Design', '## Designs') : rfcPlan])
    )
    const directory = folder('pool', {
      '.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {templates: ['templates/rfc.md']}]]}),
      'templates/rfc.md': template(['Summary', 'Design']),
      ...plans
    })
    const pooled = (args: string[]) => project.run('plan-lint', args, {cwd: directory, env: {PLAN_LINT_WORKERS: '2'}})
    const plain = pooled(['docs/'])
    expect(plain.status).toBe(1)
    const first = pooled(['--cache', 'docs/'])
    const second = pooled(['--cache', 'docs/'])
    for (const cached of [first, second]) {
      expect(cached.stdout).toBe(plain.stdout)
      expect(cached.status).toBe(1)
    }
    const rfc = path.join(directory, 'templates', 'rfc.md')
    const entries = Object.values(readCache(defaultCache(directory)).files)
    expect(entries).toHaveLength(30)
    for (const entry of entries) expect(entry.dependencies).toEqual({[rfc]: sha1(rfc)})
  })

  it('ignores a corrupt cache file or one from another version, and rebuilds it', () => {
    const directory = folder('corrupt', {'docs/broken.md': broken, 'docs/good.md': good})
    const plain = run(directory, ['docs/'])
    writeFiles(directory, {'node_modules/.cache/plan-lint/results.json': '{"format": 1, "files": {"trunc'})
    const corrupt = run(directory, ['--cache', 'docs/'])
    expect(corrupt.stdout).toBe(plain.stdout)
    expect(corrupt.stderr).toBe('')
    expect(corrupt.status).toBe(plain.status)
    const rebuilt = readCache(defaultCache(directory))
    expect(Object.keys(rebuilt.files)).toHaveLength(2)

    // Another version's results are not trusted, even for unchanged files.
    rebuilt.version = '0.0.0-other'
    for (const entry of Object.values(rebuilt.files)) entry.result.messages = []
    writeFileSync(defaultCache(directory), JSON.stringify(rebuilt))
    const otherVersion = run(directory, ['--cache', 'docs/'])
    expect(otherVersion.stdout).toBe(plain.stdout)
    expect(otherVersion.status).toBe(1)
    expect(readCache(defaultCache(directory)).version).not.toBe('0.0.0-other')
  })

  it('honours --cache-location, keeps entries of other folders and drops deleted files', () => {
    const directory = folder('location', {'one/a.md': good, 'one/b.md': broken, 'two/c.md': broken})
    const location = path.join(directory, 'custom', 'plan-lint.json')
    expect(run(directory, ['--cache', '--cache-location', 'custom/plan-lint.json', 'one/']).status).toBe(1)
    expect(run(directory, ['--cache', '--cache-location', location, 'two/']).status).toBe(1)
    expect(existsSync(defaultCache(directory))).toBe(false)
    const file = (name: string) => path.join(directory, name)
    expect(Object.keys(readCache(location).files).sort()).toEqual([file('one/a.md'), file('one/b.md'), file('two/c.md')])

    rmSync(file('one/b.md'))
    expect(run(directory, ['--cache', '--cache-location', location, 'two/']).status).toBe(1)
    expect(Object.keys(readCache(location).files).sort()).toEqual([file('one/a.md'), file('two/c.md')])
  })

  it('reads and writes no cache without --cache', () => {
    const directory = folder('off', {'docs/broken.md': broken})
    writeFiles(directory, {'node_modules/.cache/plan-lint/results.json': 'not read'})
    expect(run(directory, ['docs/']).status).toBe(1)
    expect(readFileSync(defaultCache(directory), 'utf8')).toBe('not read')
    rmSync(path.join(directory, 'node_modules'), {recursive: true})
    expect(run(directory, ['--cache-location', 'cache.json', 'docs/']).status).toBe(1)
    expect(existsSync(path.join(directory, 'node_modules'))).toBe(false)
    expect(existsSync(path.join(directory, 'cache.json'))).toBe(false)
  })

  it('writes no cache when the run fails with exit code 2', () => {
    const directory = folder('usage', {
      'docs/broken.md': broken,
      'bad/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {requireTemplate: 'yes'}]]}),
      'bad/plan.md': good
    })
    const unknownTemplate = run(directory, ['--cache', '--template', 'rfcs', 'docs/'])
    expect(unknownTemplate.status).toBe(2)
    const badOption = run(directory, ['--cache', 'bad/'])
    expect(badOption.stderr).toContain('requireTemplate')
    expect(badOption.status).toBe(2)
    const missing = run(directory, ['--cache', 'docs/', 'nowhere.md'])
    expect(missing.status).toBe(2)
    expect(existsSync(defaultCache(directory))).toBe(false)
  })

  it('warns once when the cache cannot be written, with the report and exit code unchanged', () => {
    const directory = folder('unwritable', {'docs/broken.md': broken})
    const plain = run(directory, ['docs/'])
    // A cache "folder" that is a file: the write fails.
    const cached = run(directory, ['--cache', '--cache-location', 'docs/broken.md/results.json', 'docs/'])
    expect(cached.stdout).toBe(plain.stdout)
    expect(cached.status).toBe(plain.status)
    expect(cached.stderr).toMatch(/^plan-lint: cannot write cache `.*results\.json`: .+\n$/)
    expect(readFileSync(path.join(directory, 'docs', 'broken.md'), 'utf8')).toBe(broken)
  })
})
