import type {Root} from 'mdast'
import {sectionEnd, type Outline, type OutlineHeading} from '../views/outline.js'
import {sectionName, sectionTemplateText, type Template, type TemplateSection} from '../template/template.js'
import {blockInsertion, lineEndingOf, lineStart, type PlanFix} from './fixes.js'

/** Fixes of a plan’s sections, shared by the rules that report them. */

/** Replace a whole heading (ATX or setext) with `text`. */
export function replaceHeading(heading: OutlineHeading, text: string): PlanFix | undefined {
  const start = heading.node.position?.start.offset
  const end = heading.node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  return {title: `Replace heading with \`${text}\``, range: [start, end], text}
}

/** Insert missing sections (a run, in template order), with the template’s own text for each, before `next` (or at the end). */
export function insertSections(source: string, template: Template, sections: TemplateSection[], next: OutlineHeading | undefined): PlanFix {
  const offset = next?.node.position?.start.offset
  const eol = lineEndingOf(source)
  const names = sections.map((section) => sectionName(section)).join(', ')
  return blockInsertion(
    source,
    offset,
    sections.map((section) => sectionTemplateText(template, section).replace(/\s+$/, '')).join(eol + eol),
    `Insert missing ${sections.length > 1 ? 'sections' : 'section'} ${names} from template \`${template.id}\``
  )
}

/** Remove a section: its heading, body and subsections, up to the next heading of its level or above. */
export function removeSection(source: string, outline: Outline, heading: OutlineHeading, name: string): PlanFix | undefined {
  const startOffset = heading.node.position?.start.offset
  if (startOffset === undefined) return undefined
  const start = lineStart(source, startOffset)
  const next = outline.headings[sectionEnd(outline, heading)]
  const nextOffset = next?.node.position?.start.offset
  const end = nextOffset === undefined ? source.length : lineStart(source, nextOffset)
  return {title: `Remove section ${name}`, range: [start, end], text: ''}
}

/** Add `template: none` to the front matter, or front matter with it. */
export function declareNoTemplate(tree: Root, source: string): PlanFix | undefined {
  const title = 'Declare `template: none` in front matter'
  const eol = lineEndingOf(source)
  const first = tree.children[0]
  if (first?.type !== 'yaml') return {title, range: [0, 0], text: `---${eol}template: none${eol}---${eol}${eol}`}
  // A plan that already names a template there is not the author’s to drop silently.
  if (/^[ \t]*template[ \t]*:/m.test(first.value)) return undefined
  const end = first.position?.end.offset
  if (end === undefined) return undefined
  // Before the closing fence.
  const at = lineStart(source, end - 1)
  return {title, range: [at, at], text: `template: none${eol}`}
}
