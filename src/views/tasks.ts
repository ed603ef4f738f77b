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
