import {readFileSync} from 'node:fs'
import type {Root} from 'mdast'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {removePosition} from 'unist-util-remove-position'
import {VFile} from 'vfile'
import remarkPlanLint, {type Options} from '../src/index.js'
import {ruleIds} from '../src/pipeline/rule-meta.js'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const corpusDirectory = path.resolve(root, '..', 'shared', 'corpus')

/** Lint a document with the preset, as `remark --use plan-lint` does. */
export async function lint(value: string, options?: Options, filePath = 'plan.md'): Promise<VFile> {
  return (await lintTree(value, options, filePath)).file
}

/** Lint, and keep the tree (to ask which template was detected). */
export async function lintTree(value: string, options?: Options, filePath = 'plan.md'): Promise<{file: VFile; tree: Root}> {
  const file = new VFile({value, path: filePath, cwd: root})
  const processor = unified().use(remarkParse).use(remarkPlanLint, options)
  const tree = processor.parse(file)
  await processor.run(tree, file)
  return {file, tree}
}

/** Lint a file on disk. */
export function lintPath(filePath: string, options?: Options): Promise<VFile> {
  return lint(readFileSync(filePath, 'utf8'), options, path.relative(root, filePath))
}

/** Lint with every node’s position removed, as if another plugin made the tree. */
export async function lintWithoutPositions(value: string, options?: Options): Promise<VFile> {
  const file = new VFile({value, path: 'plan.md', cwd: root})
  const processor = unified().use(remarkParse).use(remarkPlanLint, options)
  const tree = processor.parse(file)
  removePosition(tree, {force: true})
  await processor.run(tree, file)
  return file
}

/** `line:col-line:col: message` lines, as remark-lint’s own tests read. */
export function formatMessages(file: VFile): string[] {
  return file.messages.map((message) => {
    const place = message.place
    const start = place && 'start' in place ? place.start : place
    const end = place && 'end' in place ? place.end : undefined
    const from = start ? `${start.line}:${start.column}` : '0:0'
    return (end ? `${from}-${end.line}:${end.column}` : from) + ': ' + message.reason
  })
}

/**
 * Options that turn one rule on (with the fixture’s own setting for it, if
 * any) and every other rule off.
 */
export function onlyRule(ruleId: string, setting: unknown = 'error', options: Options = {}): Options {
  const own = (options.rules as Record<string, unknown> | undefined)?.[ruleId]
  return {...options, rules: {...allOff(), [ruleId]: own ?? setting}} as Options
}

function allOff(): Record<string, 'off'> {
  return Object.fromEntries(ruleIds.map((id) => [id, 'off']))
}
