import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import {emptySectionsOf} from '../src/views/empty-sections.js'
import {detectionOf} from '../src/views/detect.js'
import {pseudoHeadingsOf, type PseudoHeadingCause} from '../src/views/pseudo-headings.js'
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
    if (detectionOf(tree, file).template) {
      for (const cause of pseudoHeadingsOf(tree).causes) reportPseudoHeadings(file, cause)
    }
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

/** Lines that parse as headings but are not sections: one finding per cause, saying what is wrong. */
function reportPseudoHeadings(file: VFile, cause: PseudoHeadingCause): void {
  const start = cause.first.position?.start
  const end = cause.last.position?.end
  if (!start || !end) return
  report(
    file,
    cause.kind === 'front-matter'
      ? 'Unexpected front matter after the title, expected it to open the file: front matter must come first (here its closing `---` makes its lines a heading)'
      : 'Unexpected `#` lines in unfenced code, expected the code in a fenced block (```): this block is not fenced, so its `#` lines render as headings',
    {start, end}
  )
}

/** `## Heading` as written, inline markup included, on one line. */
function headingSource(source: string, heading: OutlineHeading): string {
  const children = heading.node.children
  const start = children[0]?.position?.start.offset
  const end = children.at(-1)?.position?.end.offset
  const text = start === undefined || end === undefined ? heading.text : source.slice(start, end)
  return '#'.repeat(heading.depth) + ' ' + text.replace(/\s+/g, ' ').trim()
}
