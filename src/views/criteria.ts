import type {Heading, List, ListItem, Nodes, Paragraph, Root, RootContent, TableRow} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {headingKey} from '../template/heading-text.js'
import {labelKey, type CriteriaFormat} from '../template/criteria-facts.js'
import {outlineOf, sectionEnd, type OutlineHeading} from './outline.js'
import {perTree} from './per-tree.js'

/**
 * The numbered acceptance criteria a document defines, as its template's
 * front matter `criteria` describes them: Kiro's `### Requirement 3: …` with
 * its `**User Story:**` line and the numbered list under `#### Acceptance
 * Criteria` (criteria `3.1`, `3.2`, …), or a BMAD story's `## Acceptance
 * Criteria` list (criteria `1`, `2`, …). Lists in code, HTML and quotes are
 * not read.
 */

export interface Criterion {
  /** `3.2`, or `2` in a document without numbered requirements; a labelled criterion's own number (`AC-1.2.1` → `1.2.1`). */
  id: string
  /** Other numbers it is cited by: the place in its numbered list of a labelled item (`2. **AC-1.2.2:** …` → `2`). */
  aliases?: string[]
  /** Where it is written: its list item, or its heading, paragraph or table row when labelled. */
  item: ListItem | Heading | Paragraph | TableRow
  /** The item's text, inline markup flattened. */
  text: string
}

export interface RequirementView {
  /** Its number (`Requirement 3` → 3); `undefined` for the document's one criteria list. */
  number: number | undefined
  heading: OutlineHeading | undefined
  /** The bold label of its user story as written (`User Story`), or plain `As a …` prose; `undefined` without one. */
  story: string | undefined
  /** Its criteria, from numbered lists (and bulleted ones, numbered in order). */
  criteria: Criterion[]
  /** A bulleted list that holds its criteria: they cannot be cited by number. */
  bulleted: List | undefined
}

export interface CriteriaView {
  requirements: RequirementView[]
  ids: Set<string>
}

/** The criteria of a tree, computed once per tree. */
export const criteriaOf = perTree((tree: Root, format: CriteriaFormat): CriteriaView => collect(tree, format))

function collect(tree: Root, format: CriteriaFormat): CriteriaView {
  const outline = outlineOf(tree)
  const rootIndex = new Map<RootContent, number>(tree.children.map((node, index) => [node, index]))
  const startOf = (heading: OutlineHeading): number => rootIndex.get(heading.node)!
  const endOf = (heading: OutlineHeading): number => {
    const next = outline.headings[sectionEnd(outline, heading)]
    return next ? startOf(next) : tree.children.length
  }
  const requirements: RequirementView[] = []
  if (format.requirement) {
    const seen = new Set<number>()
    let depth: number | undefined
    for (const heading of outline.headings) {
      if (heading.depth === 1) continue
      const match = format.requirement.exec(heading.text.trim())
      const number = Number(match?.slice(1).find((group) => group !== undefined))
      if (!match || !Number.isInteger(number) || seen.has(number)) continue
      // Requirements are headings of one level; a deeper numbered heading is part of one.
      depth ??= heading.depth
      if (heading.depth !== depth) continue
      seen.add(number)
      requirements.push(readRequirement(tree, format, outline.headings, heading, number, startOf(heading) + 1, endOf(heading), startOf))
    }
  } else {
    const label = outline.headings.find((heading) => format.sections.includes(heading.key))
    if (label) requirements.push(readRequirement(tree, format, outline.headings, label, undefined, startOf(label) + 1, endOf(label), startOf, true))
  }
  const ids = new Set<string>()
  for (const requirement of requirements) {
    for (const criterion of requirement.criteria) {
      ids.add(criterion.id)
      for (const alias of criterion.aliases ?? []) ids.add(alias)
    }
  }
  return {requirements, ids}
}

function readRequirement(
  tree: Root,
  format: CriteriaFormat,
  headings: OutlineHeading[],
  heading: OutlineHeading,
  number: number | undefined,
  from: number,
  to: number,
  startOf: (heading: OutlineHeading) => number,
  isLabel = false
): RequirementView {
  const nodes = tree.children.slice(from, to)
  let story: string | undefined
  for (const paragraph of paragraphsIn(nodes)) {
    story = storyLabel(paragraph, format)
    if (story !== undefined) break
  }
  // The criteria: the nodes after their label (a heading or a bold line), else all of the requirement.
  let region: RootContent[] = nodes
  if (!isLabel) {
    const label = headings.find(
      (inner) => inner.index > heading.index && startOf(inner) < to && format.sections.includes(inner.key)
    )
    if (label) {
      const labelEnd = headings.find((next) => next.index > label.index && next.depth <= label.depth)
      const end = labelEnd ? Math.min(startOf(labelEnd), to) : to
      region = tree.children.slice(startOf(label) + 1, end)
    } else {
      const bold = nodes.findIndex((node) => node.type === 'paragraph' && isBoldLabel(node, format.sections))
      region = bold === -1 ? nodes : nodes.slice(bold + 1)
    }
  }
  const labelled = format.label === undefined ? [] : labelledCriteria(region, format.label, number)
  if (labelled.length > 0) return {number, heading, story, criteria: labelled, bulleted: undefined}
  const lists = region.filter((node): node is List => node.type === 'list')
  const ordered = lists.filter((list) => list.ordered)
  // A document's one list of criteria counts only when numbered: bullets under it are often steps (`**Given** …`), not criteria.
  const bulleted =
    ordered.length === 0 && number !== undefined ? lists.find((list) => !list.ordered && !list.children.some((item) => item.checked != null)) : undefined
  const criteria: Criterion[] = []
  for (const list of ordered.length > 0 ? ordered : bulleted ? [bulleted] : []) {
    const start = list.ordered ? (list.start ?? 1) : criteria.length + 1
    list.children.forEach((item, index) => {
      const n = start + index
      criteria.push({id: number === undefined ? String(n) : number + '.' + n, item, text: toString(item)})
    })
  }
  return {number, heading, story, criteria, bulleted}
}

/** Paragraphs of these nodes, in lists too, not in code, HTML or quotes. */
function paragraphsIn(nodes: RootContent[]): Paragraph[] {
  const found: Paragraph[] = []
  const stack: Nodes[] = [...nodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'paragraph') found.push(node)
    else if (node.type === 'list' || node.type === 'listItem') {
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
    }
  }
  return found
}

/** The label of a user story line (`**User Story:** As a …`), `As a` for an unlabelled one, or `undefined`. */
function storyLabel(paragraph: Paragraph, format: CriteriaFormat): string | undefined {
  const first = paragraph.children[0]
  if (first?.type === 'strong') {
    const label = toString(first)
    if (format.story.includes(labelKey(label))) return label.replace(/[:：]\s*$/u, '').trim()
  }
  if (/^\s*As an?\s/i.test(toString(paragraph))) return 'As a'
  return undefined
}

/** A paragraph that is only a bold label of the criteria (`**Acceptance Criteria:**`). */
function isBoldLabel(paragraph: Paragraph, keys: string[]): boolean {
  const first = paragraph.children[0]
  if (first?.type !== 'strong') return false
  const rest = toString({type: 'paragraph', children: paragraph.children.slice(1)}).trim()
  return keys.includes(headingKey(toString(first).replace(/[:：]\s*$/u, ''))) && /^[:：]?$/u.test(rest)
}

/**
 * Criteria named by their label (front matter `criteria.label`, `AC`): a
 * heading `### AC1: …`, a line `**AC-2 — …:**` or `AC3: …` of a paragraph,
 * a list item `1. **AC-1.2.1:** …` or `- ✅ **AC4**: …`, a table row whose
 * first cell is `AC5` or `5`; and lines numbered `1.2.1: …`. In document
 * order; none when the section labels no criterion.
 */
function labelledCriteria(region: RootContent[], label: string, requirement: number | undefined): Criterion[] {
  const named = new RegExp('^[^\\p{L}\\p{N}]*(?:' + label + ')\\s*[-#:]?\\s*#?(\\d+(?:\\.\\d+)*)(?![\\p{N}\\p{L}])', 'iu')
  const numbered = /^[^\p{L}\p{N}]*(\d+(?:\.\d+)+)\s*[:：](?!\S)/u
  const idOf = (text: string, bare?: RegExp): string | undefined => {
    const match = named.exec(text) ?? numbered.exec(text) ?? bare?.exec(text)
    if (!match) return undefined
    return requirement === undefined || match[1]!.includes('.') ? match[1]! : requirement + '.' + match[1]!
  }
  const criteria: Criterion[] = []
  for (const node of region) {
    if (node.type === 'heading' || node.type === 'paragraph') {
      const text = toString(node)
      const lines = node.type === 'heading' ? [text] : text.split('\n')
      for (const line of lines) {
        const id = idOf(line)
        if (id !== undefined) criteria.push({id, item: node, text: line})
      }
    } else if (node.type === 'list') {
      node.children.forEach((item, index) => {
        const lead = item.children[0]
        const id = lead?.type === 'paragraph' ? idOf(toString(lead).split('\n')[0]!) : undefined
        if (id === undefined) return
        const place = String((node.start ?? 1) + index)
        const aliases = node.ordered && place !== id ? [requirement === undefined ? place : requirement + '.' + place] : undefined
        criteria.push({id, ...(aliases ? {aliases} : {}), item, text: toString(item)})
      })
    } else if (node.type === 'table') {
      for (const row of node.children.slice(1)) {
        const first = row.children[0]
        const id = first ? idOf(toString(first).trim(), /^(\d+(?:\.\d+)*)$/u) : undefined
        if (id !== undefined) criteria.push({id, item: row, text: toString(row)})
      }
    }
  }
  return criteria
}
