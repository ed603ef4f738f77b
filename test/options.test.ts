import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lint, root} from './helpers.js'

/** Bad options stop the run with a message that names option, value and what is allowed. */
describe('options', () => {
  const cases: Array<[string, unknown, string]> = [
    ['an unknown option', {tempaltes: []}, 'Unexpected unknown option `tempaltes`, expected one of `templates`, `templateGlobs`, `template`, `requireTemplate`, `limits`, `stages`, `rules`'],
    ['a wrong type', {requireTemplate: 'yes'}, 'Unexpected value `"yes"` for option `requireTemplate`, expected a boolean'],
    ['an unknown rule', {rules: {'no-todo': 'error'}}, 'Unexpected unknown option `rules.no-todo`, expected a rule id: `required-headings`'],
    ['a bad severity', {rules: {'required-headings': 'loud'}}, 'Unexpected value `"loud"` for option `rules.required-headings`, expected `"off"`, `"warn"`, `"error"`'],
    ['options for a rule that takes none', {rules: {'known-template': ['error', {strict: true}]}}, 'Unexpected value for option `rules.known-template[1]`, expected no options'],
    ['a missing template file', {templates: ['docs/nope.md']}, 'Cannot read template `docs/nope.md` from option `templates[0]` (no such file)'],
    ['a template file without sections', {templates: ['fixtures/templates/no-sections.md']}, 'Unexpected template `fixtures/templates/no-sections.md` without sections, expected `## Section` headings'],
    ['an unknown template id', {template: 'rfcs'}, 'Unexpected value `"rfcs"` for option `template`, expected a template id (`tip`'],
    ['an unknown stage', {stages: {drafts: {}}}, 'Unexpected unknown option `stages.drafts`, expected one of `draft`, `review`, `approved`, `done`'],
    ['an unknown rule in a stage', {stages: {draft: {'no-todo': 'warn'}}}, 'Unexpected unknown option `stages.draft.no-todo`, expected a rule id: `required-headings`'],
    ['a bad stage severity', {stages: {draft: {'no-placeholders': 'loud'}}}, 'Unexpected value `"loud"` for option `stages.draft.no-placeholders`, expected `"off"`, `"warn"`, `"error"`, `0`, `1`, `2` or a boolean'],
    ['stages that are not an object', {stages: 'draft'}, 'Unexpected value `"draft"` for option `stages`, expected an object mapping stages (`draft`, `review`, `approved`, `done`) to rule severities'],
    ['an unknown template in a glob', {templateGlobs: {'docs/**': 'rfcs'}}, 'Unexpected value `"rfcs"` for option `templateGlobs.docs/**`, expected a template id: `tip`']
  ]

  it.each(cases)('rejects %s', async (_, options, words) => {
    const run = lint('# Plan\n', options as never)
    await expect(run).rejects.toThrow(words)
    await expect(run).rejects.toHaveProperty('stack', expect.not.stringContaining('\n    at '))
  })

  it('accepts partial rule settings', async () => {
    const file = await lint('# Notes\n', {rules: {'required-headings': 'warn', 'known-template': ['error']}})
    expect(file.messages).toEqual([])
  })
})

describe('rule options', () => {
  it('names the rule’s own keys for an unknown key in its options', async () => {
    await expect(lint('# Plan\n', {rules: {'checklist-format': ['warn', {checkStyle: 'x'}]}})).rejects.toThrow(
      'Unexpected unknown option `rules.checklist-format[1].checkStyle`, expected one of `checkedStyle`'
    )
  })
})

describe('what a run loads', () => {
  // A child process, so the check sees exactly what one run imports.
  const loaded = (options: string, value: string) => {
    const script = [
      "import {createRequire} from 'node:module'",
      "import {remark} from 'remark'",
      `import remarkPlanLint from ${JSON.stringify(path.join(root, 'dist', 'src', 'index.js'))}`,
      `const file = await remark().use(remarkPlanLint, ${options}).process(${JSON.stringify(value)})`,
      'const cache = Object.keys(createRequire(import.meta.url).cache)',
      "const has = (name) => cache.some((key) => key.includes('/node_modules/' + name + '/'))",
      "console.log(JSON.stringify({zod: has('zod'), yaml: has('yaml'), messages: file.messages.length}))"
    ].join('\n')
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {cwd: root, encoding: 'utf8'})
    return JSON.parse(output) as {zod: boolean; yaml: boolean; messages: number}
  }
  const plan = readFileSync(path.join(root, 'fixtures', 'plans', 'tip', 'filled.md'), 'utf8')

  it('loads neither zod nor yaml for a run without options or front matter', () => {
    expect(loaded('undefined', plan)).toEqual({zod: false, yaml: false, messages: 0})
    expect(loaded('{}', plan)).toEqual({zod: false, yaml: false, messages: 0})
  })

  it('loads zod to validate options, and yaml to read front matter', () => {
    expect(loaded("{rules: {'no-placeholders': ['error', {markers: ['XXX']}]}}", plan)).toMatchObject({zod: true, yaml: false})
    expect(loaded('{}', '---\ntemplate: tip\n---\n\n' + plan.replace(/^---\n[\s\S]*?\n---\n/, ''))).toMatchObject({zod: false, yaml: true})
  })
})
