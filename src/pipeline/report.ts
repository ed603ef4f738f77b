import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'

/**
 * Add a finding. Places that have no position (nodes a plugin generated,
 * not the author) get no finding, as in remark-lint.
 * @param expected replacement text for the place, when there is one right fix
 */
export function report(
  file: VFile,
  reason: string,
  place: Position | Point | undefined,
  expected?: string
): void {
  if (!place) return
  // A finding is an `Error`, which records a stack trace that vfile-message
  // then empties: with no frames to record, creating one is several times faster.
  const frames = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const message = file.message(reason, {place})
    if (expected !== undefined) message.expected = [expected]
  } finally {
    Error.stackTraceLimit = frames
  }
}
