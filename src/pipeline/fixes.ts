/**
 * Fixes as data on a finding, and the one applier every front end uses
 * (`plan-lint --fix`, `--fix-dry-run`, the language server’s code actions).
 * As ESLint’s `fix` and markdownlint’s `fixInfo`: a rule says which text to
 * put where; nothing ever prints the tree again, so every byte outside an
 * edit stays as written.
 */

/** One text edit: replace `range` (offsets into the source without a byte order mark, end exclusive) with `text`. */
export interface PlanTextEdit {
  range: [number, number]
  text: string
}

/** A repair of one finding, as an editor names it. */
export interface PlanFix extends PlanTextEdit {
  title: string
}

declare module 'vfile-message' {
  interface VFileMessage {
    /** The one right repair, applied by `--fix` and by the editor’s fix-all. */
    fix?: PlanFix | undefined
    /** Repairs only the editor offers, one at a time: they remove or move an author’s content. */
    suggestions?: PlanFix[] | undefined
  }
}

/** The part of a message the applier reads (a `VFileMessage` or its serialised result). */
export interface Fixable {
  fix?: PlanFix | undefined
}

/** At most this many lint-and-fix passes, as ESLint: a later pass fixes what an earlier fix uncovered. */
export const maxFixPasses = 10

/**
 * The edits one pass applies. Replacements go first and insertions wait for
 * a pass without any: where a missing section goes depends on the headings
 * around it, which a renamed or re-levelled heading may change.
 */
export function passEdits(messages: readonly Fixable[]): PlanTextEdit[] {
  const fixes = messages.map((message) => message.fix).filter((fix): fix is PlanFix => fix !== undefined)
  const replacements = fixes.filter((fix) => fix.range[0] !== fix.range[1])
  return (replacements.length > 0 ? replacements : fixes).map(({range, text}) => ({range, text}))
}

/**
 * Apply edits to `source`: in source order (edits at one offset in the order
 * given), skipping any that overlaps an edit already taken (a later pass gets
 * it). Returns the new text and the edits applied.
 */
export function applyEdits(source: string, edits: readonly PlanTextEdit[]): {output: string; applied: PlanTextEdit[]} {
  const ordered = edits
    .map((edit, order) => ({edit, order}))
    .filter(({edit}) => edit.range[0] >= 0 && edit.range[0] <= edit.range[1] && edit.range[1] <= source.length)
    .sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.order - b.order)
  const applied: PlanTextEdit[] = []
  const parts: string[] = []
  let last = 0
  for (const {edit} of ordered) {
    const [start, end] = edit.range
    if (start < last) continue
    // A replacement at an offset where something was just inserted would be ambiguous: next pass.
    const previous = applied.at(-1)
    if (previous && start === previous.range[1] && start === previous.range[0] && start !== end) continue
    parts.push(source.slice(last, start), edit.text)
    last = end
    applied.push(edit)
  }
  parts.push(source.slice(last))
  return {output: parts.join(''), applied}
}

/** Replace `[start, end)` with `text`. */
export function replacement(start: number, end: number, text: string): PlanFix {
  return {title: `Replace with \`${text}\``, range: [start, end], text}
}

/** A file’s line ending: the first one it uses, `\n` when it has none. */
export function lineEndingOf(source: string): string {
  const match = /\r\n|\n|\r/.exec(source)
  return match ? match[0] : '\n'
}

/** `text` (written with `\n`) with the file’s line ending. */
export function withLineEnding(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\r\n|\r|\n/g, eol)
}

/** Offset of the start of the line that holds `offset`. */
export function lineStart(source: string, offset: number): number {
  let index = offset
  while (index > 0 && source[index - 1] !== '\n' && source[index - 1] !== '\r') index--
  return index
}

/**
 * Insert a block (a section: heading and body, written with `\n`) before
 * the line that holds `offset`, or at the end when `offset` is undefined,
 * with a blank line between it and what comes before and after.
 */
export function blockInsertion(source: string, offset: number | undefined, block: string, title: string): PlanFix {
  const eol = lineEndingOf(source)
  const body = withLineEnding(block.replace(/\s+$/, ''), eol)
  if (offset !== undefined) {
    const at = lineStart(source, offset)
    return {title, range: [at, at], text: (endsWithBlankLine(source.slice(0, at)) ? '' : eol) + body + eol + eol}
  }
  const end = source.length
  const lead = endsWithBlankLine(source) ? '' : /[\r\n]$/.test(source) ? eol : eol + eol
  return {title, range: [end, end], text: lead + body + eol}
}

/** What fixing a text gave: the fixed text and the findings left in it. */
export interface FixedText<Message extends Fixable> {
  output: string
  /** Findings of `output` (of the input when nothing was fixed). */
  messages: Message[]
  /** The edits of each pass that changed the text, each on the text before that pass. */
  passes: PlanTextEdit[][]
}

/**
 * Fix `value` (a file’s text, byte order mark included): apply each pass’s
 * edits and lint the result again, until no fix is left or a pass changes
 * nothing, at most `maxFixPasses` times.
 * @param messages the findings of `value`, as linted already
 * @param lint lints a text with the same configuration
 */
export async function fixText<Message extends Fixable>(
  value: string,
  messages: Message[],
  lint: (value: string) => Promise<Message[]>
): Promise<FixedText<Message>> {
  const bom = value.charCodeAt(0) === 0xfe_ff ? value.slice(0, 1) : ''
  let source = value.slice(bom.length)
  let current = messages
  const passes: PlanTextEdit[][] = []
  while (passes.length < maxFixPasses) {
    const {output, applied} = applyEdits(source, passEdits(current))
    if (applied.length === 0 || output === source) break
    source = output
    passes.push(applied)
    current = await lint(bom + source)
  }
  return {output: bom + source, messages: current, passes}
}

/** Whether `text` is empty or ends with a blank line (a line break, spaces, a line break). */
function endsWithBlankLine(text: string): boolean {
  if (text === '') return true
  const last = /(?:\r\n|\n|\r)$/.exec(text)
  if (!last) return false
  const rest = text.slice(0, last.index).replace(/[ \t]*$/, '')
  return rest === '' || /[\r\n]$/.test(rest)
}
