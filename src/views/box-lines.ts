import {wordOverlap} from '../support/text.js'
import {keptLineKey} from '../template/template.js'
import {checkSymbols, type ParagraphView} from './list-items.js'

/**
 * Checkbox shapes as written at the start of a line, well-formed or not
 * (`[]`, `[ x]`, `-[ ]`, `[x]text`, `[ ]*`), and the well-formed box each one
 * stands for. GFM reads the near-misses as text, so they are found in the
 * source of paragraphs, not in the tree.
 */

/** A line that starts with something shaped like a checkbox. */
export interface BoxLine {
  /** Offset of the bullet (`-[ ]`) or of `[`. */
  start: number
  /** Offset just after `]`, or after a directly following `*`. */
  end: number
  /** A bullet glued to the box (`-`, `*`, `+`, `1.`), or an empty string. */
  bullet: string
  /** The shape as written, bullet and `*` included. */
  written: string
  /** Already a well-formed box (`[ ]`, `[x]`, `[X]`). */
  valid: boolean
  /** What the box stands for: `' '` open, `'x'` done. */
  state: ' ' | 'x'
  /** A letter or symbol inside the brackets (`x`, `v`, `-`), or an empty string. */
  mark: string
  /**
   * A check symbol (`[✅]`, `[✓]`, `[✔]`, `[☑]`): a box the author checked on
   * purpose, in a style GFM shows as text. Accepted as checked.
   */
  symbol: boolean
  /** Followed by `*` (a spec tool’s mark for an optional task). */
  star: boolean
  /** What follows: a space or tab, the end of the paragraph or line, a no-break space, or text. */
  after: 'space' | 'end' | 'nbsp' | 'text'
  /** Followed by `=`, `:` or such: a legend that explains the marker (`[-] = in progress`), not a task. */
  explains: boolean
  /** On the first line of its paragraph. */
  firstLine: boolean
}

// Linear: no nested quantifiers, and only ever run on a short window.
const boxLinePattern = new RegExp('^([-*+]|\\d{1,9}[.)])?\\[([ \\t]*)(?:([xXvV*~' + checkSymbols + '-])\\uFE0F?([ \\t]*))?\\]')
const symbols = new Set(checkSymbols)
const windowLength = 48
// Letters, digits and the openers of emphasis, code and strikethrough.
const textStart = /^[\p{L}\p{N}*_`~]/u

/** The lines of a paragraph that start with something shaped like a box. */
export function boxLines(source: string, paragraph: ParagraphView, skipFirstLine: boolean): BoxLine[] {
  const lines: BoxLine[] = []
  const children = paragraph.node.children
  const paragraphStart = paragraph.node.position?.start.offset
  const paragraphEnd = paragraph.node.position?.end.offset
  if (paragraphStart === undefined || paragraphEnd === undefined) return lines
  // Every box has a `[`: most paragraphs have none.
  const bracket = source.indexOf('[', paragraphStart)
  if (bracket === -1 || bracket >= paragraphEnd) return lines

  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type !== 'text') continue
    const start = child.position?.start.offset
    const end = child.position?.end.offset
    if (start === undefined || end === undefined) continue
    if (index === 0 && start === paragraphStart) {
      if (!skipFirstLine) addBoxLine(lines, source, start, end, paragraphEnd, true)
    } else if (children[index - 1]?.type === 'break') {
      addBoxLine(lines, source, start, end, paragraphEnd, false)
    }
    // Soft line endings stay inside text nodes; every line after one is a line start.
    for (let offset = start; offset < end; offset++) {
      const code = source.charCodeAt(offset)
      if (code === 10 || (code === 13 && source.charCodeAt(offset + 1) !== 10)) {
        addBoxLine(lines, source, offset + 1, end, paragraphEnd, false)
      }
    }
  }
  return lines
}

function addBoxLine(
  lines: BoxLine[],
  source: string,
  lineStart: number,
  textEnd: number,
  paragraphEnd: number,
  firstLine: boolean
): void {
  const line = readBoxLine(source, skipIndent(source, lineStart, textEnd), textEnd, paragraphEnd, firstLine)
  if (line) lines.push(line)
}

/** Skip the indent and block quote markers at the start of a continuation line. */
function skipIndent(source: string, offset: number, end: number): number {
  let at = offset
  while (at < end) {
    const code = source.charCodeAt(at)
    if (code !== 32 && code !== 9 && code !== 62 /* > */) break
    at++
  }
  return at
}

/**
 * Read a box shape at `at`, if one starts there and lies inside the text
 * node that ends at `textEnd` (so not in a link, code or escape).
 */
function readBoxLine(
  source: string,
  at: number,
  textEnd: number,
  paragraphEnd: number,
  firstLine: boolean
): BoxLine | undefined {
  if (at >= textEnd) return undefined
  const code = source.charCodeAt(at)
  // Cheap test first: most lines start with neither a bracket nor a bullet.
  if (code !== 91 /* [ */ && code !== 45 /* - */ && code !== 42 /* * */ && code !== 43 /* + */ && !(code >= 48 && code <= 57)) {
    return undefined
  }
  const match = boxLinePattern.exec(source.slice(at, Math.min(textEnd, at + windowLength)))
  if (!match) return undefined
  const bullet = match[1] ?? ''
  const mark = match[3] ?? ''
  const inner = match[2]! + mark + (match[4] ?? '')
  const valid = mark === '' ? inner.length === 1 : (mark === 'x' || mark === 'X') && inner.length === 1
  let end = at + match[0].length

  const isLineEnd = (offset: number): boolean => {
    if (offset >= paragraphEnd) return true
    const code = source.charCodeAt(offset)
    return code === 10 || code === 13
  }
  const isSpace = (offset: number): boolean => {
    const code = source.charCodeAt(offset)
    return code === 32 || code === 9
  }

  const star = source.charCodeAt(end) === 42 /* * */ && end < paragraphEnd && (isLineEnd(end + 1) || isSpace(end + 1))
  if (star) end++

  let after: BoxLine['after']
  if (isLineEnd(end)) after = 'end'
  else if (isSpace(end)) after = 'space'
  else if (source[end] === '\u00A0' || source[end] === '\u202F') after = 'nbsp'
  else if (textStart.test(source.slice(end, end + 2)) && (mark === '' || mark === 'x' || mark === 'X')) after = 'text'
  // Anything else (`[x]:`, `[x](`, `[ ][`, `[-]foo`) is not a box.
  else return undefined

  return {
    start: at,
    end,
    explains: after === 'space' && explainsMarker(source, end, paragraphEnd),
    bullet,
    written: source.slice(at, end),
    valid,
    state: mark === '' || mark === '-' || mark === '~' ? ' ' : 'x',
    mark,
    symbol: symbols.has(mark),
    star,
    after,
    firstLine
  }
}

/** Whether the first character after the spaces at `from` is punctuation that explains a marker (`= done`, `: open`). */
function explainsMarker(source: string, from: number, to: number): boolean {
  let at = from
  while (at < to && (source.charCodeAt(at) === 32 || source.charCodeAt(at) === 9)) at++
  return at < to && '=:,;.)]}|'.includes(source[at]!)
}

/** Whether there is any text from `from` to `to` (stops at the first). */
export function hasText(source: string, from: number, to: number): boolean {
  for (let offset = from; offset < to; offset++) {
    const code = source.charCodeAt(offset)
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return true
  }
  return false
}

/** Marks that only ever mean a box: spaces, or `x`. */
export function isPlainBoxMark(mark: string): boolean {
  return mark === '' || mark === 'x' || mark === 'X'
}

/** The well-formed box for a shape: `[ ]` for open, in-progress or dropped; `[x]` for done. */
export function fixedBox(line: BoxLine, checkedLetter: 'x' | 'X'): string {
  if (line.state === ' ') return '[ ]'
  return line.mark === 'x' || line.mark === 'X' ? (line.valid ? `[${line.mark}]` : `[${checkedLetter}]`) : `[${checkedLetter}]`
}

/** What replaces the `*` of an optional task, or the space that text glued to the box (or a no-break space) needs. */
export function tail(line: BoxLine): string {
  if (line.star) return ' (optional)'
  return line.after === 'text' || line.after === 'nbsp' ? ' ' : ''
}

/** End of the text a fix replaces: a no-break space after the box goes too. */
export function replacedEnd(line: BoxLine): number {
  return line.after === 'nbsp' ? line.end + 1 : line.end
}

export function optionalNote(line: BoxLine): string {
  return line.star ? ' (optional)' : ''
}

/** What a fix of an in-between mark (`[-]`, `[~]`) loses, for the message. */
export function stateNote(line: BoxLine): string {
  if (line.mark === '-' || line.mark === '~') {
    return ' and the state in words (a GFM box is only open or done)'
  }
  return ''
}

/** A box line the template itself writes outside a list (a KEP’s `[ ] I/we understand …`, front matter `placeholders.kept`): the template’s own form. */
export function isKeptBoxLine(source: string, line: BoxLine, kept: ReadonlySet<string>): boolean {
  if (kept.size === 0) return false
  const end = source.indexOf('\n', line.start)
  const key = keptLineKey(source.slice(line.start, end === -1 ? source.length : end))
  if (kept.has(key)) return true
  // Reworded a little (`We understand …` for `I/we understand …`): still the template’s line.
  const words = key.split(' ')
  for (const keptKey of kept) {
    const keptWords = keptKey.split(' ')
    if (keptWords.length >= 6 && wordOverlap(words, keptWords) >= 0.75) return true
  }
  return false
}

