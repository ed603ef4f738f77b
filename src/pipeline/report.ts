import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {replacement, type PlanFix} from './fixes.js'

/** What a finding offers to repair it (see `src/pipeline/fixes.ts`). */
export interface Repair {
  /** The one right fix: `--fix` applies it. */
  fix?: PlanFix | undefined
  /** Editor-only repairs (they remove or move content). */
  suggestions?: PlanFix[] | undefined
}

/**
 * Add a finding. Places that have no position (nodes a plugin generated,
 * not the author) get no finding, as in remark-lint.
 * @param expected replacement text for the place, when there is one right fix
 * @param repair text edits that repair the finding
 */
export function report(
  file: VFile,
  reason: string,
  place: Position | Point | undefined,
  expected?: string,
  repair?: Repair
): void {
  if (!place) return
  // A finding is an `Error`, which records a stack trace that vfile-message
  // then empties: with no frames to record, creating one is several times faster.
  const frames = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const message = file.message(reason, {place})
    if (expected !== undefined) message.expected = [expected]
    if (repair?.fix) message.fix = repair.fix
    if (repair?.suggestions && repair.suggestions.length > 0) message.suggestions = repair.suggestions
  } finally {
    Error.stackTraceLimit = frames
  }
}

/**
 * The repair of a finding whose `expected` replaces the text at
 * `[start, end)`: its fix, or (`editorOnly`) only a suggestion in the editor.
 */
export function replacing(finding: {start: number; end: number; expected: string | undefined; editorOnly?: boolean | undefined}): Repair {
  if (finding.expected === undefined) return {}
  const edit = replacement(finding.start, finding.end, finding.expected)
  return finding.editorOnly ? {suggestions: [edit]} : {fix: edit}
}
