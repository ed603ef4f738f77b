import type {ListItem, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {listItemsOf, type ListItemView} from '../src/views/list-items.js'
import {outlineOf, type Outline, type OutlineHeading} from '../src/views/outline.js'
import {planStatusOf} from '../src/views/plan-status.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'

/**
 * A plan whose status puts it at stage `done` has every task item of its
 * template’s completion checklists (front matter `completion`: Definition of
 * Done, Acceptance Criteria, BMAD's Tasks / Subtasks …) checked, also in
 * subsections of them. Each unchecked item is a finding, on its box; its
 * unchecked subitems are part of it. A section where nothing at all is
 * checked is one finding. At other stages the rule is quiet.
 */
const remarkPlanLintCompletedChecklists = lintRule<Root, undefined>(
  {origin: ruleOrigin('completed-checklists'), url: docUrl('completed-checklists')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    if (!template || template.completionKeys.size === 0) return
    const status = planStatusOf(tree, file)
    if (status.stage !== 'done') return
    const outline = outlineOf(tree)
    const {pointAt} = sourcePointsOf(tree, file)
    // Unchecked items by the completion section they are in; items under an
    // unchecked item are its own (one finding for the task, not one per subtask).
    const sections = new Map<OutlineHeading, {unchecked: ListItemView[]; checked: number}>()
    const covered = new Set<ListItem>()
    for (const list of listItemsOf(tree, file).lists) {
      for (const item of list.items) {
        if (!item.box || item.node.checked === null || item.node.checked === undefined) continue
        const heading = completionHeading(outline, item.box.start, template.completionKeys)
        if (!heading) continue
        let section = sections.get(heading)
        if (!section) sections.set(heading, (section = {unchecked: [], checked: 0}))
        if (item.node.checked) {
          section.checked++
          continue
        }
        if (covered.has(item.node)) continue
        for (const nested of nestedItems(item.node)) covered.add(nested)
        section.unchecked.push(item)
      }
    }
    for (const [heading, {unchecked, checked}] of sections) {
      const place = `in \`${'#'.repeat(heading.depth)} ${heading.text.trim()}\` of a plan with status \`${status.value ?? ''}\``
      // Nothing ticked at all: one cause (the boxes were never ticked), one finding.
      if (checked === 0 && unchecked.length > 1) {
        const first = unchecked.reduce((a, b) => (b.box!.start < a.box!.start ? b : a)).box!
        report(
          file,
          `Unexpected ${unchecked.length} unchecked items (none checked) ${place}, expected them done and checked (\`[x]\`), or the plan’s status set back`,
          {start: pointAt(first.start), end: pointAt(first.end)}
        )
        continue
      }
      for (const item of unchecked.sort((a, b) => a.box!.start - b.box!.start)) {
        const text = shown(item.lead ? toString(item.lead) : '')
        report(file, `Unexpected unchecked item ${text}${place}, expected it done and checked (\`[x]\`), or the plan’s status set back`, {
          start: pointAt(item.box!.start),
          end: pointAt(item.box!.end)
        })
      }
    }
  }
)

export default remarkPlanLintCompletedChecklists

/** The completion section an offset is in: the nearest heading before it, or a section it is under (`### Task 1` in `## Tasks / Subtasks`). */
function completionHeading(outline: Outline, offset: number, keys: ReadonlySet<string>): OutlineHeading | undefined {
  let found: OutlineHeading | undefined
  for (const heading of outline.headings) {
    const start = heading.node.position?.start.offset
    if (start === undefined || start > offset) break
    found = heading
  }
  for (let heading = found; heading; heading = heading.parent) {
    if (keys.has(heading.key)) return heading
  }
  return undefined
}

/** The list items nested in an item, at any depth. */
function nestedItems(node: ListItem): ListItem[] {
  const items: ListItem[] = []
  const stack: Array<ListItem['children'][number] | ListItem> = [...node.children]
  while (stack.length > 0) {
    const child = stack.pop()!
    if (child.type === 'listItem') items.push(child)
    if ('children' in child) stack.push(...(child.children as Array<ListItem['children'][number]>))
  }
  return items
}

/** `` `text` `` and a space, shortened; nothing for an empty item. */
function shown(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return ''
  return '`' + (line.length > 60 ? line.slice(0, 58).trimEnd() + '…' : line) + '` '
}
