import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {contextOf} from '../src/views/context.js'
import {describeEvidence, detectionOf} from '../src/views/detect.js'
import {namesTemplate, readFrontMatter} from '../src/markdown/front-matter.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import {outlineOf} from '../src/views/outline.js'
import {planStatusOf} from '../src/views/plan-status.js'
import {stageNames, statusKey} from '../src/template/plan-state.js'
import {distance} from 'fastest-levenshtein'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'

/**
 * Findings about which template applies: a declared template id that does
 * not exist, a status value the plan’s template does not list (its stage
 * cannot be known; the plan is judged at `review`), and (with
 * `requireTemplate`) a plan that matches no template.
 */
const remarkPlanLintKnownTemplate = lintRule<Root, undefined>(
  {origin: ruleOrigin('known-template'), url: docUrl('known-template')},
  function (tree, file) {
    const detection = detectionOf(tree, file)
    const context = contextOf(file)
    const known = context.registry.ids().map((id) => '`' + id + '`').join(', ')

    const frontMatter = readFrontMatter(tree)
    // Broken front matter may hide `template: <id>`: report it on plans and
    // wherever it names a template; other Markdown may use front matter its own way.
    if (frontMatter.kind === 'invalid' && (detection.template || namesTemplate.test(frontMatter.node.value))) {
      const {node, offset} = frontMatter
      const {source, pointAt} = sourcePointsOf(tree, file)
      const nodeStart = node.position?.start.offset
      const valueStart = nodeStart === undefined || node.value === '' ? -1 : source.indexOf(node.value, nodeStart)
      // Point at the error in the YAML when it is known.
      const place = valueStart >= 0 && offset !== undefined && offset <= node.value.length ? pointAt(valueStart + offset) : node.position
      report(
        file,
        `Unexpected front matter that is not valid YAML (${frontMatter.reason}), expected YAML such as \`template: <id>\`${detection.template ? ` (the rest is checked against template \`${detection.template.id}\`)` : ''}`,
        place
      )
    }

    if (detection.unknown) {
      const where = detection.unknown.via === 'front-matter' ? 'in front matter' : 'in a `plan-lint template` comment'
      report(
        file,
        `Unexpected unknown template \`${detection.unknown.id}\` ${where}, expected one of ${known} (or \`none\`)`,
        detection.unknown.node?.position
      )
      return
    }

    const status = detection.template ? planStatusOf(tree, file) : undefined
    if (detection.template && status?.unknown) {
      const values = [...new Set(stageNames.flatMap((stage) => detection.template!.status.stages[stage]))]
      const nearest = nearestStatus(status.value ?? '', values)
      // A plan found by its title and sections may write its status in its own
      // words (`Updated (Simplified Architecture)`): only a plan that declares
      // its template has agreed to the template’s values; a typo is always one.
      if (!nearest && !declaredVia.has(detection.via)) return
      const listed = values.map((value) => '`' + value + '`').join(', ')
      const template = `template \`${detection.template.id}\``
      const why = `${describeEvidence(detection)}; until then the plan is judged at stage \`${status.stage}\``
      report(
        file,
        nearest
          ? `Unexpected status \`${status.value ?? ''}\`, expected \`${nearest}\` (${template} has ${listed}; ${why})`
          : `Unexpected status \`${status.value ?? ''}\`, expected one of ${listed} (${template}: ${why})`,
        status.position
      )
    }

    if (!detection.template && !detection.optedOut && !detection.templateFile && context.requireTemplate) {
      report(
        file,
        `Unexpected plan that follows no known template, expected front matter \`template: <id>\` with one of ${known}, or the title and sections of one of them`,
        outlineOf(tree).title?.node.position ?? tree.position?.start
      )
    }
  }
)

export default remarkPlanLintKnownTemplate

/** Ways a plan names its template itself (so it has agreed to the template’s status values). */
const declaredVia = new Set<string | undefined>(['option', 'front-matter', 'comment', 'glob'])

/** The status value nearest to a misspelt one (`Aproved` → `Approved`), if one is close: at most a third of its letters differ. */
function nearestStatus(value: string, values: string[]): string | undefined {
  const key = statusKey(value)
  let nearest: string | undefined
  let best = Math.max(1, Math.floor(key.length / 3)) + 1
  for (const candidate of values) {
    const gap = distance(key, statusKey(candidate))
    if (gap < best) {
      best = gap
      nearest = candidate
    }
  }
  return nearest
}
