import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {outlineOf} from '../src/views/outline.js'
import {report} from '../src/pipeline/report.js'
import {removeSection} from '../src/pipeline/section-fixes.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sectionName} from '../src/template/template.js'

/**
 * Sections that a template marks as guidance for its author (front matter
 * `guidance:`, such as `story-plan`’s `Template Usage Notes`) must not remain
 * in a finished plan.
 */
const remarkPlanLintNoTemplateGuidance = lintRule<Root, undefined>(
  {origin: ruleOrigin('no-template-guidance'), url: docUrl('no-template-guidance')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    if (!template) return
    const guidance = template.sections.filter((section) => section.guidance)
    if (guidance.length === 0) return
    const outline = outlineOf(tree)
    for (const heading of outline.headings) {
      const section = guidance.find((item) => item.pattern.test(heading.key))
      if (!section) continue
      report(
        file,
        `Unexpected section ${sectionName(section)}, expected it removed: template \`${template.id}\` gives it as guidance for the author, not plan content`,
        heading.node.position,
        undefined,
        // Editor only: removing a section is the author's call.
        {suggestions: [removeSection(sourcePointsOf(tree, file).source, outline, heading, sectionName(section))].filter((fix) => fix !== undefined)}
      )
    }
  }
)

export default remarkPlanLintNoTemplateGuidance
