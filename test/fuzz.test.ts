import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {builtinTemplateIds, builtinTemplates} from '../src/template/builtin.js'
import {renderPlan} from '../src/cli/new-plan.js'
import {parseTemplate} from '../src/template/template.js'
import {formatMessages, lintWithoutPositions, onlyRule, root} from './helpers.js'
import {expectWellFormed, lintOutcome} from './robust-helpers.js'

/**
 * Property-based tests: Markdown assembled from template fragments, real
 * plan fragments and random text never makes the linter throw, and every
 * message is well formed. `FUZZ_RUNS=100000 npx vitest run test/fuzz.test.ts`
 * runs more cases than the default.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 0) || 800
// Fixed seed by default so `npm test` is reproducible; FUZZ_SEED picks another.
const seed = process.env.FUZZ_SEED === undefined ? 20_261_125 : Number(process.env.FUZZ_SEED)

/** Blocks (runs of lines between blank lines) of every template and complete plan. */
function blocksOf(directory: string): string[] {
  const files = readdirSync(directory, {recursive: true, encoding: 'utf8'}).filter((name) => name.endsWith('.md'))
  return files.flatMap((name) => readFileSync(path.join(directory, name), 'utf8').split(/\n\s*\n/))
}

const templateBlocks = blocksOf(path.join(root, 'templates'))
const planBlocks = blocksOf(path.join(root, 'fixtures', 'plans'))
const lines = [...templateBlocks, ...planBlocks].flatMap((block) => block.split('\n'))

/** Markdown syntax that the rules look at, as small pieces. */
const syntax = fc.constantFrom(
  '[', ']', '[ ]', '[x]', '[]', '[ x]', '- ', '* ', '1. ', '> ', '|', '| --- |', '---', '===', '# ', '## ', '### ',
  '*', '_', '~~', '`', '```', '<!--', '-->', '<!-- lint disable no-placeholders -->', '<!-- plan-lint template: tip -->',
  'TBD', 'YYYY-MM-DD', 'X days', 'Low/Med/High', 'Draft | Review | Approved', '[Feature Name]', '(Optional)',
  'Likelihood', 'Impact', '\\', '&amp;', ':', '"', '“', '”', '\t', '\u00A0', '\uFEFF', '\u0000', '\uD800', '\uDC00'
)

const lineEnding = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r')

const piece = fc.oneof(
  {weight: 3, arbitrary: fc.constantFrom(...templateBlocks)},
  {weight: 3, arbitrary: fc.constantFrom(...planBlocks)},
  {weight: 3, arbitrary: fc.constantFrom(...lines)},
  {weight: 3, arbitrary: fc.array(syntax, {maxLength: 12}).map((items) => items.join(''))},
  {weight: 2, arbitrary: fc.string({unit: 'binary', maxLength: 40})},
  {weight: 2, arbitrary: fc.array(fc.oneof(syntax, fc.string({maxLength: 6})), {maxLength: 10}).map((items) => items.join(''))}
)

const frontMatter = fc.oneof(
  fc.constant(''),
  fc.constantFrom(...builtinTemplateIds, 'none', 'rfcs').map((id) => `---\ntemplate: ${id}\n---\n\n`),
  fc.constant('---\ntemplate: [tip\n---\n\n')
)

const document = fc
  .tuple(frontMatter, fc.array(fc.tuple(piece, lineEnding, fc.boolean()), {maxLength: 25}))
  .map(([head, parts]) => head + parts.map(([text, ending, blank]) => text + ending + (blank ? ending : '')).join(''))

describe('property-based: generated Markdown', () => {
  it('never throws; every message has source, ruleId and a position inside the file; a second run agrees', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (value) => {
        const first = await lintOutcome(value)
        expectWellFormed(first.file, value)
        if (first.refusal) {
          // Only the file check may stop a file, with one message.
          expect(first.file.messages).toEqual([first.refusal])
          return
        }
        const second = await lintOutcome(value)
        expect(formatMessages(second.file)).toEqual(formatMessages(first.file))
      }),
      {numRuns: runs, seed}
    )
  })

  it('skips generated nodes: the same documents without positions give no message and no crash', async () => {
    await fc.assert(
      fc.asyncProperty(document, async (value) => {
        if ((await lintOutcome(value)).refusal) return
        const file = await lintWithoutPositions(value, {requireTemplate: true})
        expect(formatMessages(file)).toEqual([])
      }),
      {numRuns: Math.ceil(runs / 2), seed}
    )
  })
})

describe('property-based: `plan-lint new`', () => {
  const title = fc.oneof(fc.string({maxLength: 30}), fc.array(syntax, {maxLength: 5}).map((items) => items.join('')), fc.constant('Cost $& benefit $1'))

  it('a plan rendered from a built-in template has all its required sections, whatever the title', async () => {
    const templates = builtinTemplates()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...templates), fc.option(title, {nil: undefined}), async (template, given) => {
        const plan = renderPlan(template, given)
        const {file, refusal} = await lintOutcome(plan, onlyRule('required-headings'))
        expect(refusal).toBeUndefined()
        expect(formatMessages(file)).toEqual([])
        // The title is in the H1 as given, on one line.
        const text = (given ?? '').replace(/[\s\u0000-\u001F\u007F]+/g, ' ').trim()
        // A template without a title (an OpenSpec delta) gives the plan none.
        if (text !== '' && template.title !== undefined) expect(plan.split('\n').find((line) => line.startsWith('# '))).toContain(text)
      }),
      {numRuns: Math.ceil(runs / 8), seed}
    )
  })

  it('a group whose name repeats one level down is two sections (the case the property found)', async () => {
    const template = '# Spec: [Title]\n\n## Summary\n\n[Text]\n\n### Phase 1: [Name]\n\n[Text]\n\n## Phase 1: [Name]\n\n[Text]\n'
    const plan = '# Spec: Checkout\n\n## Summary\n\nText.\n\n### Phase 1: Spike\n\nText.\n\n## Phase 1: Build\n\nText.\n\n## Phase 2: Ship\n\nText.\n'
    expect(formatMessages((await lintOutcomeWith(plan, template)).file)).toEqual([])
    const without = plan.replace('### Phase 1: Spike\n\nText.\n\n', '')
    expect(formatMessages((await lintOutcomeWith(without, template)).file)).toEqual([
      expect.stringContaining('Unexpected missing section `### Phase N: …`')
    ])
  })

  it('a plan rendered from a generated template has all its required sections', async () => {
    const word = fc.constantFrom('Summary', 'Design', 'Data Model', 'API', 'Rollout', 'Risks', 'Testing', 'Phase 1: [Name]', 'Entity: [Name]', 'Notes', 'Open Questions', 'Context & Scope')
    const heading = fc.tuple(fc.constantFrom('## ', '### '), word, fc.constantFrom('', ' *(Optional)*'), fc.constantFrom('', '1. ', '2. '))
    // A name may repeat at another level (`## Phase 1: …` and its `### Phase 1: …`), not at the same one.
    const key = (level: string, text: string) => level + text.replace(/\d+/, 'N')
    const template = fc
      .uniqueArray(heading, {minLength: 1, maxLength: 10, selector: ([level, text]) => key(level, text)})
      // The first section is an H2 whatever was drawn: it must not repeat an H2 then.
      .filter(([first, ...rest]) => !rest.some(([level, text]) => key(level, text) === key('## ', first![1])))
      .map((headings) =>
      ['# Spec: [Title]', '', ...headings.flatMap(([level, text, optional, number], index) => [(index === 0 ? '## ' : level) + number + text + optional, '', '[Text]', ''])].join('\n')
    )
    await fc.assert(
      fc.asyncProperty(template, fc.option(title, {nil: undefined}), async (markdown, given) => {
        const parsed = parseTemplate(markdown, 'generated.md', 'generated')
        const plan = renderPlan(parsed, given)
        // Check it with the generated template forced on (the `template` option takes a path or a registered id).
        const {file, refusal} = await lintOutcomeWith(plan, markdown)
        expect(refusal).toBeUndefined()
        expect(formatMessages(file)).toEqual([])
      }),
      {numRuns: Math.ceil(runs / 8), seed}
    )
  })
})

const templateDirectory = mkdtempSync(path.join(tmpdir(), 'plan-lint-fuzz-templates-'))
let templateCount = 0

/** Lint a plan against a template written to a file (as a user’s `templates` option names it). */
async function lintOutcomeWith(plan: string, template: string) {
  const file = path.join(templateDirectory, `generated-${templateCount++}.md`)
  writeFileSync(file, template)
  return lintOutcome(plan, {...onlyRule('required-headings'), template: file})
}
