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
  /** The label as written, brackets included: `[US1]`. */
  label: string
  /** The story number it names. */
  story: number
  /** Offsets of the label in the document. */
  start: number
  end: number
}

export interface TaskItem {
  /** The id as written: `T012`. */
  id: string
  /** Its number, for order: 12. */
  number: number
  /** Its sub-number, for order among tasks with the same number: 1 for `T013.1`, 2 for `T018b`, 0 for none. */
  sub: number
  /** Offsets of the id in the document. */
  start: number
  end: number
  /** The task’s text after the id and its bracketed labels, on its first line. */
  description: string
  stories: StoryLabel[]
}

/** The task items of a tree, computed once per tree. */
export const tasksOf = perTree((tree: Root, file: VFile, format: TaskFormat): TaskItem[] => collect(tree, file, format))

function collect(tree: Root, file: VFile, format: TaskFormat): TaskItem[] {
  const {source} = sourcePointsOf(tree, file)
  // A sub-numbered id (`T013.1`, `T018b`) is a task added after its base task.
  const idAtStart = new RegExp('^(?:\\*\\*|`)?((?:' + format.id.source + ')(?:\\.\\d+|[a-z])?)(?:\\*\\*|`)?(?![\\p{L}\\p{N}_-])', 'u')
  const tasks: TaskItem[] = []
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
      if (!match) continue
      const id = match[1]!
      const start = from + skipped + match[0].indexOf(id)
      let rest = line.slice(match[0].length)
      let restOffset = from + skipped + match[0].length
      const stories: StoryLabel[] = []
      // Bracketed labels after the id: `[P]`, `[US1]`, `[Story]`.
      for (;;) {
        const label = /^(\s*)(\[[^\]\n]*\])/.exec(rest)
        if (!label) break
        const labelStart = restOffset + label[1]!.length
        const story = format.story ? new RegExp('^\\[' + format.story.source + '\\]$', 'u').exec(label[2]!) : null
        if (story) {
          stories.push({label: label[2]!, story: Number(story[1] ?? Number.NaN), start: labelStart, end: labelStart + label[2]!.length})
        }
        rest = rest.slice(label[0].length)
        restOffset += label[0].length
      }
      tasks.push({
        id,
        number: Number(/\d+/.exec(id)?.[0] ?? Number.NaN),
        sub: subNumber(id),
        start,
        end: start + id.length,
        description: rest.replace(/^[\s:–—-]+/, '').trim(),
        stories
      })
    }
  }
  return tasks
}

/** `T013.1` → 1, `T018b` → 2, `T013` → 0. */
function subNumber(id: string): number {
  const dotted = /\.(\d+)$/.exec(id)
  if (dotted) return Number(dotted[1])
  const letter = /\d([a-z])$/.exec(id)
  return letter ? letter[1]!.charCodeAt(0) - 96 : 0
}

/** A task out of order and the task in order it is wrongly placed against. */
export interface Misplaced {
  /** A higher id before it (`T004` after `T005`). */
  after?: TaskItem | undefined
  /** A lower id after it (`T034` before `T008`), when no higher id comes before it. */
  before?: TaskItem | undefined
}

/**
 * The tasks out of order: those outside the longest ascending run of ids
 * (ties kept early: in `T005, T004, T006` the `T004` is out of order), each
 * with the task in order it is placed against. Linear-logarithmic.
 */
export function outOfOrder(tasks: TaskItem[]): Map<TaskItem, Misplaced> {
  const items = tasks.filter((task) => !Number.isNaN(task.number))
  const key = (task: TaskItem): number => task.number * 1e6 + task.sub
  // longest[i]: the longest ascending run that starts at item i. best[length]: the
  // highest first key of a run of that length so far (from the right), descending.
  const longest: number[] = Array.from({length: items.length}, () => 0)
  const best: number[] = []
  for (let index = items.length - 1; index >= 0; index--) {
    const value = key(items[index]!)
    let low = 0
    let high = best.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (best[middle]! >= value) low = middle + 1
      else high = middle
    }
    longest[index] = low + 1
    if (low === best.length) best.push(value)
    else best[low] = Math.max(best[low]!, value)
  }
  const kept = new Set<TaskItem>()
  let need = best.length
  let floor = Number.NEGATIVE_INFINITY
  for (let index = 0; index < items.length && need > 0; index++) {
    if (longest[index] === need && key(items[index]!) >= floor) {
      kept.add(items[index]!)
      floor = key(items[index]!)
      need--
    }
  }
  const nextKept: Array<TaskItem | undefined> = []
  for (let index = items.length - 1, next: TaskItem | undefined; index >= 0; index--) {
    nextKept[index] = next
    if (kept.has(items[index]!)) next = items[index]
  }
  const misplaced = new Map<TaskItem, Misplaced>()
  let previous: TaskItem | undefined
  items.forEach((task, index) => {
    if (kept.has(task)) previous = task
    else if (previous && key(task) < key(previous)) misplaced.set(task, {after: previous})
    else misplaced.set(task, {before: nextKept[index] ?? previous})
  })
  return misplaced
}
