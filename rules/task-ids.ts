import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import {tasksOf} from '../src/views/tasks.js'

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
    const firstUse = new Map<string, number>()
    let previous: {id: string; number: number; sub: number} | undefined
    // Sub-numbered ids (`T013.1`, `T018b`) come after their base id.
    const before = (a: {number: number; sub: number}, b: {number: number; sub: number}): boolean =>
      a.number < b.number || (a.number === b.number && a.sub < b.sub)
    for (const task of tasksOf(tree, file, format)) {
      const place = {start: pointAt(task.start), end: pointAt(task.end)}
      const first = firstUse.get(task.id)
      if (first === undefined) {
        firstUse.set(task.id, place.start.line)
      } else {
        report(file, `Unexpected duplicate task id \`${task.id}\` (first used on line ${first}), expected a unique id`, place)
      }
      if (previous && first === undefined && before(task, previous)) {
        report(file, `Unexpected task id \`${task.id}\` after \`${previous.id}\`, expected task ids in ascending order`, place)
      }
      if (task.description === '') {
        report(file, `Unexpected empty task \`${task.id}\`, expected what the task does after its id`, place)
      }
      if (!Number.isNaN(task.number) && (!previous || !before(task, previous))) previous = task
    }
  }
)

export default remarkPlanLintTaskIds
