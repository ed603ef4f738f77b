import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {parse} from 'yaml'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject} from './packed.js'

interface ActionYaml {
  name: string
  inputs: Record<string, {description: string; required?: boolean; default?: string}>
  runs: {using: string; steps: Array<{shell: string; env: Record<string, string>; run: string}>}
}

const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as ActionYaml

/**
 * The composite action's step, run as GitHub runs it: the inputs substituted
 * into its `env`, the script under `bash --noprofile --norc -eo pipefail`,
 * with the packed tarball's `plan-lint` on PATH.
 */
describe('action.yml (composite), its step run with the packed binary', () => {
  let project: PackedProject
  let work: string

  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
  const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!

  const runAction = (inputs: Record<string, string>, cwd = work) => {
    const [step] = action.runs.steps
    const env: Record<string, string> = {}
    for (const [name, value] of Object.entries(step!.env)) {
      env[name] = value
        .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, input: string) => inputs[input] ?? action.inputs[input]?.default ?? '')
        .replace(/\$\{\{\s*github\.action_path\s*\}\}/g, root)
    }
    const script = path.join(project.directory, 'action-step.sh')
    writeFileSync(script, step!.run)
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        NO_COLOR: '1',
        PATH: `${path.join(project.directory, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`,
        ...env
      }
    })
    return {status: result.status, stdout: result.stdout, stderr: result.stderr}
  }

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'action')
    writeFiles(work, {
      'docs/plans/good.md': good,
      'docs/plans/broken.md': broken.value,
      'warn/plan.md': good.replace(/^- \[ \] /m, '- [ ]'),
      'README.md': '# Project\n'
    })
  })

  it('declares the inputs a workflow passes, runs composite, and takes inputs only through env', () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'fail-on-warnings', 'sarif']))
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10)
    expect(action.runs.using).toBe('composite')
    expect(action.runs.steps).toHaveLength(1)
    expect(action.runs.steps[0]!.shell).toBe('bash')
    // An input pasted into the script could run as shell code.
    expect(action.runs.steps[0]!.run).not.toContain('${{')
  })

  it('with the defaults: annotations for the whole repository, and the gate fails on an error', () => {
    const result = runAction({})
    expect(result.stdout).toMatch(/^::error file=docs\/plans\/broken\.md,line=\d+,.*title=plan-lint\/required-headings::Unexpected heading/m)
    expect(result.stdout).toMatch(/^::warning file=warn\/plan\.md,/m)
    expect(result.stdout).not.toContain('good.md')
    expect(result.status).toBe(1)
  })

  it('paths on several lines, format json; fail-on-warnings turns a warning into a failure', () => {
    const paths = 'docs/plans/good.md\n  warn/plan.md\n'
    const passing = runAction({paths, format: 'json'})
    expect(passing.stderr).toBe('')
    expect((JSON.parse(passing.stdout) as Array<{path: string}>).map((file) => file.path)).toEqual(['docs/plans/good.md', 'warn/plan.md'])
    expect(passing.status).toBe(0)
    expect(runAction({paths, format: 'json', 'fail-on-warnings': 'true'}).status).toBe(1)
  })

  it('sarif: writes the SARIF file for upload-sarif even when the gate fails (paths given as a glob)', () => {
    const result = runAction({paths: 'docs/**/*.md', sarif: 'reports/plan-lint.sarif', format: 'stylish'})
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('docs/plans/broken.md')
    const sarifFile = path.join(work, 'reports', 'plan-lint.sarif')
    expect(existsSync(sarifFile)).toBe(true)
    const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as {version: string; runs: Array<{results: Array<{ruleId: string}>}>}
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0]!.results.map((item) => item.ruleId)).toEqual(['required-headings'])
  })

  it('uses the project’s own node_modules/.bin/plan-lint when there is one', () => {
    writeFiles(project.directory, {'action-project/docs/plan.md': broken.value})
    const result = runAction({paths: 'action-project/docs', format: 'json'}, project.directory)
    expect((JSON.parse(result.stdout) as Array<{path: string}>)[0]!.path).toBe('action-project/docs/plan.md')
    expect(result.status).toBe(1)
  })

  it('bad input stops with exit 2 and says what is allowed', () => {
    const badFlag = runAction({'fail-on-warnings': 'yes'})
    expect(badFlag.stdout).toContain('Unexpected fail-on-warnings `yes`, expected `true` or `false`')
    expect(badFlag.status).toBe(2)
    const badFormat = runAction({format: 'xml'})
    expect(badFormat.stderr).toContain('Unexpected format `xml`')
    expect(badFormat.status).toBe(2)
    const missing = runAction({paths: 'nowhere/', sarif: 'x.sarif'})
    expect(missing.stderr).toContain('No such file or folder')
    expect(missing.status).toBe(2)
  })
})
