import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import {detectionOf} from '../src/views/detect.js'
import {listItemsOf, type ListItems, type ListItemView, type ParagraphView} from '../src/views/list-items.js'
import {sourcePointsOf, type SourcePoints} from '../src/views/source-points.js'
import {lazySchema} from '../src/support/lazy.js'
import {parseRuleOptions} from '../src/pipeline/options.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'

/**
 * Checklists are GFM task items (`- [ ] text`, `- [x] text`). Reports the
 * near-misses GFM reads as plain text, each with its fix as `expected`;
 * task items without text; lists that mix task and plain items; and, with
 * `checkedStyle`, the letter of checked boxes.
 */

export const checklistFormatOptionsSchema = lazySchema((z) =>
  z
  .object(
    {
      checkedStyle: z
        .enum(['x', 'X', 'consistent', 'any'], {error: '`"x"`, `"X"`, `"consistent"` or `"any"`'})
        .optional()
    },
    {error: 'an options object such as `{"checkedStyle": "x"}`'}
  )
  .strict()
)

export type ChecklistFormatOptions = z.input<ReturnType<typeof checklistFormatOptionsSchema>>

type CheckedStyle = 'x' | 'X' | 'consistent' | 'any'

const defaultStyle: CheckedStyle = 'any'
const parsedOptions = new WeakMap<object, CheckedStyle>()

/** Options validated once per options object (the preset has validated them already). */
function checkedStyleOf(options: unknown): CheckedStyle {
  if (options === undefined || options === null) return defaultStyle
  if (typeof options !== 'object') return parseRuleOptions(checklistFormatOptionsSchema, options, '').checkedStyle ?? defaultStyle
  let style = parsedOptions.get(options)
  if (style === undefined) {
    style = parseRuleOptions(checklistFormatOptionsSchema, options, '').checkedStyle ?? defaultStyle
    parsedOptions.set(options, style)
  }
  return style
}

const lintPlugin = lintRule<Root, ChecklistFormatOptions | undefined>(
  {origin: ruleOrigin('checklist-format'), url: docUrl('checklist-format')},
  function (tree, file, options) {
    const style = checkedStyleOf(options)
    if (!detectionOf(tree, file).template) return
    const view: View = {...listItemsOf(tree, file), ...sourcePointsOf(tree, file)}
    const findings: Finding[] = []
    const run: Run = {
      view,
      findings,
      checkedLetter: checkLetters(view, style, findings),
      intended: new Map(),
      legends: new Set()
    }

    for (const paragraph of view.paragraphs) checkParagraph(run, paragraph)
    for (const list of view.lists) {
      checkCommentOnlyTasks(list.items, findings)
      checkMixedList(run, list.items)
    }

    findings.sort((a, b) => a.start - b.start)
    for (const finding of findings) emit(file, view, finding)
  }
)

const severities = new Set<unknown>([false, true, 0, 1, 2, 'off', 'on', 'warn', 'error'])

/**
 * The rule as a plugin. It validates its options when it is attached, so a
 * bad option stops the run before any file is read (unified-lint-rule would
 * turn the error into a message on every file).
 */
const remarkPlanLintChecklistFormat: typeof lintPlugin = function (config) {
  checkedStyleOf(Array.isArray(config) && severities.has(config[0]) ? config[1] : config)
  return lintPlugin(config)
}
Object.defineProperty(remarkPlanLintChecklistFormat, 'name', {value: ruleOrigin('checklist-format')})

export default remarkPlanLintChecklistFormat

/** The document’s lists and paragraphs, its source and points in it. */
type View = ListItems & SourcePoints

/** What one run of the rule on one document knows and has found. */
interface Run {
  view: View
  findings: Finding[]
  /** Letter for fixes of checked near-misses. */
  checkedLetter: 'x' | 'X'
  /** List items GFM reads as text that start with a box: tasks in intent. */
  intended: Map<ListItemView, BoxLine>
  /** List items that start with a box explained after it (`- [-] = in progress`): neither tasks nor plain. */
  legends: Set<ListItemView>
}

interface Finding {
  /** Source offsets of the text the finding is about (and `expected` replaces). */
  start: number
  end: number
  reason: string
  expected: string | undefined
}

function emit(file: VFile, view: View, finding: Finding): void {
  report(file, finding.reason, {start: view.pointAt(finding.start), end: view.pointAt(finding.end)}, finding.expected)
}

/**
 * Letter that fixes of checked near-misses use: the style’s, or else the
 * letter of the document’s first checked box, or `x`. Reports checked
 * boxes against `checkedStyle`.
 */
function checkLetters(view: View, style: CheckedStyle, findings: Finding[]): 'x' | 'X' {
  const checked: Array<{start: number; end: number; letter: string}> = []
  for (const list of view.lists) {
    for (const item of list.items) {
      if (item.box && (item.box.letter === 'x' || item.box.letter === 'X')) checked.push(item.box)
    }
  }
  checked.sort((a, b) => a.start - b.start)
  const first = checked[0]
  const letter: 'x' | 'X' = style === 'x' || style === 'X' ? style : first?.letter === 'X' ? 'X' : 'x'
  if (style === 'any' || !first) return letter

  for (const box of checked) {
    if (box.letter === letter) continue
    const why =
      style === 'consistent'
        ? ` like the first checked box (line ${view.pointAt(first.start).line})`
        : ` (option \`checkedStyle\` is \`"${style}"\`)`
    findings.push({
      start: box.start,
      end: box.end,
      reason: `Unexpected checkbox \`[${box.letter}]\`, expected \`[${letter}]\`${why}`,
      expected: `[${letter}]`
    })
  }
  return letter
}

/** A line that starts with something shaped like a checkbox. */
interface BoxLine {
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
const boxLinePattern = /^([-*+]|\d{1,9}[.)])?\[([ \t]*)(?:([xXvV*~✓✔-])([ \t]*))?\]/
const windowLength = 48
// Letters, digits and the openers of emphasis, code and strikethrough.
const textStart = /^[\p{L}\p{N}*_`~]/u

function checkParagraph(run: Run, paragraph: ParagraphView): void {
  const {view, findings, checkedLetter} = run
  const item = paragraph.leads
  const isTask = item !== undefined && typeof item.node.checked === 'boolean'
  const lines = boxLines(view.source, paragraph, isTask)
  if (lines.length === 0) return
  // A bare box after the first line counts only in a paragraph of several box lines.
  const boxLineCount = lines.length + (isTask ? 1 : 0)

  for (const line of lines) {
    if (item && line.firstLine) {
      if (line.bullet !== '') continue
      checkItemBox(run, item, line)
    } else if (line.explains) {
      continue
    } else if (line.bullet !== '') {
      const fixed = fixedBox(line, checkedLetter)
      const replacement = line.bullet + ' ' + fixed + tail(line)
      findings.push({
        start: line.start,
        end: replacedEnd(line),
        reason: `Unexpected checkbox \`${line.written}\`, expected \`${(line.bullet + ' ' + fixed + optionalNote(line)).trim()}\` with a space after the bullet`,
        expected: replacement
      })
    } else if (line.after !== 'text' && (boxLineCount >= 2 || (line.firstLine && isPlainBoxMark(line.mark)))) {
      const fixed = '- ' + fixedBox(line, checkedLetter)
      findings.push({
        start: line.start,
        end: replacedEnd(line),
        reason: `Unexpected checkbox \`${line.written}\` not at the start of a list item, expected a task item \`${fixed + optionalNote(line)}\``,
        expected: fixed + tail(line)
      })
    }
  }
}

/** A box at the start of a list item that GFM did not read as a task. */
function checkItemBox(run: Run, item: ListItemView, line: BoxLine): void {
  const {view, findings, checkedLetter} = run
  if (line.explains) {
    run.legends.add(item)
    return
  }
  const fixed = fixedBox(line, checkedLetter)
  const paragraphEnd = item.lead?.position?.end.offset ?? line.end
  const empty = (line.after === 'space' || line.after === 'end') && !hasText(view.source, line.end, paragraphEnd)
  // A well-formed box followed by a space and text is a task already.
  if (line.valid && !line.star && line.after !== 'nbsp' && line.after !== 'text' && !empty) return
  run.intended.set(item, line)

  if (line.star) {
    findings.push({
      start: line.start,
      end: line.end,
      reason: `Unexpected checkbox \`${line.written}\`, expected \`${fixed} (optional)\`: GFM reads \`${line.written}\` as text, not a task`,
      expected: fixed + tail(line)
    })
  } else if (line.after === 'nbsp') {
    findings.push({
      start: line.start,
      end: replacedEnd(line),
      reason: `Unexpected no-break space after checkbox \`${line.written}\`, expected \`${fixed}\` and a plain space`,
      expected: fixed + tail(line)
    })
  } else if (line.after === 'text') {
    findings.push({
      start: line.start,
      end: line.end,
      reason: line.valid
        ? `Unexpected text right after checkbox \`${line.written}\`, expected a space after it`
        : `Unexpected checkbox \`${line.written}\` with text right after it, expected \`${fixed}\` and a space`,
      expected: fixed + ' '
    })
  } else if (!line.valid) {
    findings.push({
      start: line.start,
      end: line.end,
      reason: `Unexpected checkbox \`${line.written}\`, expected \`${fixed}\`${stateNote(line)}`,
      expected: fixed
    })
  }

  if (empty) {
    findings.push({
      start: line.start,
      end: line.end,
      reason: emptyReason(line.state, fixed),
      expected: undefined
    })
  }
}

/** GFM task items whose only text is an HTML comment (`- [ ] <!-- todo -->`). */
function checkCommentOnlyTasks(items: ListItemView[], findings: Finding[]): void {
  for (const item of items) {
    if (!item.box || !item.lead) continue
    const blank = item.lead.children.every(
      (child) => (child.type === 'html' && child.value.startsWith('<!--')) || (child.type === 'text' && child.value.trim() === '')
    )
    if (!blank) continue
    findings.push({
      start: item.box.start,
      end: item.box.end,
      reason:
        item.box.letter === 'x' || item.box.letter === 'X'
          ? emptyReason('x', `[${item.box.letter}]`)
          : emptyReason(' ', '[ ]'),
      expected: undefined
    })
  }
}

function emptyReason(state: ' ' | 'x', box: string): string {
  return state === 'x'
    ? `Unexpected task item without text, expected what was done after \`${box}\``
    : `Unexpected task item without text, expected what to do after \`${box}\``
}

/** Task and plain items in one list: report the odd ones out. */
function checkMixedList(run: Run, items: ListItemView[]): void {
  const {view, findings, intended, legends} = run
  const tasks: ListItemView[] = []
  const plain: ListItemView[] = []
  for (const item of items) {
    if (item.box || typeof item.node.checked === 'boolean' || intended.has(item)) tasks.push(item)
    else if (item.lead && !legends.has(item) && !holdsTaskList(item)) plain.push(item)
  }
  if (tasks.length === 0 || plain.length === 0) return
  const counted = tasks.length + plain.length

  if (tasks.length >= plain.length) {
    for (const item of plain) {
      if (!item.marker) continue
      const marker = view.source.slice(item.marker.start, item.marker.end).trimEnd()
      findings.push({
        start: item.marker.start,
        end: item.marker.end,
        reason: `Unexpected plain item in a task list (${tasks.length} of ${counted} items are tasks), expected \`${marker} [ ] …\` like the other items`,
        expected: marker + ' [ ] '
      })
    }
  } else {
    for (const item of tasks) {
      const box = item.box ?? intended.get(item)
      if (!box) continue
      const marker = item.marker ? view.source.slice(item.marker.start, item.marker.end).trimEnd() : '-'
      findings.push({
        start: box.start,
        end: box.end,
        reason: `Unexpected task item in a plain list (${plain.length} of ${counted} items are plain), expected \`${marker} …\` like the other items`,
        expected: undefined
      })
    }
  }
}

/** A plain item that heads a nested task list groups tasks: it is not a task that lost its box. */
function holdsTaskList(item: ListItemView): boolean {
  return item.node.children.some(
    (child) => child.type === 'list' && child.children.some((nested) => typeof nested.checked === 'boolean')
  )
}

/** The lines of a paragraph that start with something shaped like a box. */
function boxLines(source: string, paragraph: ParagraphView, skipFirstLine: boolean): BoxLine[] {
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
function hasText(source: string, from: number, to: number): boolean {
  for (let offset = from; offset < to; offset++) {
    const code = source.charCodeAt(offset)
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return true
  }
  return false
}

/** Marks that only ever mean a box: spaces, or `x`. */
function isPlainBoxMark(mark: string): boolean {
  return mark === '' || mark === 'x' || mark === 'X'
}

/** The well-formed box for a shape: `[ ]` for open, in-progress or dropped; `[x]` for done. */
function fixedBox(line: BoxLine, checkedLetter: 'x' | 'X'): string {
  if (line.state === ' ') return '[ ]'
  return line.mark === 'x' || line.mark === 'X' ? (line.valid ? `[${line.mark}]` : `[${checkedLetter}]`) : `[${checkedLetter}]`
}

/** What replaces the `*` of an optional task, or the space that text glued to the box (or a no-break space) needs. */
function tail(line: BoxLine): string {
  if (line.star) return ' (optional)'
  return line.after === 'text' || line.after === 'nbsp' ? ' ' : ''
}

/** End of the text a fix replaces: a no-break space after the box goes too. */
function replacedEnd(line: BoxLine): number {
  return line.after === 'nbsp' ? line.end + 1 : line.end
}

function optionalNote(line: BoxLine): string {
  return line.star ? ' (optional)' : ''
}

function stateNote(line: BoxLine): string {
  if (line.mark === '-' || line.mark === '~') {
    return ' and the state in words (a GFM box is only open or done)'
  }
  return ''
}
