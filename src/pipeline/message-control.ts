import type {Nodes, Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import type {VFile} from 'vfile'
import {sourceName} from './rule-meta.js'

/**
 * `<!-- lint disable <rule-id> -->` for the rules' messages, through
 * remark-message-control. That walks the whole tree twice with a closure per
 * node, which costs about a third of all the rules together; a document
 * without any `lint` comment needs none of it: with no message there is
 * nothing to filter, and otherwise only its gaps matter (the engine drops
 * messages after the last node), found here in one plain walk.
 */

/** Tests turn the shortcut off to compare it with the full control. */
export const messageControlShortcut = {enabled: true}

const lintComment = /<!--\s*lint/

export function planLintMessageControl(): (tree: Root, file: VFile) => void {
  // Synchronous, so that `processSync` keeps working with the preset.
  const full = remarkMessageControl({name: 'lint', source: sourceName}) as (tree: Root, file: VFile) => void
  return (tree, file) => {
    if (!messageControlShortcut.enabled || lintComment.test(String(file.value ?? ''))) {
      full(tree, file)
      return
    }
    const own = file.messages.filter((message) => message.source === sourceName)
    if (own.length === 0) return
    const offsets = own.map((message) => startOffset(message.place))
    if (offsets.some((offset) => offset === undefined)) {
      full(tree, file)
      return
    }
    const gaps = detectGaps(tree)
    if (gaps.length === 0) return
    const dropped = new Set(own.filter((_, index) => gaps.some(([start, end]) => start <= offsets[index]! && end > offsets[index]!)))
    if (dropped.size > 0) file.messages = file.messages.filter((message) => !dropped.has(message))
  }
}

function startOffset(place: unknown): number | undefined {
  if (!place || typeof place !== 'object') return undefined
  const start = 'start' in place ? (place.start as {offset?: number}) : (place as {offset?: number})
  return typeof start.offset === 'number' ? start.offset : undefined
}

/** As unified-message-control’s `detectGaps`: spans no node covers, in a preorder walk. */
function detectGaps(tree: Root): Array<[number, number]> {
  const gaps: Array<[number, number]> = []
  let offset = 0
  let gap = false
  const update = (latest: number | undefined): void => {
    if (latest === undefined) {
      gap = true
    } else if (offset < latest) {
      if (gap) {
        gaps.push([offset, latest])
        gap = false
      }
      offset = latest
    }
  }
  const stack: Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    update(node.position?.start.offset)
    if ('children' in node) {
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
    } else {
      update(node.position?.end.offset)
    }
  }
  const end = tree.position?.end.offset
  if (typeof end === 'number' && offset !== end) {
    update(undefined)
    update(end)
  }
  return gaps
}

/**
 * Offset from which `remark-message-control` drops messages as being in the
 * gap after the last node: past the start of the last node and the end of
 * the last leaf (an empty table cell has no leaf).
 */
export function trailingGapStart(tree: Root): number {
  const end = tree.position?.end.offset
  const last = tree.children.at(-1)
  if (end === undefined || !last) return Number.POSITIVE_INFINITY
  let reached = 0
  const stack: Nodes[] = [last]
  while (stack.length > 0) {
    const node = stack.pop()!
    reached = Math.max(reached, node.position?.start.offset ?? 0)
    if ('children' in node) stack.push(...node.children)
    else reached = Math.max(reached, node.position?.end.offset ?? 0)
  }
  return reached === end ? Number.POSITIVE_INFINITY : reached
}
