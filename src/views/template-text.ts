import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {isOnlyPlaceholders, sectionBodies, textUnits, type TextUnit} from '../markdown/text-units.js'
import type {TemplateSection} from '../template/template.js'
import {detectionOf} from './detect.js'
import {emptySectionsOf} from './empty-sections.js'
import {outlineOf, type OutlineHeading} from './outline.js'
import {perTree} from './per-tree.js'
import {placeholdersOf} from './placeholders.js'
import {sourcePointsOf} from './source-points.js'

/**
 * Template text left in place of the plan’s content. Each section’s own body
 * (before its first subsection) is cut into text units (lines, list items,
 * table rows) and each is compared with the units of the same section in the
 * template. A unit is the template’s when its words are; it counts as the
 * author’s when it says anything else, placeholders apart. Code, quotes,
 * HTML, information notes, checked task items and the template text of
 * sections it gives as real content (front matter `content`, completion
 * checklists) are neither.
 */
export interface TemplateTextSection {
  heading: OutlineHeading
  section: TemplateSection
  /** The template’s units left in the section. */
  left: TextUnit[]
  /**
   * Nothing but the template’s text (all of it or part of it): the section is
   * unfilled (one finding on its heading). Otherwise the author added only
   * placeholders of their own, and the template’s instruction lines are
   * reported one by one.
   */
  unfilled: boolean
}

/** Sections with template text and none of the author’s own, computed once per tree. */
export const templateTextOf = perTree((tree: Root, file: VFile): TemplateTextSection[] => {
  const {template} = detectionOf(tree, file)
  if (!template) return []
  const outline = outlineOf(tree)
  const {source} = sourcePointsOf(tree, file)
  // `no-empty-sections` reports these: one finding per section, never two.
  const empty = new Set(emptySectionsOf(tree, file).map((item) => item.heading))
  // `no-placeholders` reports a sample table once, header included.
  const samples = placeholdersOf(tree, source, template).sampleTables
  const bodies = sectionBodies(tree)
  const rootIndex = new Map(tree.children.map((node, index) => [node, index] as const))
  const result: TemplateTextSection[] = []
  for (const heading of outline.headings) {
    if (heading === outline.title || empty.has(heading)) continue
    // A lead-in kept above subsections: the content is in them.
    const next = outline.headings[heading.index + 1]
    if (next && next.depth > heading.depth) continue
    const matches = template.sections.filter((item) => item.pattern.test(heading.key))
    const section = matches.find((item) => item.depth === heading.depth) ?? matches[0]
    if (!section || section.textKeys.size === 0) continue
    const left: TextUnit[] = []
    let own = false
    let placeholders = false
    for (const unit of textUnits(bodies.get(rootIndex.get(heading.node) ?? -1) ?? [], source)) {
      if (unit.key === '' || samples.some((table) => table.start <= unit.start && unit.end <= table.end)) continue
      const text = source.slice(unit.start, unit.end)
      if (section.textKeys.has(unit.key)) {
        // Kept as the template gave it: real content (quiet), or text in place of content.
        if (!(section.content || unit.kind === 'other' || unit.kind === 'done' || isNote(unit.key) || text.includes('`'))) left.push(unit)
      } else if (unit.kind === 'other' || !isOnlyPlaceholders(text)) {
        own = true
        break
      } else {
        placeholders = true
      }
    }
    if (own || left.length === 0) continue
    // Nothing but the template’s body, or part of it: unfilled.
    if (!placeholders) {
      result.push({heading, section, left, unfilled: true})
      continue
    }
    // With placeholders of the author’s own: the template’s instruction lines (not lead-ins, not its placeholders).
    const instructions = left.filter((unit) => isInstruction(source.slice(unit.start, unit.end)))
    if (instructions.length > 0) result.push({heading, section, left: instructions, unfilled: false})
  }
  return result
})

/** An instruction or example line: no placeholder to fill, not a label or lead-in ending in `:`. */
function isInstruction(text: string): boolean {
  return !/\[[^\]\n]*\]/.test(text) && !/:\s*(?:[*_]{1,2})?\s*$/.test(text)
}

/** A note the template gives as information (`**Note**: …`): real content (so are command lines in code). */
function isNote(key: string): boolean {
  return key.startsWith('note ')
}
