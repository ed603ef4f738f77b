import type {Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import {parseMarkdown} from '../markdown/parser.js'
import {isOnlyPlaceholders, textUnits} from '../markdown/text-units.js'
import type {Template} from '../template/template.js'
import {detectionOf} from './detect.js'
import {perTree} from './per-tree.js'
import {sourcePointsOf} from './source-points.js'

/**
 * A copy of the plan’s template that nothing has filled in: every line, list
 * item and table row outside the headings is the template’s own text or only
 * placeholders (the title may be filled in). Such a file gets one finding
 * saying so (`no-template-text`) instead of one per placeholder, empty
 * section and sample row: there is nothing of the author’s to check yet.
 */
export interface UnfilledCopy {
  /** Text units that are the template’s (or only placeholders). */
  units: number
}

/** Units a copy must have: a title and a line or two are a stub, not a copy. */
const minimumUnits = 5

/** The file as an unfilled copy of its template, or `undefined`; computed once per tree. */
export const unfilledCopyOf = perTree((tree: Root, file: VFile): UnfilledCopy | undefined => {
  const {template} = detectionOf(tree, file)
  if (!template) return undefined
  const {source} = sourcePointsOf(tree, file)
  const known = templateKeys(template)
  let units = 0
  for (const unit of textUnits(bodyNodes(tree), source)) {
    if (unit.key === '') continue
    if (!known.has(unit.key) && !isOnlyPlaceholders(source.slice(unit.start, unit.end))) return undefined
    units++
  }
  return units >= minimumUnits ? {units} : undefined
})

/** Root nodes other than headings and front matter. */
function bodyNodes(tree: Root): RootContent[] {
  return tree.children.filter((node) => node.type !== 'heading' && node.type !== 'yaml')
}

const keysCache = new WeakMap<Template, ReadonlySet<string>>()

/** Keys of every text unit of the template’s body (parsed on first use). */
function templateKeys(template: Template): ReadonlySet<string> {
  let keys = keysCache.get(template)
  if (!keys) {
    const tree = parseMarkdown(template.body)
    keys = new Set(textUnits(bodyNodes(tree), template.body).map((unit) => unit.key))
    keysCache.set(template, keys)
  }
  return keys
}
