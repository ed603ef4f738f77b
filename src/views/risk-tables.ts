import type {List, Root, RootContent, Table} from 'mdast'
import {outlineOf, type OutlineHeading} from './outline.js'
import {perTree} from './per-tree.js'

/**
 * The places a plan can hold risks: its tables and its top-level lists, each
 * with the section it sits in. Computed once per tree; which of them are
 * about risks depends on the rule’s options and is decided by the rule.
 */

export interface SectionedTable {
  node: Table
  /** Nearest earlier section heading (headings in lists or quotes are not sections). */
  heading: OutlineHeading | undefined
}

export interface SectionedList {
  node: List
  heading: OutlineHeading | undefined
}

/**
 * In document order: every table (including tables in lists, block quotes
 * and footnotes) and every list directly in the document (not nested in
 * another block).
 */
export type RiskBlocks = Array<SectionedTable | SectionedList>

/** Tables and top-level lists of a tree with their sections, computed once per tree. */
export const riskBlocksOf = perTree(collect)

function collect(tree: Root): RiskBlocks {
  const headings = outlineOf(tree).headings
  const blocks: RiskBlocks = []
  let next = 0
  let heading: OutlineHeading | undefined

  // One pass in document order: root-level headings come in outline order.
  // An explicit stack: documents may nest deeply.
  const visit = (root: RootContent): void => {
    const stack: RootContent[] = [root]
    while (stack.length > 0) {
      const node = stack.pop()!
      switch (node.type) {
        case 'table': {
          blocks.push({node, heading})
          break
        }
        case 'list':
        case 'listItem':
        case 'blockquote':
        case 'footnoteDefinition': {
          for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
          break
        }
        default:
      }
    }
  }

  for (const node of tree.children) {
    if (node.type === 'heading') {
      const outlineHeading = headings[next]
      if (outlineHeading?.node === node) {
        heading = outlineHeading
        next++
      }
      continue
    }
    if (node.type === 'list') blocks.push({node, heading})
    visit(node)
  }
  return blocks
}
