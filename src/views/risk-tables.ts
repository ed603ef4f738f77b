import type {List, Root, RootContent, Table} from 'mdast'
import {outlineOf, type OutlineHeading} from './outline.js'
import {perTree} from './per-tree.js'
import {collapseSpaces, isWordCharacter} from '../support/text.js'

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

/**
 * How column headers and field labels compare: case, spacing, inline markup
 * (already flattened by the caller), a trailing `.` or `:` and a trailing
 * note in parentheses (`Likelihood (1-5)`) do not matter.
 */
export function labelKey(text: string): string {
  let value = trimEndPunctuation(collapseSpaces(text).toLowerCase())
  // One trailing `(…)` note, only when something precedes it.
  if (value.endsWith(')')) {
    const open = value.lastIndexOf('(')
    if (open > 0) value = trimEndPunctuation(value.slice(0, open))
  }
  return value
}

function trimEndPunctuation(value: string): string {
  let end = value.length
  while (end > 0 && (value[end - 1] === '.' || value[end - 1] === ':' || value[end - 1] === ' ')) end--
  return value.slice(0, end)
}

/** Words of a heading, lower case: letters, digits, hyphens and apostrophes. */
export function headingWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  for (const character of text.toLowerCase()) {
    if (isWordCharacter(character) || character === '-' || character === '\'' || character === '’') {
      word += character
    } else if (word !== '') {
      words.push(trimHyphens(word))
      word = ''
    }
  }
  if (word !== '') words.push(trimHyphens(word))
  return words.filter((item) => item !== '')
}

function trimHyphens(word: string): string {
  let start = 0
  let end = word.length
  while (start < end && word[start] === '-') start++
  while (end > start && word[end - 1] === '-') end--
  return word.slice(start, end)
}
