import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import {detectionOf, isPlan} from '../src/views/detect.js'
import {boxLines, isKeptBoxLine, fixedBox, hasText, isPlainBoxMark, optionalNote, replacedEnd, stateNote, tail, type BoxLine} from '../src/views/box-lines.js'
import {checkedBoxes, endsWithBox, holdsTaskList, isCommentOnly, isFieldItem, listItemsOf, type ListItems, type ListItemView, type ParagraphView} from '../src/views/list-items.js'
import {sourcePointsOf, type SourcePoints} from '../src/views/source-points.js'
import {lazySchema} from '../src/support/lazy.js'
import {ruleSettings} from '../src/pipeline/options.js'
import {replacing, report} from '../src/pipeline/report.js'
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
/** Options validated once per options object. */
const checkedStyleOf = ruleSettings(checklistFormatOptionsSchema, '', (options) => options.checkedStyle ?? defaultStyle, defaultStyle)

const lintPlugin = lintRule<Root, ChecklistFormatOptions | undefined>(
  {origin: ruleOrigin('checklist-format'), url: docUrl('checklist-format')},
  function (tree, file, options) {
    const style = checkedStyleOf(options)
    if (!isPlan(detectionOf(tree, file))) return
    const view: View = {...listItemsOf(tree, file), ...sourcePointsOf(tree, file), kept: detectionOf(tree, file).template?.placeholders.kept ?? new Set()}
    const findings: Finding[] = []
    const run: Run = {
      view,
      findings,
      ...checkLetters(view, style, findings),
      intended: new Map(),
      legends: new Set(),
      optionalMark: detectionOf(tree, file).template?.tasks?.optionalMark === '*'
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
type View = ListItems & SourcePoints & {/** Lines the template keeps (`placeholders.kept`): a box there is its own. */ kept: ReadonlySet<string>}

/** What one run of the rule on one document knows and has found. */
interface Run {
  view: View
  findings: Finding[]
  /** Letter for fixes of checked near-misses. */
  checkedLetter: 'x' | 'X'
  /** Why a check symbol (`[✅]`) is reported against the letter, when options or the plan’s `[x]` boxes ask for one. */
  symbolNote: string | undefined
  /** List items GFM reads as text that start with a box: tasks in intent. */
  intended: Map<ListItemView, BoxLine>
  /** List items that start with a box explained after it (`- [-] = in progress`): neither tasks nor plain. */
  legends: Set<ListItemView>
  /** The template writes `[ ]*` for an optional task (front matter `tasks.optionalMark`, Kiro's `- [ ]* 2.2 …`): not a broken box. */
  optionalMark: boolean
}

interface Finding {
  /** Source offsets of the text the finding is about (and `expected` replaces). */
  start: number
  end: number
  reason: string
  expected: string | undefined
  editorOnly?: boolean // `expected` changes the list's structure: the editor offers it, `--fix` does not apply it
}

function emit(file: VFile, view: View, finding: Finding): void {
  report(file, finding.reason, {start: view.pointAt(finding.start), end: view.pointAt(finding.end)}, finding.expected, replacing(finding))
}

/** Letter that fixes of checked near-misses use (the style’s, else the document’s first checked box’s, or `x`); reports checked boxes against `checkedStyle`. */
function checkLetters(view: View, style: CheckedStyle, findings: Finding[]): Pick<Run, 'checkedLetter' | 'symbolNote'> {
  const checked = checkedBoxes(view.lists)
  const first = checked[0]
  const letter: 'x' | 'X' = style === 'x' || style === 'X' ? style : first?.letter === 'X' ? 'X' : 'x'
  const why =
    style === 'x' || style === 'X'
      ? ` (option \`checkedStyle\` is \`"${style}"\`)`
      : style === 'consistent' && first
        ? ` like the first checked box (line ${view.pointAt(first.start).line})`
        : undefined
  if (why === undefined || !first) return {checkedLetter: letter, symbolNote: why}

  for (const box of checked) {
    if (box.letter === letter) continue
    findings.push({
      start: box.start,
      end: box.end,
      reason: `Unexpected checkbox \`[${box.letter}]\`, expected \`[${letter}]\`${why}`,
      expected: `[${letter}]`
    })
  }
  return {checkedLetter: letter, symbolNote: why}
}

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
    } else if (line.after !== 'text' && (boxLineCount >= 2 || (line.firstLine && isPlainBoxMark(line.mark))) && !isKeptBoxLine(run.view.source, line, run.view.kept)) {
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
  if (line.symbol && !line.star && line.after !== 'text') {
    checkSymbolBox(run, item, line, empty)
    return
  }
  // A well-formed box followed by a space and text is a task already.
  if (line.valid && !line.star && line.after !== 'nbsp' && line.after !== 'text' && !empty) return
  run.intended.set(item, line)

  if (line.star) {
    if (run.optionalMark) return
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

  if (empty) findings.push({start: line.start, end: line.end, reason: emptyReason(line.state, fixed), expected: undefined})
}

/** A box checked with a symbol (`- [✅] …`): a checked task, reported only for a letter asked for; never un-checked. */
function checkSymbolBox(run: Run, item: ListItemView, line: BoxLine, empty: boolean): void {
  run.intended.set(item, line)
  if (empty) {
    run.findings.push({start: line.start, end: line.end, reason: emptyReason('x', line.written), expected: undefined})
    return
  }
  if (run.symbolNote === undefined) return
  run.findings.push({
    start: line.start,
    end: replacedEnd(line),
    reason: `Unexpected checkbox \`${line.written}\`, expected \`[${run.checkedLetter}]\`${run.symbolNote}`,
    expected: `[${run.checkedLetter}]` + (line.after === 'nbsp' ? ' ' : '')
  })
}

/** GFM task items whose only text is an HTML comment (`- [ ] <!-- todo -->`). */
function checkCommentOnlyTasks(items: ListItemView[], findings: Finding[]): void {
  for (const item of items) {
    if (!item.box || !isCommentOnly(item)) continue
    const done = item.box.letter === 'x' || item.box.letter === 'X'
    const reason = done ? emptyReason('x', `[${item.box.letter}]`) : emptyReason(' ', '[ ]')
    findings.push({start: item.box.start, end: item.box.end, reason, expected: undefined})
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
    if (item.box || typeof item.node.checked === 'boolean' || intended.has(item) || endsWithBox(item)) tasks.push(item)
    else if (item.lead && !legends.has(item) && !holdsTaskList(item) && !isFieldItem(item)) plain.push(item)
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
        expected: marker + ' [ ] ',
        editorOnly: true
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
