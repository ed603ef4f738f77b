import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import {outOfOrder, tasksOf, type TaskItem} from '../src/views/tasks.js'

/**
 * In a task list whose template gives a task format (front matter `tasks`,
 * such as `spec-kit-tasks`): every task id is used once, ids ascend in
 * document order, and every task says what it does after its id.
 */
const remarkPlanLintTaskIds = lintRule<Root, undefined>(
  {origin: ruleOrigin('task-ids'), url: docUrl('task-ids')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    const format = template?.tasks
    if (!format) return
    const {pointAt} = sourcePointsOf(tree, file)
    const tasks = tasksOf(tree, file, format)
    const firstUse = new Map<string, number>()
    const firsts: TaskItem[] = []
    for (const task of tasks) {
      if (!firstUse.has(task.id)) {
        firstUse.set(task.id, pointAt(task.start).line)
        firsts.push(task)
      }
    }
    // One finding per task out of place (`T034` among `T007` and `T008`), not one per task after it.
    const misplaced = outOfOrder(firsts)
    const seen = new Set<string>()
    for (const task of tasks) {
      const place = {start: pointAt(task.start), end: pointAt(task.end)}
      if (seen.has(task.id)) {
        report(file, `Unexpected duplicate task id \`${task.id}\` (first used on line ${firstUse.get(task.id)}), expected a unique id`, place)
      }
      seen.add(task.id)
      const neighbour = misplaced.get(task)
      if (neighbour) {
        const where = neighbour.after ? `after \`${neighbour.after.id}\`` : `before \`${neighbour.before?.id ?? ''}\``
        report(file, `Unexpected task id \`${task.id}\` ${where}, expected task ids in ascending order`, place)
      }
      if (task.description === '') {
        report(file, `Unexpected empty task \`${task.id}\`, expected what the task does after its id`, place)
      }
    }
  }
)

export default remarkPlanLintTaskIds
