import type {Heading, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import {detectionOf} from '../src/views/detect.js'
import {definedIdsOf} from '../src/views/defined-ids.js'
import {siblingOf} from '../src/views/feature-sibling.js'
import {outlineOf, sectionEnd} from '../src/views/outline.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import {tasksOf, type StoryLabel, type TaskItem} from '../src/views/tasks.js'
import type {TaskFormat} from '../src/template/template.js'

/**
 * The documents of one feature folder agree: every user story label in the
 * task list names a story of the spec, every story of the spec has a task,
 * and ids the template defines once (`FR-001`) are defined once. Each
 * finding is reported in the file the author has to change.
 */
const remarkPlanLintFeatureConsistency = lintRule<Root, undefined>(
  {origin: ruleOrigin('feature-consistency'), url: docUrl('feature-consistency')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    if (!template) return
    const {pointAt} = sourcePointsOf(tree, file)

    for (const duplicate of definedIdsOf(tree, file, template.uniqueIds).duplicates) {
      report(
        file,
        `Unexpected duplicate id \`${duplicate.id}\` (first defined on line ${pointAt(duplicate.first).line}), expected each id defined once`,
        {start: pointAt(duplicate.start), end: pointAt(duplicate.end)}
      )
    }

    if (template.tasks?.story && template.tasks.stories) checkStories(tree, file, template.tasks)
  }
)

export default remarkPlanLintFeatureConsistency

/** Story labels in the task list against the stories of the sibling spec. */
function checkStories(tree: Root, file: VFile, format: TaskFormat): void {
  const {file: name, heading: pattern} = format.stories!
  const sibling = siblingOf(tree, file, name)
  if (!sibling?.tree) return
  const stories = storiesOf(sibling.tree, pattern)
  if (stories.size === 0) return
  const {pointAt} = sourcePointsOf(tree, file)
  const tasks = tasksOf(tree, file, format)
  const labelled = new Map<number, {label: StoryLabel; task: TaskItem; count: number}>()
  for (const task of tasks) {
    for (const label of task.stories) {
      const seen = labelled.get(label.story)
      if (seen) seen.count++
      else labelled.set(label.story, {label, task, count: 1})
    }
  }
  // Only a task list that labels its tasks by story can be checked for missing stories.
  if (labelled.size > 0) {
    const outline = outlineOf(tree)
    const sections = storiesWithSection(tree, tasks, format.stories!.section)
    const example = tasks.find((task) => task.stories.length > 0)!.stories[0]!.reference
    for (const [story, title] of stories) {
      if (labelled.has(story) || sections.has(story)) continue
      report(
        file,
        `Unexpected user story ${story} of \`${name}\` (\`${title}\`) without a task, expected at least one task labelled \`${labelFor(example, story)}\``,
        outline.title?.node.position ?? outline.headings[0]?.node.position ?? tree.position
      )
    }
  }
  const known = [...stories.keys()].sort((a, b) => a - b)
  // One finding per unknown story, on its first label: the fix is one decision.
  for (const [story, {label, task, count}] of labelled) {
    if (stories.has(story)) continue
    const others = count > 1 ? ` and ${count - 1} more` : ''
    report(
      file,
      `Unexpected story label \`${label.label}\` on task \`${task.id}\`${others}: \`${name}\` has no user story ${story}, expected one of ${known.map((item) => '`' + labelFor(label.reference, item) + '`').join(', ')}`,
      {start: pointAt(label.start), end: pointAt(label.end)}
    )
  }
}

/** Stories whose own section of the task list (`## Phase 3: User Story 1 - …`) holds a task: they have tasks, labelled or not. */
function storiesWithSection(tree: Root, tasks: TaskItem[], pattern: RegExp | undefined): Set<number> {
  const found = new Set<number>()
  if (!pattern) return found
  const outline = outlineOf(tree)
  for (const heading of outline.headings) {
    const story = Number(pattern.exec(heading.text)?.[1])
    if (!Number.isInteger(story)) continue
    const from = heading.node.position?.end.offset ?? 0
    const to = outline.headings[sectionEnd(outline, heading)]?.node.position?.start.offset ?? Number.POSITIVE_INFINITY
    if (tasks.some((task) => task.start >= from && task.start < to)) found.add(story)
  }
  return found
}

/** A label for another story number, written like `US1`: `[US3]`. */
function labelFor(example: string, story: number): string {
  return '[' + example.replace(/\d+/, String(story)) + ']'
}

/** Story number → heading text, from the headings of the spec. */
function storiesOf(spec: Root, pattern: RegExp): Map<number, string> {
  const stories = new Map<number, string>()
  for (const node of spec.children) {
    if (node.type !== 'heading') continue
    const text = headingText(node)
    const match = pattern.exec(text)
    const story = Number(match?.[1])
    if (match && Number.isInteger(story) && !stories.has(story)) stories.set(story, text)
  }
  return stories
}

function headingText(node: Heading): string {
  return toString(node).replace(/\s+/g, ' ').trim()
}
