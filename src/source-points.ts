import type {Root} from 'mdast'
import type {Point} from 'unist'
import type {VFile} from 'vfile'

/**
 * The text that a tree’s offsets point into, and points (line, column) for
 * offsets inside it, computed once per tree.
 */
export interface SourcePoints {
  /** `file.value` without a byte order mark (micromark drops it before counting). */
  source: string
  pointAt: (offset: number) => Point
}

const cache = new WeakMap<Root, SourcePoints>()

export function sourcePointsOf(tree: Root, file: VFile): SourcePoints {
  let points = cache.get(tree)
  if (!points) {
    points = createSourcePoints(file)
    cache.set(tree, points)
  }
  return points
}

function createSourcePoints(file: VFile): SourcePoints {
  const value = file.value === undefined ? '' : String(file.value)
  const source = value.charCodeAt(0) === 0xfe_ff ? value.slice(1) : value
  let lineStarts: number[] | undefined
  const pointAt = (offset: number): Point => {
    lineStarts ??= findLineStarts(source)
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - lineStarts[low]! + 1, offset}
  }
  return {source, pointAt}
}

function findLineStarts(source: string): number[] {
  const starts = [0]
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1)
  return starts
}
