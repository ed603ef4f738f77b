import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {isOnlyPlaceholders, textUnits, type TextUnit} from '../markdown/text-units.js'
import {bodyNodes, fieldLabels, headerNodes, textOfAllVersions, type TemplateText} from '../template/versions.js'
import {detectionOf} from './detect.js'
import {perTree} from './per-tree.js'
import {sourcePointsOf} from './source-points.js'

/**
 * A copy of the plan’s template that nothing has filled in: every line, list
 * item and table row outside the headings is the template’s own text (of any
 * of its versions, `src/template/versions.ts`) or only placeholders; the
 * title and the header fields before the first section (`**Status**: …`,
 * labels the template’s header has) may be filled in. Such a file gets one
 * finding saying so (`no-template-text`) instead of one per placeholder,
 * empty section and sample row: there is nothing of the author’s to check yet.
 */
export interface UnfilledCopy {
  /** Text units that are the template’s (or only placeholders). */
  units: number
}

/**
 * Units a copy must have: a title and a line or two are a stub, not a copy.
 * A copy of a smaller template (OpenSpec's four-line task list) needs as many
 * units as the template has, and four at least.
 */
const minimumUnits = 5
const smallTemplateMinimumUnits = 4

/** The file as an unfilled copy of its template, or `undefined`; computed once per tree. */
export const unfilledCopyOf = perTree((tree: Root, file: VFile): UnfilledCopy | undefined => {
  const {template} = detectionOf(tree, file)
  if (!template) return undefined
  const {source} = sourcePointsOf(tree, file)
  const known = textOfAllVersions(template)
  const header = new Set(textUnits(headerNodes(tree), source).map((unit) => unit.start))
  let units = 0
  for (const unit of textUnits(bodyNodes(tree), source)) {
    if (unit.key === '') continue
    if (header.has(unit.start) && isFilledHeaderField(unit, source, known)) continue
    if (!known.has(unit.key) && !isOnlyPlaceholders(source.slice(unit.start, unit.end))) return undefined
    units++
  }
  const needed = known.units < minimumUnits ? Math.max(smallTemplateMinimumUnits, known.units) : minimumUnits
  return units >= needed ? {units} : undefined
})

/** A header line of fields the template’s header has (`**Created**: 2025-01-31`), filled in. */
function isFilledHeaderField(unit: TextUnit, source: string, known: TemplateText): boolean {
  const labels = unit.kind === 'line' ? fieldLabels(source.slice(unit.start, unit.end)) : undefined
  return labels !== undefined && labels.every((label) => known.headerLabels.has(label))
}
