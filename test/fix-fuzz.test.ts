import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {countByRule, expectPassesOnlyEdit, fixed, insertedRanges, onTaskLine, outsideInserted, turnedIntoTasks} from './fix-helpers.js'
import {lint, root} from './helpers.js'

/**
 * Property: on complete plans broken at random (sections removed, headings
 * misspelt or at another level, checkboxes malformed, sections swapped, …),
 * `--fix` never raises the number of findings of any rule (outside the
 * template text it inserts for a missing section, and but for findings on task
 * lines that a box it fixed uncovers: see below), never changes a text without a fixable finding, and changes bytes
 * only inside its edits.
 * `FUZZ_RUNS=2000 npx vitest run test/fix-fuzz.test.ts` runs more cases.
 */
const runs = Math.ceil((Number(process.env.FUZZ_RUNS ?? 0) || 800) / 20)
const seed = process.env.FUZZ_SEED === undefined ? 20_261_130 : Number(process.env.FUZZ_SEED)

const plansDirectory = path.join(root, 'fixtures', 'plans')
const plans = readdirSync(plansDirectory).flatMap((template) =>
  readdirSync(path.join(plansDirectory, template)).map((name) => readFileSync(path.join(plansDirectory, template, name), 'utf8'))
)

type Breakage =
  | {kind: 'remove' | 'typo' | 'deeper' | 'shallower' | 'swap' | 'disable'; at: number}
  | {kind: 'box'; at: number; shape: string}

const boxShapes = ['- []', '- [ x]', '- [x ]', '-[ ]', '- [ ]text', '* []', '- [X]', '- [ ]\u00A0', '[ ]', '- ( )']

const breakage: fc.Arbitrary<Breakage> = fc.oneof(
  fc.record({kind: fc.constantFrom('remove', 'typo', 'deeper', 'shallower', 'swap', 'disable'), at: fc.nat(60)}),
  fc.record({kind: fc.constant('box'), at: fc.nat(30), shape: fc.constantFrom(...boxShapes)})
) as fc.Arbitrary<Breakage>

const headingLine = /^(#{1,6}) (.*)$/

/** Line indexes of ATX headings outside code fences. */
function headingLines(lines: string[]): number[] {
  const found: number[] = []
  let fenced = false
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    else if (!fenced && headingLine.test(line)) found.push(index)
  })
  return found
}

function sectionSpan(lines: string[], headings: number[], which: number): [number, number] {
  const start = headings[which]!
  const depth = headingLine.exec(lines[start]!)![1]!.length
  const next = headings.slice(which + 1).find((index) => headingLine.exec(lines[index]!)![1]!.length <= depth)
  return [start, next ?? lines.length]
}

function breakPlan(value: string, breakages: Breakage[]): string {
  let lines = value.split('\n')
  for (const item of breakages) {
    const headings = headingLines(lines).slice(1)
    if (item.kind === 'box') {
      const boxes = lines.map((line, index) => (/^\s*- \[[ xX]\] /.test(line) ? index : -1)).filter((index) => index >= 0)
      if (boxes.length === 0) continue
      const index = boxes[item.at % boxes.length]!
      lines[index] = lines[index]!.replace(/- \[[ xX]\] ?/, item.shape.endsWith('text') ? item.shape.slice(0, -4) : item.shape + (item.shape.endsWith('\u00A0') ? '' : ' '))
      continue
    }
    if (headings.length === 0) continue
    const which = item.at % headings.length
    const index = headings[which]!
    const [, hashes, text] = headingLine.exec(lines[index]!)!
    switch (item.kind) {
      case 'remove': {
        const [start, end] = sectionSpan(lines, headings, which)
        lines = [...lines.slice(0, start), ...lines.slice(end)]
        break
      }
      case 'typo': {
        const word = text!.split(' ').reduce((a, b) => (b.length > a.length ? b : a))
        if (word.length >= 4) lines[index] = hashes + ' ' + text!.replace(word, word.slice(0, 2) + word.slice(3))
        break
      }
      case 'deeper':
        if (hashes!.length < 6) lines[index] = '#' + lines[index]
        break
      case 'shallower':
        if (hashes!.length > 2) lines[index] = lines[index]!.slice(1)
        break
      case 'swap': {
        if (which + 1 >= headings.length) break
        const [aStart, aEnd] = sectionSpan(lines, headings, which)
        const next = headings.indexOf(aEnd)
        if (next < 0) break
        const [, bEnd] = sectionSpan(lines, headings, next)
        lines = [...lines.slice(0, aStart), ...lines.slice(aEnd, bEnd), ...lines.slice(aStart, aEnd), ...lines.slice(bEnd)]
        break
      }
      case 'disable':
        lines.splice(index, 0, '<!-- lint disable required-headings -->', '')
        break
    }
  }
  return lines.join('\n')
}

const brokenPlan = fc
  .tuple(fc.constantFrom(...plans), fc.array(breakage, {minLength: 0, maxLength: 4}), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([plan, breakages, eol, bom]) => (bom ? '\uFEFF' : '') + breakPlan(plan, breakages).replace(/\n/g, eol))

describe('--fix that uncovers a finding', () => {
  const tasks = readFileSync(path.join(plansDirectory, 'spec-kit-tasks', 'variant.md'), 'utf8')
  const integration = /## Phase 3\.4: Integration\n\n- \[ \] T008 .*\n\n/.exec(tasks)![0]
  // Phase 3.4 moved before 3.3: `T008` comes between `T004` and `T005`.
  const moved = tasks.replace(integration, '').replace('## Phase 3.3', integration + '## Phase 3.3')

  it.each([
    ['the task it turns is out of order', moved.replace('- [ ] T008', '- [] T008'), '- [ ] T008 Background sync worker on Android and iOS'],
    // Without `T009`, `T008` is above every id in order: a task added later, not reported.
    ['the task it turns puts another out of order', moved.replace('- [ ] T009', '- [] T009'), '- [ ] T009 [P] Document the conflict rules in `docs/sync.md`']
  ])('a box fix uncovers a true task-ids finding when %s: on a task line, given with the box written right', async (_, value, line) => {
    const result = await fixed(value)
    expect(result.first.map((message) => message.ruleId)).toEqual(['checklist-format'])
    const finding = 'task-ids: Unexpected task id `T008` after `T004`, expected task ids in ascending order'
    expect(result.messages.map((message) => `${message.ruleId}: ${message.reason}`)).toEqual([finding])
    expect(onTaskLine(result.output, result.messages[0]!)).toBe(true)
    const turned = turnedIntoTasks(value, result.passes)
    expect(turned.lines.map(([start, end]) => result.output.slice(start, end))).toEqual([line])
    expect(turned.boxesWrittenRight).toBe(moved)
    expect((await lint(turned.boxesWrittenRight)).messages.map((message) => `${message.ruleId}: ${message.reason}`)).toEqual([finding])
  })
})

describe('property-based: --fix on broken plans', () => {
  it('never raises the findings of any rule, leaves a text without fixes alone, edits only its ranges, and is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(brokenPlan, async (value) => {
        const result = await fixed(value)
        if (!result.first.some((message) => message.fix)) {
          expect(result.passes).toEqual([])
          expect(result.output).toBe(value)
          return
        }
        const before = countByRule(result.first)
        // A missing section comes back with the template's text, placeholders and all: those findings are meant.
        const made = outsideInserted(result.messages, insertedRanges(result.passes))
        // A box fix (`- []` made `- [ ]`) turns a line into a task item that the rules reading tasks see
        // from then on: a task id out of order, or one that puts another out of order. Such a finding is
        // uncovered, not made: it is on a task's line and the rule gives it on the input with those boxes
        // written right. Not checklist-format's: it judges the box itself, and its own fix must leave nothing.
        const turned = turnedIntoTasks(value, result.passes)
        const uncovered = turned.lines.length > 0 ? made.filter((message) => message.ruleId !== 'checklist-format' && onTaskLine(result.output, message)) : []
        if (uncovered.length > 0) {
          const written = (await lint(turned.boxesWrittenRight)).messages.map((message) => `${message.ruleId}: ${message.reason}`)
          for (const message of uncovered) expect(written).toContain(`${message.ruleId}: ${message.reason}`)
        }
        for (const [ruleId, count] of countByRule(made.filter((message) => !uncovered.includes(message)))) {
          expect({ruleId, count}).toEqual({ruleId, count: Math.min(count, before.get(ruleId) ?? 0)})
        }
        await expectPassesOnlyEdit(value, result)
        // A second --fix changes nothing.
        expect((await fixed(result.output)).passes).toEqual([])
      }),
      {numRuns: runs, seed}
    )
    // About a second a case on a busy machine: `FUZZ_RUNS` scales the time it may take.
  }, Math.max(120_000, runs * 3_000))
})
