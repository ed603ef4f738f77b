import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {checkShape, defaultLimits} from '../markdown/input-guard.js'
import {parseMarkdown} from '../markdown/parser.js'
import {readFrontMatter} from '../markdown/front-matter.js'
import {yaml} from '../support/lazy.js'
import {perTree} from './per-tree.js'

/**
 * Another document of the same feature folder (`specs/003-x/spec.md` next
 * to `tasks.md`), read from disk. Cross-document checks need it; a file
 * without a path (stdin, an editor buffer not saved yet) has no sibling.
 */

export interface Sibling {
  /** As the template names it (`spec.md`). */
  name: string
  /** Absolute path. */
  path: string
  /** The parsed document, or `undefined` when it does not exist or cannot be read. */
  tree: Root | undefined
}

/** The sibling a document’s template names, read once per tree. */
export const siblingOf = perTree((_tree: Root, file: VFile, name: string): Sibling | undefined => read(file, name))

/**
 * The data of a sibling file: a YAML file (`kep.yaml`) or a Markdown file’s
 * front matter. `undefined` when it does not exist, cannot be read or holds
 * no mapping.
 */
export function siblingDataOf(tree: Root, file: VFile, name: string): Record<string, unknown> | undefined {
  return dataOf(tree, file, name).data
}

// Wrapped, so that a sibling without data is remembered too.
const dataOf = perTree((_tree: Root, file: VFile, name: string): {data: Record<string, unknown> | undefined} => ({data: readData(file, name)}))

function readData(file: VFile, name: string): Record<string, unknown> | undefined {
  const absolute = siblingPath(file, name)
  if (!absolute) return undefined
  let value: string
  try {
    value = readFileSync(absolute, 'utf8')
  } catch {
    return undefined
  }
  if (value.length > defaultLimits.bytes || value.includes('\u0000')) return undefined
  if (/\.ya?ml$/i.test(name)) {
    try {
      const data: unknown = yaml().parse(value)
      return isRecord(data) ? data : undefined
    } catch {
      return undefined
    }
  }
  const frontMatter = readFrontMatter(parseMarkdown(value))
  return frontMatter.kind === 'data' ? frontMatter.data : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Absolute path of a sibling, registered as a dependency of the file’s result; `undefined` without one. */
function siblingPath(file: VFile, name: string): string | undefined {
  if (!file.path) return undefined
  const absolute = path.resolve(file.cwd, path.dirname(file.path), name)
  if (absolute === path.resolve(file.cwd, file.path)) return undefined
  // The CLI cache must check the sibling again before it trusts a cached result.
  file.data.planLintDependencies = [...(file.data.planLintDependencies ?? []), absolute]
  return absolute
}

function read(file: VFile, name: string): Sibling | undefined {
  const absolute = siblingPath(file, name)
  if (!absolute) return undefined
  let tree: Root | undefined
  try {
    const value = readFileSync(absolute, 'utf8')
    // A sibling the parser would be slow on (or a binary one) is not read: the
    // checked file still gets its own findings.
    if (value.length <= defaultLimits.bytes && !value.includes('\u0000') && !checkShape(value, defaultLimits)) tree = parseMarkdown(value)
  } catch {
    tree = undefined
  }
  return {name, path: absolute, tree}
}
