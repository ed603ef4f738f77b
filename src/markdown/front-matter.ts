import type {Root, Yaml} from 'mdast'
import {yaml} from '../support/lazy.js'

export type FrontMatter =
  | {kind: 'none'}
  | {kind: 'data'; data: Record<string, unknown>}
  | {kind: 'invalid'; reason: string; node: Yaml; offset: number | undefined}

/** Read the YAML front matter of a document, if any. */
/** Front matter text that names a template (`template:` at a line start), valid YAML or not. */
export const namesTemplate = /^[ \t]*template[ \t]*:/m

export function readFrontMatter(tree: Root): FrontMatter {
  const first = tree.children[0]
  if (!first || first.type !== 'yaml') return {kind: 'none'}
  try {
    const data: unknown = yaml().parse(first.value)
    if (data === null || data === undefined) return {kind: 'none'}
    if (typeof data !== 'object' || Array.isArray(data)) {
      return {kind: 'invalid', reason: 'not a mapping of keys to values', node: first, offset: undefined}
    }
    return {kind: 'data', data: data as Record<string, unknown>}
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$|[.:]$/, '') : String(error)
    // An offset in the YAML text (its line numbers do not count a lone `\r`).
    const offset = error instanceof yaml().YAMLError ? error.pos[0] : undefined
    return {kind: 'invalid', reason, node: first, offset}
  }
}
