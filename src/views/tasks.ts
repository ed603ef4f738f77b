import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {TaskFormat} from '../template/template.js'
import {listItemsOf} from './list-items.js'
import {perTree} from './per-tree.js'
import {sourcePointsOf} from './source-points.js'

/**
 * The task items of a task list whose template gives a task format
 * (front matter `tasks`): `- [ ] T012 [P] [US1] Create User model in
 * src/models/user.py`. Only GFM task items whose text starts with a task id
 * are tasks; ids in plain list items (`- T001, T002 can run in parallel`),
 * tables and prose are mentions.
 */

export interface StoryLabel {
  /** The label as written, brackets included: `[US1]`, `[US3,US4]`. */
  label: string
  /** The story reference in it that names this story: `US4`. */
  reference: string
  /** The story number it names. */
  story: number
  /** Offsets in the document: of the label, or of the reference when the label names several stories. */
  start: number
  end: number
}

export interface TaskItem {
  /** The id as written: `T012`. */
  id: string
  /** Its number, for order: 12. */
  number: number
  /** The rank of its sub-id (front matter `tasks.subId`), for order: 5 for `T009.5`, 1 for `T010a`, 0 without one. */
  sub: number
  /** Offsets of the id in the document. */
  start: number
  end: number
  /** The task’s text after the id and its bracketed labels, on its first line. */
  description: string
  stories: StoryLabel[]
}

/**
 * A label at the start of a task item that is shaped like the list's task ids
 * (their prefix, then a digit: `T00A` among `T007` and `T011`) but breaks the
 * template's id format, so the item is no task. Words (`TODO`) and the
 * template's own placeholder (`TXXX`) have no digit there and are not labels.
 */
export interface OddTaskId {
  label: string
  /** Offsets of the label in the document. */
  start: number
  end: number
}

interface TaskList {
  tasks: TaskItem[]
  oddIds: OddTaskId[]
}

const taskListOf = perTree((tree: Root, file: VFile, format: TaskFormat): TaskList => collect(tree, file, format))

/** The task items of a tree, computed once per tree. */
export function tasksOf(tree: Root, file: VFile, format: TaskFormat): TaskItem[] {
  return taskListOf(tree, file, format).tasks
}

/** Id-shaped labels that break the template's id format, in a tree that has task ids. */
export function oddTaskIdsOf(tree: Root, file: VFile, format: TaskFormat): OddTaskId[] {
  return taskListOf(tree, file, format).oddIds
}

/** The first word of a task item's text, as far as an id reaches (letters, digits, dots; not a range `T008-T010`). */
const leadingLabel = /^(?:\*\*|`)?(?<label>[\p{L}\p{N}.]*[\p{L}\p{N}])\.?(?:\*\*|`)?(?![\p{L}\p{N}_-])/u

const idExpressions = new WeakMap<TaskFormat, RegExp>()

/** A task id of the format at the start of a text (`T012`, `**T009.5**`, `` `T001` ``), built once per format. */
export function taskIdAtStart(format: TaskFormat): RegExp {
  let expression = idExpressions.get(format)
  if (!expression) {
    const subId = format.subId ? '(?:' + format.subId.source + ')' : ''
    expression = new RegExp('^(?:\\*\\*|`)?(?<id>(?<base>' + format.id.source + ')(?<sub>' + subId + ')?)(?:\\*\\*|`)?(?![\\p{L}\\p{N}_-])', 'u')
    idExpressions.set(format, expression)
  }
  return expression
}

function collect(tree: Root, file: VFile, format: TaskFormat): TaskList {
  const {source} = sourcePointsOf(tree, file)
  const idAtStart = taskIdAtStart(format)
  const story = format.story ? new RegExp('^' + format.story.source + '$', 'u') : undefined
  const tasks: TaskItem[] = []
  const labels: OddTaskId[] = []
  for (const list of listItemsOf(tree, file).lists) {
    for (const item of list.items) {
      const lead = item.lead
      if (!item.box) continue
      const from = item.box.end
      const to = lead?.position?.end.offset
      if (from === undefined || to === undefined) continue
      const text = source.slice(from, to)
      const skipped = text.length - text.trimStart().length
      const line = text.trimStart().split(/\r?\n|\r/, 1)[0]!
      const match = idAtStart.exec(line)
      if (!match) {
        const label = leadingLabel.exec(line)
        if (label) {
          const start = from + skipped + label[0].indexOf(label.groups!['label']!)
          labels.push({label: label.groups!['label']!, start, end: start + label.groups!['label']!.length})
        }
        continue
      }
      const id = match.groups!['id']!
      const start = from + skipped + match[0].indexOf(id)
      let rest = line.slice(match[0].length)
      let restOffset = from + skipped + match[0].length
      const stories: StoryLabel[] = []
      // Bracketed labels after the id: `[P]`, `[US1]`, `[Story]`.
      for (;;) {
        const label = /^(\s*)(\[[^\]\n]*\])/.exec(rest)
        if (!label) break
        const labelStart = restOffset + label[1]!.length
        if (story) stories.push(...storiesIn(label[2]!, labelStart, story))
        rest = rest.slice(label[0].length)
        restOffset += label[0].length
      }
      tasks.push({
        id,
        number: idNumber(match.groups!['base']!),
        sub: subRank(match.groups!['sub']),
        start,
        end: start + id.length,
        description: rest.replace(/^[\s:–—-]+/, '').trim(),
        stories
      })
    }
  }
  // Nested lists are collected after their parent list: tasks go in document order.
  tasks.sort((a, b) => a.start - b.start)
  // Shaped like the ids in use: one of their prefixes, then a digit.
  const prefixes = new Set(tasks.map((task) => /^\D*/u.exec(task.id)![0]).filter((prefix) => prefix !== ''))
  const oddIds = labels.filter(({label}) =>
    [...prefixes].some((prefix) => label.startsWith(prefix) && /\p{N}/u.test(label.charAt(prefix.length)))
  )
  return {tasks, oddIds}
}

/**
 * An id’s number, for order: `T012` → 12; a dotted id (`1.2`, `1.2.3`, as
 * OpenSpec numbers task groups and tasks) orders by each part in turn.
 */
function idNumber(base: string): number {
  const parts = base.match(/\d+/g)
  if (!parts) return Number.NaN
  return parts.slice(0, 3).reduce((sum, part, index) => sum + Number(part) / 1000 ** index, 0)
}

/** `.5` → 5, `a` → 1, none → 0: sub-ids sort after their parent id. */
function subRank(sub: string | undefined): number {
  if (!sub) return 0
  const digits = /\d+/.exec(sub)
  if (digits) return Number(digits[0])
  const letter = /\p{L}/u.exec(sub)?.[0]
  return letter ? letter.toLowerCase().charCodeAt(0) - 96 : 1
}

/**
 * The stories a bracketed label names: `[US1]`, or several at once
 * (`[US3,US4]`, `[US2/FR-003]`, `[US1 & US2]`); references that are not
 * stories (`FR-003`) are left alone.
 */
function storiesIn(label: string, start: number, story: RegExp): StoryLabel[] {
  const found: StoryLabel[] = []
  const inner = label.slice(1, -1)
  const parts = [...inner.matchAll(/[^\s,;/&+]+/g)]
  for (const part of parts) {
    const match = story.exec(part[0])
    if (!match) continue
    const whole = parts.length === 1
    const from = start + 1 + part.index
    found.push({
      label,
      reference: part[0],
      story: Number(match[1] ?? Number.NaN),
      start: whole ? start : from,
      end: whole ? start + label.length : from + part[0].length
    })
  }
  return found
}
