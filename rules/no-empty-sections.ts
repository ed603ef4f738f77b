import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import {emptySectionsOf} from '../src/views/empty-sections.js'
import type {OutlineHeading} from '../src/views/outline.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'

/**
 * No empty section: one whose own body holds nothing but whitespace, HTML
 * comments, thematic breaks or placeholders (see `src/views/empty-sections.ts`).
 */
const remarkPlanLintNoEmptySections = lintRule<Root, undefined>(
  {origin: ruleOrigin('no-empty-sections'), url: docUrl('no-empty-sections')},
  function (tree, file) {
    const empty = emptySectionsOf(tree, file)
    if (empty.length === 0) return
    const {source} = sourcePointsOf(tree, file)
    for (const {heading, placeholders} of empty) {
      const name = '`' + headingSource(source, heading) + '`'
      report(
        file,
        placeholders
          ? `Unexpected section ${name} with only placeholders, expected content in their place or the heading removed`
          : `Unexpected empty section ${name}, expected content under the heading or the heading removed`,
        heading.node.position
      )
    }
  }
)

export default remarkPlanLintNoEmptySections

/** `## Heading` as written, inline markup included, on one line. */
function headingSource(source: string, heading: OutlineHeading): string {
  const children = heading.node.children
  const start = children[0]?.position?.start.offset
  const end = children.at(-1)?.position?.end.offset
  const text = start === undefined || end === undefined ? heading.text : source.slice(start, end)
  return '#'.repeat(heading.depth) + ' ' + text.replace(/\s+/g, ' ').trim()
}
