import {readFileSync} from 'node:fs'
import path from 'node:path'
import {builtinTemplateIds} from '../src/template/builtin.js'
import {outlineOf, sectionEnd, type Outline, type OutlineHeading} from '../src/views/outline.js'
import {parseMarkdown} from '../src/markdown/parser.js'
import {defaultRegistry} from '../src/template/registry.js'
import {isRequired, sectionName, type Template, type TemplateSection} from '../src/template/template.js'
import {root} from './helpers.js'
import {displayText, leadingNumbering} from '../src/template/heading-text.js'

/**
 * Broken variants of each template’s complete fixture plan, each with the one
 * finding it must give: a required section removed, renamed with a typo,
 * demoted a level, or moved out of order.
 */
export interface Mutation {
  name: string
  value: string
  /** 1-based lines the finding may be on (`[]`: end of file). */
  lines: number[]
  /** Words the finding must contain. */
  words: string[]
  /** Replacement the finding must carry in `expected`, if any. */
  expected?: string
}

export function mutationsOf(templateId: string): Mutation[] {
  const template = defaultRegistry().get(templateId)!
  const value = readFileSync(path.join(root, 'fixtures', 'plans', templateId, 'filled.md'), 'utf8')
  const lines = value.split('\n')
  const outline = outlineOf(parseMarkdown(value))
  const found = locate(template, outline)
  const mutations: Mutation[] = []

  const lineOf = (heading: OutlineHeading) => heading.node.position!.start.line
  // Lines [start, end) of a heading’s whole section.
  const span = (heading: OutlineHeading): [number, number] => {
    const end = outline.headings[sectionEnd(outline, heading)]
    return [lineOf(heading) - 1, end ? lineOf(end) - 1 : lines.length]
  }

  /** The section one level down, and swapped with the next section of the template when that follows it. */
  function demotedAndMoved(section: TemplateSection, first: OutlineHeading): Mutation[] {
    const mutations: Mutation[] = []
    // A template with `placement: any` lets a section sit at any level and place: these are no defects there.
    if (template.placement === 'any') return mutations
    // Demoted: a section without subsections goes one level down (its heading otherwise as written).
    if (section.children.length === 0 && first.depth < 6) {
      const demoted = [...lines]
      demoted[lineOf(first) - 1] = '#' + lines[lineOf(first) - 1]
      mutations.push({
        name: `demoting ${sectionName(section)}`,
        value: demoted.join('\n'),
        lines: [lineOf(first)],
        words: [`Unexpected level ${first.depth + 1} heading`],
        expected: lines[lineOf(first) - 1]!.replace(/^#+/, '#'.repeat(section.depth))
      })
    }

    // Moved: swapped with the next sibling section.
    const siblings = section.parent ? section.parent.children : template.sections.filter((item) => !item.parent)
    const next = siblings[siblings.indexOf(section) + 1]
    const nextHeadings = next ? found.get(next) : undefined
    if (next && nextHeadings && !next.pattern.repeated && nextHeadings[0]!.index === sectionEnd(outline, first)) {
      const [aStart, aEnd] = span(first)
      const [, bEnd] = span(nextHeadings[0]!)
      const moved = [...lines.slice(0, aStart), ...lines.slice(aEnd, bEnd), ...lines.slice(aStart, aEnd), ...lines.slice(bEnd)]
      mutations.push({
        name: `moving ${sectionName(section)} after ${sectionName(next)}`,
        value: moved.join('\n'),
        // Either of the two swapped sections is the one out of order.
        lines: [aStart + 1, aStart + (bEnd - aEnd) + 1],
        words: ['out of template order', sectionName(section), sectionName(next)]
      })
    }
    return mutations
  }

  for (const section of template.sections) {
    const headings = found.get(section)
    if (!headings) continue
    const first = headings[0]!
    const last = headings.at(-1)!
    // An optional section that is there is still checked for level and order.
    if (!isRequired(section)) {
      if (!section.pattern.repeated && !section.guidance) mutations.push(...demotedAndMoved(section, first))
      continue
    }

    // Removed: the whole section (every member of a group) goes.
    const [start] = span(first)
    const [, end] = span(last)
    const removed = [...lines.slice(0, start), ...lines.slice(end)]
    const after = end < lines.length ? removed.slice(start).findIndex((line) => /^#{1,3} /.test(line)) : -1
    mutations.push({
      name: `removing ${sectionName(section)}`,
      value: removed.join('\n'),
      lines: after === -1 ? [] : [start + after + 1],
      words: [`Unexpected missing section ${sectionName(section)} (template \`${template.id}\`)`]
    })

    if (section.pattern.repeated) continue
    // Without trailing annotations (`(this feature)`), which headings may differ in.
    const text = leadingNumbering(first.text) + displayText(first.text)

    // Renamed: one letter dropped from the longest word.
    const word = text.split(' ').reduce((a, b) => (b.length > a.length ? b : a))
    if (word.length >= 4) {
      const typo = text.replace(word, word.slice(0, 2) + word.slice(3))
      const renamed = [...lines]
      renamed[lineOf(first) - 1] = '#'.repeat(first.depth) + ' ' + typo
      mutations.push({
        name: `renaming ${sectionName(section)} to \`${typo}\``,
        value: renamed.join('\n'),
        lines: [lineOf(first)],
        words: [`Unexpected heading \`${'#'.repeat(first.depth)} ${typo}\``],
        expected: '#'.repeat(section.depth) + ' ' + text
      })
    }

    mutations.push(...demotedAndMoved(section, first))
  }
  return mutations
}

/** Plan headings of each template section in a complete plan. */
function locate(template: Template, outline: Outline): Map<TemplateSection, OutlineHeading[]> {
  const found = new Map<TemplateSection, OutlineHeading[]>()
  for (const section of template.sections) {
    const parent = section.parent ? found.get(section.parent)?.[0] : undefined
    const headings = outline.headings.filter(
      (heading) =>
        heading.depth === section.depth &&
        section.pattern.test(heading.key) &&
        (!parent || (heading.index > parent.index && heading.index < sectionEnd(outline, parent)))
    )
    if (headings.length > 0) found.set(section, section.pattern.repeated ? headings : [headings[0]!])
  }
  return found
}

/**
 * Templates with a required section to break. An OpenSpec delta or task list
 * requires none (its sections are the operations it makes, its tasks may
 * stand under the title), nor a Kiro task list: `scripts/mutations/` breaks those in real documents.
 */
export const mutatedTemplateIds = builtinTemplateIds.filter((id) => defaultRegistry().get(id)!.alwaysRequired.length > 0)
