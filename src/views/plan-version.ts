import type {Root, RootContent} from 'mdast'
import type {VFile} from 'vfile'
import {readFrontMatter} from '../markdown/front-matter.js'
import {linesOf} from '../support/text.js'
import {statusLineValue} from '../template/plan-state.js'
import {dateOf, type PlanDateSource} from '../template/section-conditions.js'
import type {Template, TemplateSection} from '../template/template.js'
import {detectionOf} from './detect.js'
import {siblingDataOf} from './feature-sibling.js'
import {outlineOf} from './outline.js'
import {perTree} from './per-tree.js'
import {sourcePointsOf} from './source-points.js'

/**
 * Which version of its template a plan follows, for a template whose
 * sections are dated (front matter `since`): the later of the date the plan
 * was written and the date of the newest dated section it has (a KEP of
 * November 2019 that answers the Production Readiness Review Questionnaire
 * of May 2020 was brought up to that version). A plan written before the
 * template’s first dated section followed no version, and needs none of
 * them. A plan without a date follows the current version.
 */
export interface PlanVersion {
  /** The version’s date (`YYYY-MM-DD`), or `undefined` for the current version. */
  date: string | undefined
  /** The template’s sections that version did not have as they are now: a plan of it needs them not. */
  notYet: ReadonlySet<TemplateSection>
}

const current: PlanVersion = {date: undefined, notYet: new Set()}

/** The template version the plan follows, computed once per tree. */
export const planVersionOf = perTree((tree: Root, file: VFile): PlanVersion => {
  const {template} = detectionOf(tree, file)
  if (!template?.dateSource) return current
  const written = planDate(tree, file, template.dateSource)
  if (written === undefined) return current
  let date = written
  const dated = template.sections.flatMap((section) => (section.added === undefined ? [] : [section.added]))
  // Written before the template’s first version, it followed none: its headings with the template’s names (`Motivation`) are the author’s own.
  const first = dated.reduce((earliest, since) => (since < earliest ? since : earliest), dated[0] ?? written)
  const headings = written < first ? [] : outlineOf(tree).headings
  for (const section of template.sections) {
    // A section the template got on a date: a plan that has it follows that version or a later one.
    if (section.added === undefined || section.added <= date) continue
    if (headings.some((heading) => section.pattern.test(heading.key))) date = section.added
  }
  return {date, notYet: new Set(template.sections.filter((section) => section.since !== undefined && section.since > date))}
})

/** Whether the plan must have a required section of its template: the version it follows has it, and so does its `requiredWith` condition. */
export function isDue(version: PlanVersion, section: TemplateSection, has: (section: TemplateSection) => boolean): boolean {
  for (let current: TemplateSection | undefined = section; current; current = current.parent) {
    if (version.notYet.has(current)) return false
  }
  return section.requiredWith.length === 0 || section.requiredWith.some(has)
}

/** The always-required sections of a template that this plan must have. */
export function dueSections(template: Template, version: PlanVersion, has: (section: TemplateSection) => boolean): TemplateSection[] {
  return template.alwaysRequired.filter((section) => isDue(version, section, has))
}

/**
 * The date a plan was written: key `field` of its front matter, of the file
 * beside it that the template names (`kep.yaml`), or of a `Field: value`
 * line above its first section (`- Start Date: 2014-12-18`).
 */
function planDate(tree: Root, file: VFile, source: PlanDateSource): string | undefined {
  const own = readFrontMatter(tree)
  const fromData = (data: Record<string, unknown> | undefined): string | undefined => {
    if (!data) return undefined
    const key = Object.keys(data).find((candidate) => candidate.toLowerCase() === source.field.toLowerCase())
    return key === undefined ? undefined : dateOf(data[key])
  }
  const inFrontMatter = fromData(own.kind === 'data' ? own.data : undefined)
  if (inFrontMatter) return inFrontMatter
  const inFile = source.file === undefined ? undefined : fromData(siblingDataOf(tree, file, source.file))
  if (inFile) return inFile
  const text = sourcePointsOf(tree, file).source
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth > 1) break
    for (const paragraph of paragraphs(node)) {
      const start = paragraph.position?.start.offset
      const end = paragraph.position?.end.offset
      if (start === undefined || end === undefined) continue
      for (const line of linesOf(text.slice(start, end))) {
        const value = statusLineValue(line.text, source.field)
        const date = value === undefined ? undefined : dateOf(value)
        if (date) return date
      }
    }
  }
  return undefined
}

/** A root paragraph, or the opening paragraphs of a list’s items (`- Start Date: …`). */
function paragraphs(node: RootContent): RootContent[] {
  if (node.type === 'paragraph') return [node]
  if (node.type === 'list') return node.children.flatMap((item) => (item.children[0]?.type === 'paragraph' ? [item.children[0]] : []))
  return []
}
