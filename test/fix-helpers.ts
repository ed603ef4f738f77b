import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {expect} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import type {Options} from '../src/index.js'
import {applyEdits, fixText, type FixedText, type PlanTextEdit} from '../src/pipeline/fixes.js'
import {lint} from './helpers.js'

/** What `--fix` does to a text, in process: lint, fix, lint again (the same passes the CLI runs). */
export async function fixed(value: string, options?: Options, filePath = 'plan.md'): Promise<FixedText<VFileMessage> & {first: VFileMessage[]}> {
  const lintText = async (text: string) => (await lint(text, options, filePath)).messages
  const first = await lintText(value)
  return {first, ...(await fixText(value, first, lintText))}
}

/**
 * Check, independently of the applier, that `after` is `before` with only
 * these edits made: every byte between the edits is the same, in order.
 * The edits are offsets into `before` without its byte order mark.
 */
export function expectOnlyEdited(before: string, after: string, edits: PlanTextEdit[]): void {
  const bom = before.charCodeAt(0) === 0xfe_ff ? 1 : 0
  expect(after.slice(0, bom)).toBe(before.slice(0, bom))
  const from = before.slice(bom)
  const to = after.slice(bom)
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0])
  let inBefore = 0
  let inAfter = 0
  for (const edit of sorted) {
    const kept = from.slice(inBefore, edit.range[0])
    expect(to.slice(inAfter, inAfter + kept.length)).toBe(kept)
    inAfter += kept.length
    expect(to.slice(inAfter, inAfter + edit.text.length)).toBe(edit.text)
    inAfter += edit.text.length
    inBefore = edit.range[1]
  }
  expect(to.slice(inAfter)).toBe(from.slice(inBefore))
}

/** Check every pass of a fix run with `expectOnlyEdited`. */
export async function expectPassesOnlyEdit(value: string, result: FixedText<VFileMessage>): Promise<void> {
  const bom = value.charCodeAt(0) === 0xfe_ff ? '\uFEFF' : ''
  let text = value
  for (const edits of result.passes) {
    const {applyEdits} = await import('../src/pipeline/fixes.js')
    const next = bom + applyEdits(text.slice(bom.length), edits).output
    expectOnlyEdited(text, next, edits)
    text = next
  }
  expect(text).toBe(result.output)
}

/** Findings per rule id. */
export function countByRule(messages: VFileMessage[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const message of messages) counts.set(String(message.ruleId), (counts.get(String(message.ruleId)) ?? 0) + 1)
  return counts
}

export const toCrlf = (value: string) => value.replace(/\r?\n/g, '\r\n')

/** Moves offsets of the text before a pass to the text after it (an offset at an insertion point stays before the inserted text). */
function shiftThrough(edits: PlanTextEdit[]): (offset: number) => number {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0])
  return (offset) => {
    let delta = 0
    for (const edit of sorted) {
      if (edit.range[1] <= offset && !(edit.range[0] === edit.range[1] && edit.range[0] === offset)) delta += edit.text.length - (edit.range[1] - edit.range[0])
    }
    return offset + delta
  }
}

/**
 * Where the text that insertions (missing sections) added lies in the fixed
 * text: offsets `[start, end)` in the final output (without a byte order
 * mark), followed through every later pass.
 */
export function insertedRanges(passes: PlanTextEdit[][]): Array<[number, number]> {
  let ranges: Array<[number, number]> = []
  for (const edits of passes) {
    const shift = shiftThrough(edits)
    const added: Array<[number, number]> = []
    let delta = 0
    for (const edit of [...edits].sort((a, b) => a.range[0] - b.range[0])) {
      if (edit.range[0] === edit.range[1]) added.push([edit.range[0] + delta, edit.range[0] + delta + edit.text.length])
      delta += edit.text.length - (edit.range[1] - edit.range[0])
    }
    ranges = [...ranges.map(([start, end]): [number, number] => [shift(start), shift(end)]), ...added]
  }
  return ranges
}

function parse(text: string) {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(text)
}

/** Start offsets of the first lines of GFM task items (`- [ ] …`), as the preset parses them. */
function taskLineStarts(text: string): Set<number> {
  const starts = new Set<number>()
  visit(parse(text), 'listItem', (item) => {
    const offset = item.position?.start.offset
    if (typeof item.checked === 'boolean' && offset !== undefined) starts.add(text.lastIndexOf('\n', offset - 1) + 1)
  })
  return starts
}

/** Whether a finding starts on the first line of a GFM task item of `text`. */
export function onTaskLine(text: string, message: VFileMessage): boolean {
  const place = message.place
  const line = place && 'start' in place ? place.start.line : place?.line
  let found = false
  visit(parse(text), 'listItem', (item) => {
    if (typeof item.checked === 'boolean' && item.position?.start.line === line) found = true
  })
  return found
}

/** What a fix run turned into GFM task items (a near-miss box such as `- []` made `- [ ]`). */
export interface TurnedIntoTasks {
  /** Each such line, as offsets `[start, end)` in the final output (without a byte order mark). */
  lines: Array<[number, number]>
  /** The input with only the edits that did so (those of the first pass): every box the fix turned, written right. */
  boxesWrittenRight: string
}

/**
 * Rules that read task items see such a line only after the fix: a finding
 * of theirs that appears then was uncovered by the fix, not made by it.
 */
export function turnedIntoTasks(value: string, passes: PlanTextEdit[][]): TurnedIntoTasks {
  const bom = value.charCodeAt(0) === 0xfe_ff ? '\uFEFF' : ''
  let text = value.slice(bom.length)
  let lines: Array<[number, number]> = []
  const firstPass: PlanTextEdit[] = []
  for (const [pass, edits] of passes.entries()) {
    const next = applyEdits(text, edits).output
    const [before, after] = [taskLineStarts(text), taskLineStarts(next)]
    const shift = shiftThrough(edits)
    const lineStart = (source: string, offset: number) => source.lastIndexOf('\n', offset - 1) + 1
    const turned: Array<[number, number]> = []
    for (const edit of edits) {
      const start = lineStart(next, shift(edit.range[0]))
      if (after.has(start) && !before.has(lineStart(text, edit.range[0]))) {
        const end = next.indexOf('\n', start)
        turned.push([start, end < 0 ? next.length : end])
        if (pass === 0) firstPass.push(edit)
      }
    }
    lines = [...lines.map(([start, end]): [number, number] => [shift(start), shift(end)]), ...turned]
    text = next
  }
  return {lines, boxesWrittenRight: bom + applyEdits(value.slice(bom.length), firstPass).output}
}

/** Findings outside the inserted text. */
export function outsideInserted<Message extends {place?: unknown}>(messages: Message[], ranges: Array<[number, number]>): Message[] {
  return messages.filter((message) => {
    const place = message.place as {start?: {offset?: number}; offset?: number} | undefined
    const offset = place?.start?.offset ?? place?.offset
    return offset === undefined || !ranges.some(([start, end]) => offset >= start && offset < end)
  })
}
