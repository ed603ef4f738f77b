import type {Heading, Root} from 'mdast'
import type {Point} from 'unist'
import {toString} from 'mdast-util-to-string'
import {headingKey} from '../template/heading-text.js'
import {perTree} from './per-tree.js'
import {pseudoHeadingsOf} from './pseudo-headings.js'

/** One section heading of a document (headings nested in lists or quotes are not sections). */
export interface OutlineHeading {
  node: Heading
  depth: number
  /** Text as written (inline markup flattened). */
  text: string
  /** Comparison key, see `headingKey`. */
  key: string
  /** Index in `Outline.headings`. */
  index: number
  /** Nearest earlier heading with a lower depth. */
  parent: OutlineHeading | undefined
}

export interface Outline {
  title: OutlineHeading | undefined
  headings: OutlineHeading[]
  /** End of the document, where a section missing at the end belongs. */
  end: Point | undefined
}

/** The section outline of a tree, computed once per tree. */
export const outlineOf = perTree(buildOutline)

function buildOutline(tree: Root): Outline {
  const headings: OutlineHeading[] = []
  const stack: OutlineHeading[] = []
  // Front matter after the title and `#` lines of unfenced code are not sections.
  const pseudo = pseudoHeadingsOf(tree).headings
  for (const node of tree.children) {
    if (node.type !== 'heading' || pseudo.has(node)) continue
    const text = toString(node)
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= node.depth) stack.pop()
    const heading: OutlineHeading = {
      node,
      depth: node.depth,
      text,
      key: headingKey(text),
      index: headings.length,
      parent: stack[stack.length - 1]
    }
    headings.push(heading)
    stack.push(heading)
  }
  const title = headings.find((heading) => heading.depth === 1)
  // Not the end of the last node: comment control drops messages in the gap after it.
  return {title, headings, end: tree.position?.end}
}

/** Index of the first heading after `heading` that ends its section. */
export function sectionEnd(outline: Outline, heading: OutlineHeading): number {
  let index = heading.index + 1
  while (index < outline.headings.length && outline.headings[index]!.depth > heading.depth) index++
  return index
}

/** Whether `inner` lies within the section of `outer`. */
export function isWithin(outline: Outline, inner: OutlineHeading, outer: OutlineHeading): boolean {
  return inner.index > outer.index && inner.index < sectionEnd(outline, outer)
}
