import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {replacing, report} from '../src/pipeline/report.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {hasKeyword, requirementsOf} from '../src/views/requirements.js'

/**
 * In a document whose template has requirement blocks (front matter
 * `requirements`: OpenSpec specs and deltas), every requirement of a section
 * that holds them states one of the template’s keywords (`SHALL`, `MUST`) in
 * its text, and has at least one scenario heading of exactly four `#`.
 */
const remarkPlanLintRequirementScenarios = lintRule<Root, undefined>(
  {origin: ruleOrigin('requirement-scenarios'), url: docUrl('requirement-scenarios')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    const facts = template?.requirements
    if (!facts) return
    const keywords = facts.keywords.map((keyword) => '`' + keyword + '`').join(' or ')
    const heading = '### ' + facts.heading + ' '
    const scenario = '#### ' + facts.scenario + ' <name>'
    for (const block of requirementsOf(tree, file, facts).blocks) {
      const kind = block.section?.kind
      if (kind !== 'requirements' && kind !== 'added' && kind !== 'modified') continue
      const name = '`' + block.name + '`'
      if (block.text === '') {
        const inHeading = hasKeyword(block.name, facts.keywords)
        report(
          file,
          inHeading
            ? `Unexpected requirement ${name} with its ${keywords} only in the heading, expected the statement on the line after \`${heading}…\``
            : `Unexpected requirement ${name} without text, expected a statement with ${keywords} after its heading`,
          block.heading.position
        )
      } else if (!hasKeyword(block.text, facts.keywords)) {
        report(file, `Unexpected requirement ${name} without ${keywords}, expected a statement with ${keywords} in its text`, block.textPlace)
      }
      for (const wrong of block.misshapen) {
        if (wrong.depth === undefined) {
          report(file, `Unexpected scenario \`${wrong.text}\` written as text, expected a \`${'#### ' + wrong.text}\` heading`, wrong.node.position)
        } else {
          const hashes = '#'.repeat(wrong.depth)
          const start = wrong.node.position?.start.offset ?? -1
          // The fix changes the run of `#` only, when it is where the heading starts.
          const fixable = start >= 0 && sourcePointsOf(tree, file).source.slice(start, start + wrong.depth + 1) === hashes + ' '
          report(
            file,
            `Unexpected scenario heading \`${hashes} ${wrong.text}\` with ${wrong.depth} \`#\`, expected exactly four`,
            wrong.node.position,
            '#### ' + wrong.text,
            fixable ? replacing({start, end: start + wrong.depth, expected: '####'}) : {}
          )
        }
      }
      if (block.scenarios.length === 0 && block.misshapen.length === 0) {
        report(file, `Unexpected requirement ${name} without a scenario, expected at least one \`${scenario}\` heading`, block.heading.position)
      }
    }
  }
)

export default remarkPlanLintRequirementScenarios
