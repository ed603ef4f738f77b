import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import {oddTaskIdsOf, taskIdAtStart, tasksOf, type OddTaskId, type TaskItem} from '../src/views/tasks.js'
import type {TaskFormat} from '../src/template/template.js'
import {listItemsOf} from '../src/views/list-items.js'
import {longestIncreasing} from '../src/support/sequence.js'

/**
 * In a task list whose template gives a task format (front matter `tasks`,
 * such as `spec-kit-tasks`): every task id is used once, ids ascend in
 * document order, every task says what it does after its id, no task
 * is labelled with an id-shaped label outside the format (`T00A`), and
 * where the format counts only checkbox items as tasks (`tasks.checkboxes`),
 * a task list has at least one.
 */
const remarkPlanLintTaskIds = lintRule<Root, undefined>(
  {origin: ruleOrigin('task-ids'), url: docUrl('task-ids')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    const format = template?.tasks
    if (!format) return
    const {pointAt} = sourcePointsOf(tree, file)
    if (format.checkboxes) {
      const {lists} = listItemsOf(tree, file)
      const first = lists[0]?.items[0]
      if (first && !lists.some((list) => list.items.some((item) => item.box))) {
        report(file, `Unexpected task list without a checkbox, expected each task as a checkbox item (\`- [ ] …\`) so that its progress counts`, first.node.position)
      }
    }
    const tasks = tasksOf(tree, file, format)
    const firstUse = new Map<string, number>()
    const unique = tasks.filter((task) => {
      if (firstUse.has(task.id)) return false
      firstUse.set(task.id, pointAt(task.start).line)
      return !Number.isNaN(task.number)
    })
    const outOfOrder = orderFindings(unique)
    const seen = new Set<string>()
    for (const task of tasks) {
      const place = {start: pointAt(task.start), end: pointAt(task.end)}
      if (seen.has(task.id)) {
        report(file, `Unexpected duplicate task id \`${task.id}\` (first used on line ${firstUse.get(task.id)!}), expected a unique id`, place)
      }
      seen.add(task.id)
      const order = outOfOrder.get(task)
      if (order) report(file, order, place)
      if (task.description === '') {
        report(file, `Unexpected empty task \`${task.id}\`, expected what the task does after its id`, place)
      }
    }
    for (const [odd, message] of oddIdFindings(oddTaskIdsOf(tree, file, format), tasks, format)) {
      report(file, message, {start: pointAt(odd.start), end: pointAt(odd.end)})
    }
  }
)

export default remarkPlanLintTaskIds

/**
 * Ids out of order: the tasks outside a longest ascending run of ids (the
 * earliest such run), one finding per contiguous block of them. A block of
 * ids above every id of the run is tasks added after the list was numbered
 * and placed where they belong: not reported.
 */
function orderFindings(tasks: TaskItem[]): Map<TaskItem, string> {
  const findings = new Map<TaskItem, string>()
  const kept = ascendingRun(tasks)
  let highest: TaskItem | undefined
  for (const [index, task] of tasks.entries()) if (kept[index] && (!highest || before(highest, task))) highest = task
  let index = 0
  while (index < tasks.length) {
    if (kept[index]) {
      index++
      continue
    }
    const from = index
    while (index < tasks.length && !kept[index]) index++
    const block = tasks.slice(from, index)
    if (highest && block.every((task) => before(highest!, task))) continue
    const previous = tasks.slice(0, from).findLast((_, at) => kept[at])
    const following = tasks.slice(index).find((_, at) => kept[index + at])
    const first = block[0]!
    const ids = block.length === 1 ? `id \`${first.id}\`` : `ids \`${first.id}\` to \`${block.at(-1)!.id}\``
    const where = previous ? `after \`${previous.id}\`` : `before \`${following?.id ?? first.id}\``
    findings.set(first, `Unexpected task ${ids} ${where}, expected task ids in ascending order`)
  }
  return findings
}

/** `a` sorts before `b`: by number, then sub-id (`T009` < `T009.5` < `T010`). */
function before(a: TaskItem, b: TaskItem): boolean {
  return a.number < b.number || (a.number === b.number && a.sub < b.sub)
}

/** Which tasks form a longest ascending run of ids (`src/support/sequence.ts`), by number and then sub-id. */
function ascendingRun(tasks: TaskItem[]): boolean[] {
  const run = longestIncreasing(tasks.map((task) => task.number * subIdRanks + task.sub))
  return tasks.map((_, index) => run.has(index))
}

/** Room for sub-ids below the next number: `T009.999` still sorts before `T010`. */
const subIdRanks = 1000

/**
 * A task labelled like an id but outside the template's format (`T00A`
 * between `T007` and `T011`) is no task to the other checks: say so, with a
 * free number between its neighbours when there is one (`T008`), each label
 * of a block taking the next.
 */
function oddIdFindings(oddIds: OddTaskId[], tasks: TaskItem[], format: TaskFormat): Map<OddTaskId, string> {
  const findings = new Map<OddTaskId, string>()
  const idAtStart = taskIdAtStart(format)
  const taken = new Set(tasks.map((task) => task.number))
  for (const odd of oddIds) {
    const previous = tasks.findLast((task) => task.start < odd.start)
    const next = tasks.find((task) => task.start > odd.start)
    const model = previous ?? next!
    let number = (previous?.number ?? 0) + 1
    while (taken.has(number)) number++
    const prefix = /^\D*/u.exec(model.id)![0]
    const free = prefix + String(number).padStart(/\d+/u.exec(model.id)?.[0].length ?? 0, '0')
    const fits = (!next || number < next.number) && idAtStart.exec(free)?.groups!['id'] === free
    if (fits) taken.add(number)
    const neighbours = [previous, next].filter((task) => task !== undefined).map((task) => '`' + task.id + '`')
    const hint = fits
      ? `: \`${free}\` is free ${previous ? `after \`${previous.id}\`` : `before \`${next!.id}\``}`
      : previous && next && format.subId
        ? `: no number is free between them, a sub-id of \`${previous.id}\` is`
        : ''
    findings.set(
      odd,
      `Unexpected task id \`${odd.label}\` outside the template’s id format \`${format.id.source}\`, expected an id like ${neighbours.join(' and ')}${hint}`
    )
  }
  return findings
}
