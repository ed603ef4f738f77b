import {readFileSync} from 'node:fs'
import path from 'node:path'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import {expect} from 'vitest'
import remarkPlanLint, {type Options} from '../src/index.js'
import {fileCheckId} from '../src/markdown/input-guard.js'
import {root} from './helpers.js'

/** What linting one document gave: its messages, or the file check’s refusal. */
export interface Outcome {
  file: VFile
  /** The one fatal message of a file the check refused (the parser never ran). */
  refusal: VFileMessage | undefined
  seconds: number
}

/**
 * Lint as `remark --use plan-lint` does. The file check refuses a file by
 * throwing its fatal message (unified-engine then skips the file); any other
 * error fails the test.
 */
export async function lintOutcome(value: string | Uint8Array, options?: Options, filePath = 'plan.md'): Promise<Outcome> {
  const file = new VFile({value, path: filePath, cwd: root})
  const start = performance.now()
  const processor = unified().use(remarkParse).use(remarkPlanLint, options)
  let refusal: VFileMessage | undefined
  try {
    const tree = processor.parse(file)
    await processor.run(tree, file)
  } catch (error) {
    if (!(error instanceof VFileMessage && error.ruleId === fileCheckId && file.messages.includes(error))) throw error
    refusal = error
  }
  return {file, refusal, seconds: (performance.now() - start) / 1000}
}

/**
 * Every message is well formed: `source` and `ruleId` set, a position inside
 * the document with start ≤ end, no stack trace in its text.
 */
export function expectWellFormed(file: VFile, value: string): void {
  const text = value.charCodeAt(0) === 0xfe_ff ? value.slice(1) : value
  const lines = text.split(/\r\n|\r|\n/)
  for (const message of file.messages) {
    expect(message.source, message.reason).toBe('plan-lint')
    expect(message.ruleId, message.reason).toBeTruthy()
    expect(message.reason).not.toMatch(/\n\s+at /)
    const place = message.place
    expect(place, message.reason).toBeDefined()
    const start = place && 'start' in place ? place.start : place!
    const end = place && 'end' in place ? place.end : start
    for (const point of [start, end]) {
      expect(point.line, message.reason).toBeGreaterThanOrEqual(1)
      expect(point.line, message.reason).toBeLessThanOrEqual(lines.length)
      expect(point.column, message.reason).toBeGreaterThanOrEqual(1)
      expect(point.column, message.reason).toBeLessThanOrEqual(lines[point.line - 1]!.length + 1)
      if (point.offset !== undefined) expect(point.offset).toBeLessThanOrEqual(text.length)
    }
    expect(end.line > start.line || (end.line === start.line && end.column >= start.column), message.reason).toBe(true)
  }
}

/** A complete plan (no finding) to put adversarial content in, so every rule reads it. */
export const completePlan = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
