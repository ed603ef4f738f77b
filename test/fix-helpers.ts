import {expect} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import type {Options} from '../src/index.js'
import {fixText, type FixedText, type PlanTextEdit} from '../src/pipeline/fixes.js'
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
