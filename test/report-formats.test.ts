import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {XMLValidator} from 'fast-xml-parser'
import {parse as parseJunit, type TestSuites} from 'junit2json'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {parse} from 'yaml'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject, type RunResult} from './packed.js'

const require = createRequire(import.meta.url)

interface JsonMessage {
  ruleId: string | null
  severity: string
  message: string
  line: number
}

interface CodeQualityIssue {
  description: string
  check_name: string
  fingerprint: string
  severity: string
  location: {path: string; lines: {begin: number; end?: number}}
}

/** `--format junit` and `--format gitlab` from the installed binary, read by a real JUnit parser and a JSON schema. */
describe('report formats for CI (packed tarball)', () => {
  let project: PackedProject
  let work: string
  const run = (args: string[]): RunResult => project.run('plan-lint', args, {cwd: work})

  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
  const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!
  // Markup, `]]>` and a control character XML cannot hold, quoted back in the message.
  const tricky = '---\ntemplate: "x<&\\"\'>]]>\\u0007y"\n---\n\n# Notes\n'
  // The same finding twice in one file: two `TBD` markers.
  const twice = good.replace('## Executive Summary\n', '## Executive Summary\n\nTBD.\n\nTBD.\n')
  // Only a warning: a malformed checkbox in an otherwise complete plan.
  const warningOnly = good.replace(/^- \[ \] /m, '- [ ]')

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'report-formats')
    writeFiles(work, {
      'docs/good.md': good,
      'docs/broken.md': broken.value,
      'docs/tricky.md': tricky,
      'docs/twice.md': twice,
      'docs/warn.md': warningOnly,
      'docs/binary.md': '\u0000\u0001binary'
    })
  })

  const jsonReport = (): Map<string, JsonMessage[]> => {
    const result = run(['--format', 'json', 'docs/'])
    const report = JSON.parse(result.stdout) as Array<{path: string; messages: JsonMessage[]}>
    return new Map(report.map((file) => [file.path, file.messages]))
  }

  it('--format junit: well-formed XML that a JUnit parser reads as one suite per file, one case per finding', async () => {
    const result = run(['--format', 'junit', 'docs/'])
    expect(result.status).toBe(1)
    expect(XMLValidator.validate(result.stdout)).toBe(true)
    const parsed = (await parseJunit(result.stdout)) as TestSuites
    const suites = parsed.testsuite ?? []
    const expected = jsonReport()
    expect(suites.map((suite) => suite.name).sort()).toEqual([...expected.keys()].sort())

    let failures = 0
    let errors = 0
    for (const suite of suites) {
      const messages = expected.get(suite.name!)!
      const cases = suite.testcase ?? []
      if (messages.length === 0) {
        // A clean file is one passing case, so the report counts it.
        expect(cases).toHaveLength(1)
        expect(cases[0]!.failure).toBeUndefined()
        expect(cases[0]!.error).toBeUndefined()
        continue
      }
      expect(cases).toHaveLength(messages.length)
      expect(suite.tests).toBe(messages.length)
      cases.forEach((testCase, index) => {
        const message = messages[index]!
        expect(testCase.classname).toBe(suite.name)
        expect(testCase.name).toBe(message.ruleId)
        const details = [...(testCase.failure ?? []), ...(testCase.error ?? [])]
        expect(details).toHaveLength(1)
        // Escaping round-trips: the parsed text is the message, less what XML cannot hold.
        expect(details[0]!.message).toBe(message.message.replace(/\u0007/g, '\uFFFD'))
        expect(details[0]!.type).toBe(message.severity)
        expect(details[0]!.inner).toContain(`${suite.name}:${message.line}:`)
      })
      failures += cases.filter((testCase) => testCase.failure).length
      errors += cases.filter((testCase) => testCase.error).length
      expect(suite.failures).toBe(cases.filter((testCase) => testCase.failure).length)
      expect(suite.errors).toBe(cases.filter((testCase) => testCase.error).length)
    }
    expect(parsed.failures).toBe(failures)
    expect(parsed.errors).toBe(errors)
    // The file that cannot be read is an error, not a failed check.
    const binary = suites.find((suite) => suite.name === 'docs/binary.md')!
    expect(binary.testcase![0]!.error![0]!.message).toMatch(/^Unexpected binary file/)
    // The tricky text survives escaping, including `]]>`.
    const trickySuite = suites.find((suite) => suite.name === 'docs/tricky.md')!
    expect(trickySuite.testcase![0]!.failure![0]!.message).toContain('`x<&"\'>]]>\uFFFDy`')
  })

  it('--format junit --quiet drops warnings; a clean run is all passing cases', async () => {
    const quiet = run(['--format', 'junit', '--quiet', 'docs/warn.md', 'docs/good.md'])
    expect(quiet.status).toBe(0)
    expect(XMLValidator.validate(quiet.stdout)).toBe(true)
    const parsed = (await parseJunit(quiet.stdout)) as TestSuites
    expect(parsed).toMatchObject({tests: 2, failures: 0, errors: 0})
    const loud = (await parseJunit(run(['--format', 'junit', 'docs/warn.md']).stdout)) as TestSuites
    expect(loud.testsuite![0]!.testcase![0]!.failure![0]!.type).toBe('warning')
  })

  it('--format gitlab: a Code Quality report that matches the schema from GitLab’s docs, one issue per finding', () => {
    const result = run(['--format', 'gitlab', 'docs/'])
    expect(result.status).toBe(1)
    const issues = JSON.parse(result.stdout) as CodeQualityIssue[]
    expect(validateCodeQuality(issues)).toEqual([])
    // The schema does reject what GitLab would not read.
    expect(validateCodeQuality([{...issues[0], severity: 'error'}])).not.toEqual([])
    expect(validateCodeQuality([{...issues[0], location: {path: issues[0]!.location.path}}])).not.toEqual([])
    const expected = jsonReport()
    const all = [...expected.entries()].flatMap(([file, messages]) => messages.map((message) => ({file, message})))
    expect(issues).toHaveLength(all.length)
    issues.forEach((issue, index) => {
      const {file, message} = all[index]!
      expect(issue.location.path).toBe(file)
      expect(issue.location.lines.begin).toBe(message.line)
      expect(issue.description).toBe(message.message)
      expect(issue.check_name).toBe(message.ruleId ?? 'file-error')
      expect(issue.severity).toBe(({error: 'major', warning: 'minor', info: 'info'} as const)[message.severity as 'error'])
    })
    // GitLab keeps only the first issue of a fingerprint: they must be unique, even for the same finding twice.
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length)
    const tbd = issues.filter((issue) => issue.location.path === 'docs/twice.md' && issue.description.includes('`TBD`'))
    expect(tbd).toHaveLength(2)
  })

  it('--format gitlab: fingerprints are the same on every run and when lines above a finding move', () => {
    const first = JSON.parse(run(['--format', 'gitlab', 'docs/']).stdout) as CodeQualityIssue[]
    const second = JSON.parse(run(['--format', 'gitlab', 'docs/']).stdout) as CodeQualityIssue[]
    expect(second).toEqual(first)

    // Three blank lines under the title: every finding moves down three lines.
    const moved = (value: string) => value.replace(/^(# .*\n)/m, '$1\n\n\n')
    writeFiles(work, {'docs/broken.md': moved(broken.value), 'docs/twice.md': moved(twice)})
    try {
      const after = JSON.parse(run(['--format', 'gitlab', 'docs/']).stdout) as CodeQualityIssue[]
      expect(after).toHaveLength(first.length)
      const movedBefore = first.filter((issue) => ['docs/broken.md', 'docs/twice.md'].includes(issue.location.path))
      expect(movedBefore.length).toBeGreaterThanOrEqual(3)
      for (const issue of movedBefore) {
        const same = after.find((other) => other.fingerprint === issue.fingerprint)
        expect(same, issue.description).toBeDefined()
        expect(same!.location.lines.begin).toBe(issue.location.lines.begin + 3)
        expect(same!.description).toBe(issue.description)
      }
    } finally {
      writeFiles(work, {'docs/broken.md': broken.value, 'docs/twice.md': twice})
    }
  })

  it('--format gitlab --output-file writes the artifact; a clean run is an empty array', () => {
    const result = run(['--format', 'gitlab', '--output-file', 'out/gl-code-quality-report.json', 'docs/good.md'])
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('')
    const issues = JSON.parse(readFileSync(path.join(work, 'out', 'gl-code-quality-report.json'), 'utf8')) as unknown
    expect(issues).toEqual([])
    expect(validateCodeQuality(issues)).toEqual([])
  })

  it('the README’s `.gitlab-ci.yml` recipe writes the codequality artifact it names', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const recipe = /```yaml\n# \.gitlab-ci\.yml\n([\s\S]*?)```/.exec(readme)![1]!
    const job = (parse(recipe) as {'plan-lint': {script: string[]; artifacts: {when: string; reports: {codequality: string}}}})['plan-lint']
    const artifact = job.artifacts.reports.codequality
    expect(job.artifacts.when).toBe('always')
    const command = job.script.find((line) => line.startsWith('npx plan-lint'))!
    const args = command.split(/\s+/).slice(2)
    expect(args).toContain(artifact)
    const result = run(args.map((arg) => (arg === 'docs/' ? 'docs/broken.md' : arg)))
    expect(result.status).toBe(1)
    const issues = JSON.parse(readFileSync(path.join(work, artifact), 'utf8')) as CodeQualityIssue[]
    expect(validateCodeQuality(issues)).toEqual([])
    expect(issues.map((issue) => issue.check_name)).toEqual(['required-headings'])
  })

  it('--format html: the same page from worker threads and from the cache (detection rides on the result, no second parse)', () => {
    const page = (name: string, args: string[], env: Record<string, string> = {}) => {
      const result = project.run('plan-lint', ['--format', 'html', '--output-file', `out/${name}.html`, ...args, 'docs/'], {cwd: work, env})
      expect(result.status).toBe(1)
      return readFileSync(path.join(work, 'out', `${name}.html`), 'utf8')
    }
    const direct = page('direct', [], {PLAN_LINT_WORKERS: '0'})
    expect(direct).toContain('<td class="template">technical-plan</td>')
    expect(direct).toMatch(/<span style="width: 97%"><\/span><\/span>97%/)
    expect(page('workers', [], {PLAN_LINT_WORKERS: '2'})).toBe(direct)
    const location = ['--cache', '--cache-location', 'out/cache.json']
    expect(page('cache-fill', location)).toBe(direct)
    const cached = readFileSync(path.join(work, 'out', 'cache.json'), 'utf8')
    expect(cached).toContain('"template":{"id":"technical-plan","coverage":')
    expect(page('cache-hit', location)).toBe(direct)
  })

  it('--format html without --output-file is a usage error (exit 2) that says what to add', () => {
    const result = run(['--format', 'html', 'docs/'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('Unexpected `--format html` without `--output-file`')
    expect(result.stdout).toBe('')
  })
})

function validateCodeQuality(report: unknown): unknown[] {
  const Ajv = require('ajv') as new (options: object) => {compile(schema: object): ((data: unknown) => boolean) & {errors?: unknown[] | null}}
  const ajv = new Ajv({allErrors: true, strict: true, strictRequired: false})
  const schema = JSON.parse(readFileSync(path.join(root, 'test', 'schemas', 'gitlab-code-quality.schema.json'), 'utf8')) as object
  const validate = ajv.compile(schema)
  return validate(report) ? [] : (validate.errors ?? ['invalid'])
}

/** The status column shows what the preset records on `file.data.planLintStatus`, also after a worker or the cache. */
describe('--format html status column', () => {
  it('shows each plan’s status as written, and nothing for a plan without one', () => {
    const project = openPackedProject(inject('packedProject'))
    const work = path.join(project.directory, 'html-status')
    const plan = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
    expect(plan).toContain('**Status**: Approved')
    writeFiles(work, {
      'docs/approved.md': plan,
      'docs/draft.md': plan.replace('**Status**: Approved', '**Status**: Draft'),
      'docs/none.md': plan.replace('**Status**: Approved\n', '')
    })
    for (const extra of [[], ['--cache'], ['--cache']]) {
      const result = project.run('plan-lint', ['--format', 'html', '--output-file', 'report.html', ...extra, 'docs/'], {cwd: work})
      expect(result.status, result.stderr).toBe(0)
      const page = readFileSync(path.join(work, 'report.html'), 'utf8')
      const statuses = [...page.matchAll(/<td class="status">([^<]*)<\/td>/g)].map((match) => match[1])
      expect(statuses).toEqual(['Approved', 'Draft', ''])
    }
  })
})
