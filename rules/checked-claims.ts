import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {lintRule} from 'unified-lint-rule'
import type {VFileMessage} from 'vfile-message'
import {contextOf} from '../src/views/context.js'
import {unitKey} from '../src/markdown/text-units.js'
import {claimPattern, type ClaimFacts} from '../src/template/plan-state.js'
import {detectionOf} from '../src/views/detect.js'
import {listItemsOf} from '../src/views/list-items.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'

/**
 * A checked task item that makes a claim the linter can verify (“No
 * placeholders remain”, “All sections complete”) is true. Which phrases make
 * which claim, and which rules verify it, comes from the template’s front
 * matter (`claims`). The rules themselves run (with the run’s options for
 * them, even when they are off): a finding of theirs outside the item proves
 * the claim false.
 */
const remarkPlanLintCheckedClaims = lintRule<Root, undefined>(
  {origin: ruleOrigin('checked-claims'), url: docUrl('checked-claims')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    const {findingsOf} = contextOf(file)
    if (!template || !findingsOf || template.claims.length === 0) return
    const claims = template.claims.map((claim) => ({claim, patterns: claim.phrases.map((phrase) => claimPattern(phrase))}))
    const {pointAt} = sourcePointsOf(tree, file)
    for (const list of listItemsOf(tree, file).lists) {
      for (const item of list.items) {
        if (item.node.checked !== true || !item.box || !item.lead) continue
        const text = toString(item.lead)
        const key = unitKey(text)
        const found = claims.find(({patterns}) => patterns.some((pattern) => pattern.test(key)))
        if (!found) continue
        const from = item.node.position?.start.line ?? 0
        const to = item.node.position?.end.line ?? 0
        const against = contradictions(found.claim, (ruleId) => findingsOf(ruleId, tree, file), from, to)
        if (against.length === 0) continue
        report(
          file,
          `Unexpected checked claim \`${shorten(text)}\` while ${against.join(' and ')}, expected the box unchecked (\`[ ]\`) until they are fixed`,
          {start: pointAt(item.box.start), end: pointAt(item.box.end)}
        )
      }
    }
  }
)

export default remarkPlanLintCheckedClaims

/** `` `no-placeholders` reports line 12 `` for each verifying rule with findings outside lines `from`–`to`. */
function contradictions(
  claim: ClaimFacts,
  findingsOf: (ruleId: string) => VFileMessage[] | undefined,
  from: number,
  to: number
): string[] {
  const result: string[] = []
  for (const ruleId of claim.rules) {
    const lines = new Set<number>()
    for (const message of findingsOf(ruleId) ?? []) {
      const line = message.line
      if (line === undefined || (line >= from && line <= to)) continue
      lines.add(line)
    }
    if (lines.size === 0) continue
    const sorted = [...lines].sort((a, b) => a - b)
    const shown = sorted.slice(0, 8).join(', ') + (sorted.length > 8 ? ` and ${sorted.length - 8} more` : '')
    result.push(`\`${ruleId}\` reports ${sorted.length === 1 ? 'line' : 'lines'} ${shown}`)
  }
  return result
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 60 ? line.slice(0, 58).trimEnd() + '…' : line
}
