import type {Root} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import {perTree} from './per-tree.js'

/**
 * The text that a tree’s offsets point into, and points (line, column) for
 * offsets inside it, computed once per tree.
 */
export interface SourcePoints {
  /** `file.value` without a byte order mark (micromark drops it before counting). */
  source: string
  pointAt: (offset: number) => Point
}

export const sourcePointsOf = perTree((_tree: Root, file: VFile): SourcePoints => createSourcePoints(file))

function createSourcePoints(file: VFile): SourcePoints {
  const value = file.value === undefined ? '' : String(file.value)
  const source = value.charCodeAt(0) === 0xfe_ff ? value.slice(1) : value
  let place: ReturnType<typeof location> | undefined
  const pointAt = (offset: number): Point => {
    // Lines end at `\n`, `\r\n` and a lone `\r`, as micromark counts them.
    place ??= location(source)
    const clamped = Math.max(0, Math.min(offset, source.length))
    const point = place.toPoint(clamped)
    return point ? {line: point.line, column: point.column, offset: clamped} : {line: 1, column: 1, offset: 0}
  }
  return {source, pointAt}
}
