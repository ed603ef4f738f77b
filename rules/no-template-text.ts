import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {describeEvidence, detectionOf} from '../src/views/detect.js'
import {outlineOf} from '../src/views/outline.js'
import {unfilledCopyOf} from '../src/views/unfilled-copy.js'
import {templateTextOf} from '../src/views/template-text.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'

/**
 * No template text left where the plan’s own content belongs (see
 * `src/views/template-text.ts`): a section that still holds only its
 * template’s text (all of it or part of it) gets one finding on its heading;
 * a template instruction or example line left in a section whose only other
 * content is what the template gave (code, a checklist) gets one on its line.
 * A template lead-in kept above the author’s own content is fine.
 */
const remarkPlanLintNoTemplateText = lintRule<Root, undefined>(
  {origin: ruleOrigin('no-template-text'), url: docUrl('no-template-text')},
  function (tree, file) {
    const copy = unfilledCopyOf(tree, file)
    if (copy) {
      const detection = detectionOf(tree, file)
      // A copy found by its title alone may be a team’s own template file: say where those go.
      const found = detection.via === 'title' || detection.via === 'sections'
      const templateFile = found ? ' (a template file of your own belongs in a `templates/` folder or in a file named `*-template.md`, which plan-lint skips)' : ''
      report(
        file,
        `Unexpected copy of template \`${detection.template!.id}\` that nothing has filled in yet (${describeEvidence(detection)}), expected the plan’s own content in place of the template’s text and placeholders${templateFile}`,
        outlineOf(tree).title?.node.position ?? tree.children[0]?.position
      )
      return
    }
    const sections = templateTextOf(tree, file)
    if (sections.length === 0) return
    const {template} = detectionOf(tree, file)
    const {source, pointAt} = sourcePointsOf(tree, file)
    const id = template ? ` (template \`${template.id}\`)` : ''
    for (const {heading, left, unfilled} of sections) {
      const name = '`' + '#'.repeat(heading.depth) + ' ' + heading.text.replace(/\s+/g, ' ').trim() + '`'
      if (unfilled) {
        report(
          file,
          `Unexpected section ${name} with only the template’s text${id}, expected the plan’s own content in its place`,
          heading.node.position
        )
        continue
      }
      for (const unit of left) {
        report(
          file,
          `Unexpected template text \`${shorten(source.slice(unit.start, unit.end))}\` in ${name}${id}, expected the plan’s own content in its place`,
          {start: pointAt(unit.start), end: pointAt(unit.end)}
        )
      }
    }
  }
)

export default remarkPlanLintNoTemplateText

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 60 ? line.slice(0, 58).trimEnd() + '…' : line
}
