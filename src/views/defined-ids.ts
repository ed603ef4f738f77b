import type {Nodes, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import {perTree} from './per-tree.js'
import {sourcePointsOf} from './source-points.js'

/**
 * Ids a document defines (front matter `uniqueIds` of its template, such as
 * `FR-\d+`): the id that opens a list item (`- **FR-001**: …`) or the first
 * cell of a row of a table whose first column is headed `ID`. An id anywhere
 * else is a mention (`see FR-001`), and so is every row of a table that lists
 * ids defined elsewhere in the document (a coverage summary restates them).
 */

export interface DuplicateId {
  id: string
  /** Offsets of the second (or later) definition. */
  start: number
  end: number
  /** Offset of the first definition. */
  first: number
}

export interface DefinedIds {
  duplicates: DuplicateId[]
}

const none: DefinedIds = {duplicates: []}

/** The ids defined more than once, computed once per tree. */
export const definedIdsOf = perTree((tree: Root, file: VFile, patterns: RegExp[]): DefinedIds => {
  if (patterns.length === 0) return none
  return collect(tree, sourcePointsOf(tree, file).source, patterns)
})

interface Definition {
  id: string
  start: number
  end: number
}

function collect(tree: Root, source: string, patterns: RegExp[]): DefinedIds {
  const anyId = new RegExp('^[\\s*_`|]*(' + patterns.map((pattern) => '(?:' + pattern.source + ')').join('|') + ')(?![\\p{L}\\p{N}_-])', 'u')
  const idAt = (from: number | undefined, to: number | undefined): Definition | undefined => {
    if (from === undefined || to === undefined) return undefined
    const match = anyId.exec(source.slice(from, Math.min(to, from + 200)))
    if (!match) return undefined
    const id = match[1]!
    const start = from + match[0].length - id.length
    return {id, start, end: start + id.length}
  }
  const items: Definition[] = []
  const tables: Definition[][] = []
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'listItem') {
      const lead = node.children[0]
      const found = lead?.type === 'paragraph' ? idAt(lead.position?.start.offset, lead.position?.end.offset) : undefined
      if (found) items.push(found)
    } else if (node.type === 'table') {
      // A table defines ids only when its first column is the id (`| ID | Requirement |`);
      // other tables refer to them (`| Requirement | Covered by |`).
      const header = node.children[0]?.children[0]
      if (!header || !/\bid\b/i.test(toString(header))) continue
      const rows: Definition[] = []
      for (const row of node.children.slice(1)) {
        const cell = row.children[0]
        const found = idAt(cell?.position?.start.offset, cell?.position?.end.offset)
        if (found) rows.push(found)
      }
      tables.push(rows)
      continue
    }
    if ('children' in node) {
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as Nodes)
    }
  }
  const first = new Map<string, number>()
  const duplicates: DuplicateId[] = []
  const define = (definition: Definition): void => {
    const earlier = first.get(definition.id)
    if (earlier === undefined) first.set(definition.id, definition.start)
    else duplicates.push({...definition, first: earlier})
  }
  // Ids that open list items are defined there. A table that lists ids the
  // document defines elsewhere (in list items, or in an earlier table) restates
  // them (a coverage summary, a traceability matrix): its rows are mentions.
  items.forEach(define)
  for (const rows of tables) {
    if (rows.some((row) => first.has(row.id))) continue
    rows.forEach(define)
  }
  duplicates.sort((a, b) => a.start - b.start)
  return {duplicates}
}
