import type {Root} from 'mdast'
import {parse} from 'yaml'

export type FrontMatter =
  | {kind: 'none'}
  | {kind: 'data'; data: Record<string, unknown>}
  | {kind: 'invalid'; reason: string}

/** Read the YAML front matter of a document, if any. */
export function readFrontMatter(tree: Root): FrontMatter {
  const first = tree.children[0]
  if (!first || first.type !== 'yaml') return {kind: 'none'}
  try {
    const data: unknown = parse(first.value)
    if (data === null || data === undefined) return {kind: 'none'}
    if (typeof data !== 'object' || Array.isArray(data)) {
      return {kind: 'invalid', reason: 'expected a mapping of keys to values'}
    }
    return {kind: 'data', data: data as Record<string, unknown>}
  } catch (error) {
    return {kind: 'invalid', reason: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)}
  }
}
