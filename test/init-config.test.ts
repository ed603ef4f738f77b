import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {planConfigChange, type Registration} from '../src/cli/remarkrc.js'

/** How `init` registers templates in the remark configuration it finds (in process; the CLI cases are in init.test.ts). */
describe('init: registering templates', () => {
  const registration: Registration = {templates: ['./plan-templates/tips.md'], templateGlobs: {'docs/tips/**/*.md': 'tips'}}
  const folder = (files: Record<string, string> = {}) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'plan-lint-init-config-'))
    for (const [name, value] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(cwd, name)), {recursive: true})
      writeFileSync(path.join(cwd, name), value)
    }
    return cwd
  }
  const written = (cwd: string) => {
    const change = planConfigChange(cwd, registration, false)
    if (change.kind !== 'write') throw new Error('expected a write, got: ' + change.reason)
    return JSON.parse(change.text) as unknown
  }

  it('creates `.remarkrc.json` with the plugin entry unified-engine reads', () => {
    const cwd = folder()
    expect(planConfigChange(cwd, registration, false)).toMatchObject({kind: 'write', file: path.join(cwd, '.remarkrc.json'), created: true})
    expect(written(cwd)).toEqual({plugins: [['remark-plan-lint', registration]]})
  })

  it('merges into a `.remarkrc` (JSON), a bare plugin name, an object of plugins, and keeps other plugins', () => {
    expect(written(folder({'.remarkrc': JSON.stringify({plugins: ['remark-gfm', 'plan-lint']})}))).toEqual({
      plugins: ['remark-gfm', ['plan-lint', registration]]
    })
    expect(written(folder({'.remarkrc.json': JSON.stringify({plugins: {'remark-gfm': {}, 'remark-plan-lint': {requireTemplate: true}}})}))).toEqual({
      plugins: {'remark-gfm': {}, 'remark-plan-lint': {requireTemplate: true, ...registration}}
    })
    expect(written(folder({'.remarkrc.json': JSON.stringify({plugins: [['remark-lint-no-html']]})}))).toEqual({
      plugins: [['remark-lint-no-html'], ['remark-plan-lint', registration]]
    })
    // Registering the same templates again changes nothing.
    const again = {plugins: [['remark-plan-lint', registration]]}
    expect(written(folder({'.remarkrc.json': JSON.stringify(again)}))).toEqual(again)
  })

  it('prints instead of editing a script, YAML or package.json configuration, or one in a parent folder', () => {
    for (const name of ['.remarkrc.js', '.remarkrc.mjs', '.remarkrc.cjs', '.remarkrc.yml', '.remarkrc.yaml']) {
      expect(planConfigChange(folder({[name]: ''}), registration, false)).toMatchObject({kind: 'print', reason: `plan-lint does not edit \`${name}\``})
    }
    expect(planConfigChange(folder({'package.json': '{"remarkConfig": {"plugins": []}}'}), registration, false)).toMatchObject({kind: 'print'})
    // A package.json without remarkConfig is no configuration (as for unified-engine).
    expect(planConfigChange(folder({'package.json': '{"name": "x"}'}), registration, false)).toMatchObject({kind: 'write', created: true})
    const parent = folder({'.remarkrc.json': '{}', 'sub/plan.md': ''})
    const change = planConfigChange(path.join(parent, 'sub'), registration, false)
    expect(change).toMatchObject({kind: 'print', reason: '`../.remarkrc.json` configures remark here, and a `.remarkrc.json` in this folder would hide it'})
  })

  it('stops on a file it cannot read, and on a glob mapped elsewhere unless forced', () => {
    expect(() => planConfigChange(folder({'.remarkrc.json': '{plugins: ['}), registration, false)).toThrow(/^Cannot read `\.remarkrc\.json`: .*, expected JSON \(nothing was written\)$/)
    expect(() => planConfigChange(folder({'.remarkrc.json': '[]'}), registration, false)).toThrow('Unexpected `.remarkrc.json` that is not a JSON object')
    const taken = JSON.stringify({plugins: [['remark-plan-lint', {templateGlobs: {'docs/tips/**/*.md': 'tip'}}]]})
    expect(() => planConfigChange(folder({'.remarkrc.json': taken}), registration, false)).toThrow('run again with `--force` to replace it')
    const forced = planConfigChange(folder({'.remarkrc.json': taken}), registration, true)
    expect(forced.kind === 'write' && JSON.parse(forced.text)).toEqual({plugins: [['remark-plan-lint', {templates: registration.templates, templateGlobs: registration.templateGlobs}]]})
  })
})

describe('init: globs for a group', () => {
  it('globs the folder when it holds only the group, else each folder that does, else the plans by name', async () => {
    const {globsFor} = await import('../src/cli/init.js')
    const group = ['docs/tips/a.md', 'docs/tips/b.md', 'docs/tips/old/c.md']
    expect(globsFor(group, [...group, 'README.md'])).toEqual(['docs/tips/**/*.md'])
    expect(globsFor(group, [...group, 'docs/tips/README.md'])).toEqual(['docs/tips/a.md', 'docs/tips/b.md', 'docs/tips/old/*.md'])
    expect(globsFor(['a.md', 'b.markdown', 'c.md'], ['a.md', 'b.markdown', 'c.md'])).toEqual(['a.md', 'b.markdown', 'c.md'])
    expect(globsFor(['x/a.md', 'x/b.markdown'], ['x/a.md', 'x/b.markdown'])).toEqual(['x/**/*.{markdown,md}'])
    expect(globsFor(['plans [old]/a.md', 'plans [old]/b.md'], ['plans [old]/a.md', 'plans [old]/b.md', 'plans [old]/c.md'])).toEqual([
      'plans \\[old\\]/a.md',
      'plans \\[old\\]/b.md'
    ])
  })
})
