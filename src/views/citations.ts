import type {Nodes, Root} from 'mdast'
import type {VFile} from 'vfile'
import type {ReferenceFormat} from '../template/criteria-facts.js'
import {perTree} from './per-tree.js'
import {sourcePointsOf} from './source-points.js'

/**
 * Where a document cites acceptance criteria by number, as its template's
 * front matter `references.cite` writes it: `_Requirements: 1.2, 3.1_`,
 * `**Validates: Requirements 2.4**`, `(AC: 1, 3)`. Read in paragraphs,
 * headings and table cells; code, HTML and quotes (examples of the format)
 * are not citations.
 */

export interface CitedNumber {
  /** As written: `1.2`, or `4` (a whole requirement, or a criterion of a document without requirements). */
  id: string
  /** The ids a range stands for (`1.1-1.3` → `1.1`, `1.2`, `1.3`); the id alone otherwise. */
  ids: string[]
  /** Offsets in the document. */
  start: number
  end: number
}

export interface Citation {
  /** The citation as written (`_Requirements: 1.2, 3.1_`). */
  text: string
  start: number
  numbers: CitedNumber[]
}

/** The citations of a tree, computed once per tree. */
export const citationsOf = perTree((tree: Root, file: VFile, format: ReferenceFormat, label?: string): Citation[] =>
  collect(tree, sourcePointsOf(tree, file).source, format, label === undefined ? undefined : labelled(label))
)

/** The label of a criterion glued to a cited number (`AC1`, `AC-1.2`, `AC #3`), blanked to read the number. */
function labelled(label: string): RegExp {
  return new RegExp('(?<![\\p{L}\\p{N}])(?:' + label + ')[\\s#-]*(?=\\d)', 'giu')
}

// A number not glued to a word (`NFR1`, `v1.2`, `§3`), and an optional range to another.
const numberPattern = /(?<![\p{N}A-Za-z§./-])(\d+(?:\.\d+)*)(?:\s*[-–~〜]\s*(\d+(?:\.\d+)*))?(?![\p{N}%]|\.\d)/gu

function collect(tree: Root, source: string, format: ReferenceFormat, label: RegExp | undefined): Citation[] {
  const citations: Citation[] = []
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined) continue
      const text = masked(node, source, start, end)
      for (const pattern of format.cite) {
        pattern.lastIndex = 0
        for (const match of text.matchAll(pattern)) {
          const group = match[1]
          if (group === undefined) continue
          const groupStart = match.index + match[0].indexOf(group)
          const numbers = label ? group.replace(label, (glued) => ' '.repeat(glued.length)) : group
          citations.push({text: match[0], start: start + match.index, numbers: numbersIn(numbers, start + groupStart)})
        }
      }
      continue
    }
    // Quotes show the format by example; code and HTML are not prose.
    if (node.type === 'blockquote' || node.type === 'code' || node.type === 'html' || node.type === 'yaml') continue
    if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
  }
  return citations.sort((a, b) => a.start - b.start)
}

/** The source of a block with its inline code and HTML blanked (same length). */
function masked(node: Nodes, source: string, start: number, end: number): string {
  let text = source.slice(start, end)
  const stack: Nodes[] = [node]
  while (stack.length > 0) {
    const inner = stack.pop()!
    if (inner.type === 'inlineCode' || inner.type === 'html') {
      const from = (inner.position?.start.offset ?? start) - start
      const to = (inner.position?.end.offset ?? start) - start
      text = text.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + text.slice(to)
    } else if ('children' in inner) {
      stack.push(...inner.children)
    }
  }
  return text
}

function numbersIn(text: string, offset: number): CitedNumber[] {
  const numbers: CitedNumber[] = []
  for (const match of text.matchAll(numberPattern)) {
    const first = match[1]!
    const last = match[2]
    numbers.push({
      id: match[0],
      ids: last === undefined ? [first] : rangeOf(first, last),
      start: offset + match.index,
      end: offset + match.index + match[0].length
    })
  }
  return numbers
}

/** `1.1`–`1.3` → `1.1`, `1.2`, `1.3`; ends with different parents stand for themselves. */
function rangeOf(first: string, last: string): string[] {
  const a = first.split('.')
  const b = last.split('.')
  const from = Number(a.at(-1))
  const to = Number(b.at(-1))
  const prefix = a.slice(0, -1).join('.')
  if (a.length !== b.length || prefix !== b.slice(0, -1).join('.') || to < from || to - from > 50) return [first, last]
  const ids: string[] = []
  for (let n = from; n <= to; n++) ids.push(prefix === '' ? String(n) : prefix + '.' + n)
  return ids
}
