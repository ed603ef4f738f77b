import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {listItemsOf} from '../src/views/list-items.js'
import {outlineOf, type Outline, type OutlineHeading} from '../src/views/outline.js'
import {planStatusOf} from '../src/views/plan-status.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'

/**
 * A plan whose status puts it at stage `done` has every task item of its
 * template’s completion checklists (front matter `completion`: Definition of
 * Done, Acceptance Criteria …) checked. Each unchecked item is a finding, on
 * its box. At other stages the rule is quiet.
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
    for (const list of listItemsOf(tree, file).lists) {
      for (const item of list.items) {
        if (item.node.checked !== false || !item.box) continue
        const heading = headingAt(outline, item.box.start)
        if (!heading || !template.completionKeys.has(heading.key)) continue
        const text = shown(item.lead ? toString(item.lead) : '')
        report(
          file,
          `Unexpected unchecked item ${text}in \`${'#'.repeat(heading.depth)} ${heading.text.trim()}\` of a plan with status \`${status.value ?? ''}\`, expected it done and checked (\`[x]\`), or the plan’s status set back`,
          {start: pointAt(item.box.start), end: pointAt(item.box.end)}
        )
      }
    }
  }
)

export default remarkPlanLintCompletedChecklists

/** The nearest heading before an offset: the section a list item is in. */
function headingAt(outline: Outline, offset: number): OutlineHeading | undefined {
  let found: OutlineHeading | undefined
  for (const heading of outline.headings) {
    const start = heading.node.position?.start.offset
    if (start === undefined || start > offset) break
    found = heading
  }
  return found
}

/** `` `text` `` and a space, shortened; nothing for an empty item. */
function shown(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return ''
  return '`' + (line.length > 60 ? line.slice(0, 58).trimEnd() + '…' : line) + '` '
}
