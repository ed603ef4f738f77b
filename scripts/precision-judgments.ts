/**
 * The judgments of `docs/precision.md`: one table row per finding seen on a
 * real document, `| document | place | rule | verdict | finding | why |`,
 * keyed by document, start `line:col` and rule.
 */

export interface Finding {
  document: string
  place: string
  rule: string
  message: string
}

export type Verdict = 'TRUE' | 'FALSE'

export interface Judgment extends Finding {
  verdict: Verdict
}

export const keyOf = (finding: Pick<Finding, 'document' | 'place' | 'rule'>): string => `${finding.document}\t${finding.place}\t${finding.rule}`

/** Judgment rows of `docs/precision.md`: `| document | place | rule | verdict | finding |`. */
export function readJudgments(markdown: string): Map<string, Judgment> {
  const judgments = new Map<string, Judgment>()
  for (const line of markdown.split('\n')) {
    const cells = tableCells(line)
    if (cells.length < 5) continue
    const [document, place, rule, verdict, message] = cells as [string, string, string, string, string]
    if (verdict !== 'TRUE' && verdict !== 'FALSE') continue
    const judgment: Judgment = {document: unquote(document), place: unquote(place), rule: unquote(rule), verdict, message}
    judgments.set(keyOf(judgment), judgment)
  }
  return judgments
}

function tableCells(line: string): string[] {
  if (!line.startsWith('|')) return []
  return line
    .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

const unquote = (cell: string): string => cell.replace(/^`|`$/g, '')

