import type {Heading, Root, RootContent} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {readFrontMatter} from '../markdown/front-matter.js'
import {linesOf} from '../support/text.js'
import {headingKey} from '../template/heading-text.js'
import {defaultStage, stageNames, statusKey, statusLineValue, type Stage} from '../template/plan-state.js'
import type {Template} from '../template/template.js'
import {detectionOf} from './detect.js'
import {siblingDataOf} from './feature-sibling.js'
import {perTree} from './per-tree.js'
import {sourcePointsOf, type SourcePoints} from './source-points.js'

/**
 * Where a plan stands: its status (front matter `status:`, or the template’s
 * status line) and the stage that status belongs to. A plan without a status,
 * or with a value its template does not know, is judged at `review`.
 */
export interface PlanStatus {
  /** The status as written, if the plan has one. */
  value: string | undefined
  /** Where it is written (the front matter node, or the status line). */
  position: Position | undefined
  stage: Stage
  /** The plan has a status that none of its template’s stages lists. */
  unknown: boolean
}

const noStatus: PlanStatus = {value: undefined, position: undefined, stage: defaultStage, unknown: false}

/** The plan’s status and stage, computed once per tree. */
export const planStatusOf = perTree((tree: Root, file: VFile): PlanStatus => {
  const {template} = detectionOf(tree, file)
  if (!template) return noStatus
  const found = findStatus(tree, sourcePointsOf(tree, file), template) ?? siblingStatus(tree, file, template)
  if (!found) return noStatus
  const stage = stageOf(template, found.value)
  // An unresolved template choice (`Draft | Review | Approved`, `[Draft/…]`) is no status yet.
  if (!stage && /^\[.*\]$|[|/]/.test(found.value)) return noStatus
  return {value: found.value, position: found.position, stage: stage ?? defaultStage, unknown: stage === undefined}
})

/** The stage whose values include `value`, compared without case and trailing notes. */
export function stageOf(template: Template, value: string): Stage | undefined {
  const key = statusKey(value)
  if (key === '') return undefined
  for (const stage of stageNames) {
    if (template.status.stages[stage].some((known) => statusKey(known) === key)) return stage
  }
  return undefined
}

function findStatus(tree: Root, {source, pointAt}: SourcePoints, template: Template): {value: string; position: Position | undefined} | undefined {
  const frontMatter = readFrontMatter(tree)
  const first = tree.children[0]
  if (frontMatter.kind === 'data' && first?.type === 'yaml') {
    const value = frontMatter.data.status
    if (typeof value === 'string' && value.trim() !== '') return {value: value.trim(), position: first.position}
  }
  const {field, section, heading} = template.status
  // Above the first section; and in the section that holds the template’s own status line.
  let inSection: string | undefined
  for (const [index, node] of tree.children.entries()) {
    if (node.type === 'heading') {
      if (node.depth <= 2) inSection = node.depth === 2 ? headingKey(textOf(node, source)) : inSection
      if (heading !== undefined && node.depth === 2) {
        const found = statusSectionValue(node, tree.children[index + 1], heading, field, source, pointAt)
        if (found) return found
      }
      continue
    }
    const preamble = inSection === undefined
    if (!preamble && inSection !== section) continue
    for (const paragraph of paragraphs(node, preamble)) {
      const start = paragraph.position?.start.offset
      const end = paragraph.position?.end.offset
      if (start === undefined || end === undefined) continue
      for (const line of linesOf(source.slice(start, end))) {
        const value = statusLineValue(line.text, field)
        if (value !== undefined && value !== '') {
          const from = start + line.start + (line.text.length - line.text.trimStart().length)
          const to = start + line.start + line.text.trimEnd().length
          return {value, position: {start: pointAt(from), end: pointAt(to)}}
        }
      }
    }
  }
  return undefined
}

/**
 * The status a section holds (template front matter `status.heading`): the
 * first line of the paragraph right under `## Status`, or the heading's own
 * text after a colon (`## Status: Done`).
 */
function statusSectionValue(
  node: Heading,
  next: RootContent | undefined,
  heading: string,
  field: string,
  source: string,
  pointAt: SourcePoints['pointAt']
): {value: string; position: Position | undefined} | undefined {
  const text = textOf(node, source)
  const colon = text.indexOf(':')
  if (colon !== -1 && headingKey(text.slice(0, colon)) === heading) {
    const value = text.slice(colon + 1).trim()
    if (value === '') return undefined
    return {value, position: node.position}
  }
  if (headingKey(text) !== heading || next?.type !== 'paragraph') return undefined
  const start = next.position?.start.offset
  const end = next.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const line = linesOf(source.slice(start, end))[0]
  if (!line) return undefined
  // `**Status:** Done` under the heading is a status line of its own.
  const value = statusLineValue(line.text, field) ?? line.text.trim()
  if (value === '') return undefined
  const from = start + line.start + (line.text.length - line.text.trimStart().length)
  return {value, position: {start: pointAt(from), end: pointAt(start + line.start + line.text.trimEnd().length)}}
}

/**
 * The status kept in a file beside the plan (template front matter
 * `status.file`, such as a KEP’s `kep.yaml`): its key `field`, compared
 * without case. It has no place in the plan, so a finding about it has none.
 */
function siblingStatus(tree: Root, file: VFile, template: Template): {value: string; position: Position | undefined} | undefined {
  const {file: name, field} = template.status
  if (name === undefined) return undefined
  const data = siblingDataOf(tree, file, name)
  if (!data) return undefined
  const key = Object.keys(data).find((candidate) => candidate.toLowerCase() === field.toLowerCase())
  const value = key === undefined ? undefined : data[key]
  return typeof value === 'string' && value.trim() !== '' ? {value: value.trim(), position: undefined} : undefined
}

/** Root paragraphs, and above the first section also the opening paragraphs of list items (`- **Status:** Approved`). */
function paragraphs(node: RootContent, withLists: boolean): RootContent[] {
  if (node.type === 'paragraph') return [node]
  if (withLists && node.type === 'list') {
    return node.children.flatMap((item) => (item.children[0]?.type === 'paragraph' ? [item.children[0]] : []))
  }
  return []
}

function textOf(node: RootContent & {children: RootContent[] | unknown[]}, source: string): string {
  const children = node.children as Array<{position?: Position | undefined}>
  return source.slice(children[0]?.position?.start.offset ?? 0, children.at(-1)?.position?.end.offset ?? 0)
}
