import type {Root} from 'mdast'
import type {Position} from 'unist'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {criteriaOf, type Criterion, type RequirementView} from '../src/views/criteria.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'

/**
 * Every requirement of a requirements document whose template numbers its
 * acceptance criteria (front matter `criteria`, such as `kiro-requirements`)
 * has a user story and numbered acceptance criteria; with `form: ears`,
 * every criterion is an EARS sentence: it says `SHALL`.
 */
const remarkPlanLintEarsCriteria = lintRule<Root, undefined>(
  {origin: ruleOrigin('ears-criteria'), url: docUrl('ears-criteria')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    const format = template?.criteria
    if (!template || !format?.requirement) return
    const {requirements} = criteriaOf(tree, format)
    if (requirements.length === 0) return
    // The document's own spelling of the story label, else the template's.
    const storyLabel = requirements.find((requirement) => requirement.story && requirement.story !== 'As a')?.story ?? format.storyLabel
    const named = ` (template \`${template.id}\`)`
    // A document whose criteria never say `SHALL` is written in another language's words (cc-sdd's `…こと`).
    const ears = format.form === 'ears' && requirements.some((requirement) => requirement.criteria.some((criterion) => shall.test(criterion.text)))

    for (const requirement of requirements) {
      const place = requirement.heading?.node.position
      const name = headingName(requirement)
      if (format.story.length > 0 && requirement.story === undefined) {
        report(
          file,
          `Unexpected requirement ${name} without a user story, expected a \`**${storyLabel}:** As a <role>, I want <feature>, so that <benefit>\` line${named}`,
          place
        )
      }
      if (requirement.criteria.length === 0) {
        const label = format.sectionLabel ? ` under \`${'#'.repeat((requirement.heading?.depth ?? 3) + 1)} ${format.sectionLabel}\`` : ''
        report(file, `Unexpected requirement ${name} without acceptance criteria, expected a numbered list of them${label}${named}`, place)
      } else if (requirement.bulleted) {
        report(
          file,
          `Unexpected bulleted acceptance criteria in requirement ${name}, expected a numbered list (\`1. …\`) that tasks can cite as \`${requirement.number}.1\``,
          firstLine(requirement.criteria[0]!.item)
        )
      }
      if (ears) checkEars(file, requirement)
    }
  }
)

export default remarkPlanLintEarsCriteria

const shall = /\bshall\b/i

/** Each criterion says `SHALL`: `WHEN <trigger>, THE <system> SHALL <response>`, or `THE <system> SHALL <response>` when it always holds. */
function checkEars(file: Parameters<typeof report>[0], requirement: RequirementView): void {
  for (const criterion of requirement.criteria) {
    if (shall.test(criterion.text)) continue
    report(
      file,
      `Unexpected acceptance criterion \`${criterion.id}\` without \`SHALL\`, expected an EARS sentence such as \`WHEN <trigger>, THE <system> SHALL <response>\` (or \`THE <system> SHALL <response>\` when it always holds)`,
      firstLine(criterion.item)
    )
  }
}

/** The first line of a list item: its marker and the text of its first paragraph on that line (a labelled criterion's heading, line or row: its first line). */
function firstLine(item: Criterion['item']): Position | undefined {
  const start = item.position?.start
  const lead = item.type === 'listItem' ? item.children[0]?.position : item.position
  if (!start || !lead) return undefined
  return {start, end: lead.end.line === start.line ? lead.end : start}
}

function headingName(requirement: RequirementView): string {
  const heading = requirement.heading
  if (!heading) return '`' + String(requirement.number) + '`'
  return '`' + '#'.repeat(heading.depth) + ' ' + heading.text.trim() + '`'
}
