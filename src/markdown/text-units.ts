import type {Nodes, Root, RootContent} from 'mdast'
import {linesOf} from '../support/text.js'

/**
 * The text units of a run of root-level nodes, as `no-template-text` compares
 * a plan with its template: each line of a paragraph, the opening paragraph
 * of each list item (nested items too), each table row. Code, HTML and block
 * quotes are one unit each (`kind: 'other'`).
 */

export interface TextUnit {
  /** Normalised text (see `unitKey`); empty when the unit has no letters or digits. */
  key: string
  /** Offsets in the source. */
  start: number
  end: number
  /** `task`: an open task item; `done`: a checked one. */
  kind: 'line' | 'item' | 'task' | 'done' | 'row' | 'other'
}

/**
 * Units of `nodes` (root-level nodes between two headings).
 * @param source the document the offsets point into
 */
export function textUnits(nodes: readonly RootContent[], source: string): TextUnit[] {
  const units: TextUnit[] = []
  // An explicit stack: lists may nest deeply.
  const stack: Nodes[] = [...nodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) continue
    switch (node.type) {
      case 'paragraph': {
        for (const line of linesOf(source.slice(start, end))) {
          units.push({key: unitKey(line.text), start: start + line.start, end: start + line.start + line.text.length, kind: 'line'})
        }
        break
      }
      case 'list': {
        for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
        break
      }
      case 'listItem': {
        const [first, ...rest] = node.children
        const lead = first?.type === 'paragraph' ? first : undefined
        const leadStart = lead?.position?.start.offset
        const leadEnd = lead?.position?.end.offset
        if (lead && leadStart !== undefined && leadEnd !== undefined) {
          const kind = node.checked === true ? 'done' : node.checked === false ? 'task' : 'item'
          units.push({key: unitKey(source.slice(leadStart, leadEnd)), start: leadStart, end: leadEnd, kind})
        }
        const children = lead ? rest : node.children
        for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!)
        break
      }
      case 'table': {
        for (const row of node.children) {
          const rowStart = row.position?.start.offset
          const rowEnd = row.position?.end.offset
          if (rowStart === undefined || rowEnd === undefined) continue
          units.push({key: unitKey(source.slice(rowStart, rowEnd)), start: rowStart, end: rowEnd, kind: 'row'})
        }
        break
      }
      case 'html': {
        // A comment is not content; other HTML is the author’s.
        if (!/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) units.push({key: unitKey(node.value), start, end, kind: 'other'})
        break
      }
      case 'thematicBreak':
      case 'definition':
      case 'yaml': {
        break
      }
      default: {
        // Code, block quotes, math: the author’s content, never compared.
        units.push({key: unitKey(source.slice(start, end)), start, end, kind: 'other'})
      }
    }
  }
  return units
}

/** Comparison key of a text unit: lower case, words only (Markdown marks and punctuation dropped). */
export function unitKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Whether a unit’s text is only bracketed placeholders (`[What it does]`, `**[Name]**:`). */
export function isOnlyPlaceholders(text: string): boolean {
  return unitKey(text.replace(/\[[^\]\n]*\]/g, ' ')) === ''
}

/** Root-level nodes of each H2/H3 heading’s own body, keyed by the heading node’s index in `tree.children`. */
export function sectionBodies(tree: Root): Map<number, RootContent[]> {
  const bodies = new Map<number, RootContent[]>()
  let current: RootContent[] | undefined
  tree.children.forEach((node, index) => {
    if (node.type === 'heading') {
      current = []
      bodies.set(index, current)
      return
    }
    current?.push(node)
  })
  return bodies
}
