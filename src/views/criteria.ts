import type {List, ListItem, Nodes, Paragraph, Root, RootContent} from 'mdast'
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
  /** `3.2`, or `2` in a document without numbered requirements. */
  id: string
  item: ListItem
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
  for (const requirement of requirements) for (const criterion of requirement.criteria) ids.add(criterion.id)
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
  // The criteria: the lists after their label (a heading or a bold line), else any list of the requirement.
  let lists: List[] = []
  if (isLabel) {
    lists = nodes.filter((node): node is List => node.type === 'list')
  } else {
    const label = headings.find(
      (inner) => inner.index > heading.index && startOf(inner) < to && format.sections.includes(inner.key)
    )
    if (label) {
      const labelEnd = headings.find((next) => next.index > label.index && next.depth <= label.depth)
      const end = labelEnd ? Math.min(startOf(labelEnd), to) : to
      lists = tree.children.slice(startOf(label) + 1, end).filter((node): node is List => node.type === 'list')
    } else {
      const bold = nodes.findIndex((node) => node.type === 'paragraph' && isBoldLabel(node, format.sections))
      const rest = bold === -1 ? nodes : nodes.slice(bold + 1)
      lists = rest.filter((node): node is List => node.type === 'list')
    }
  }
  const ordered = lists.filter((list) => list.ordered)
  const bulleted = ordered.length === 0 ? lists.find((list) => !list.ordered && !list.children.some((item) => item.checked != null)) : undefined
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
