import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {atomMark} from '../markdown/prose.js'
import {isRequired} from '../template/template.js'
import {detectionOf} from './detect.js'
import {outlineOf, type OutlineHeading} from './outline.js'
import {perTree} from './per-tree.js'
import {placeholdersOf, type PlaceholderView} from './placeholders.js'
import {sourcePointsOf} from './source-points.js'

/**
 * Empty sections (shared by `no-empty-sections`, which reports them, and
 * `no-template-text`, which leaves them to it): a section (a heading up to
 * the next heading of the same or a higher level) whose own body, before its
 * first subsection, holds nothing but whitespace, HTML comments, thematic
 * breaks or placeholders. A section whose content is all in subsections is
 * not, nor one whose template gives it required subsections
 * (`required-headings` reports those missing). The title (first H1) is not
 * checked.
 */
export interface EmptySection {
  heading: OutlineHeading
  /** It holds placeholders (and nothing else). */
  placeholders: boolean
}

/** The empty sections of a plan, in document order, computed once per tree. */
export const emptySectionsOf = perTree((tree: Root, file: VFile): EmptySection[] => {
  const {template} = detectionOf(tree, file)
  if (!template) return []
  const outline = outlineOf(tree)
  if (outline.headings.length === 0) return []
  const {source} = sourcePointsOf(tree, file)
  const content = rootContent(placeholdersOf(tree, source, template))
  const empty: EmptySection[] = []
  const rootIndex = new Map(tree.children.map((node, index) => [node, index] as const))
  outline.headings.forEach((heading, index) => {
    if (heading === outline.title) return
    const next = outline.headings[index + 1]
    if (next && next.depth > heading.depth) return
    // A group heading over numbered headings written at its own level (`### Storage tests` then `### T005 …`).
    if (next && next.depth === heading.depth && heads(heading.text, next.text)) return
    // The template asks only its required sections to have content (`emptySections: required`).
    if (template.emptySections === 'required' && !template.sections.some((section) => isRequired(section) && section.pattern.test(heading.key))) return
    // Its content belongs in required subsections, which `required-headings` reports missing.
    if (template.sections.some((section) => section.children.some(isRequired) && section.pattern.test(heading.key))) return
    // The status written in the heading (`## Status: Done`, front matter `status.heading`).
    const statusHeading = template.status.heading
    if (statusHeading !== undefined && heading.key.startsWith(statusHeading + ':') && heading.key.length > statusHeading.length + 1) return
    // The template lets a plan keep it empty: a field written as a heading (`### Review Date: [Date]`), a record
    // that may have nothing to say, `### Modified Capabilities` of a change that modifies none.
    if (template.sections.some((section) => section.mayBeEmpty && section.pattern.test(heading.key))) return
    const from = rootIndex.get(heading.node)
    if (from === undefined) return
    const to = next ? (rootIndex.get(next.node) ?? tree.children.length) : tree.children.length
    let placeholders = false
    for (let body = from + 1; body < to; body++) {
      const kind = content[body]
      if (kind === 'content') return
      if (kind === 'placeholders') placeholders = true
    }
    empty.push({heading, placeholders})
  })
  return empty
})

/** How a heading is numbered: `T005 …` (`T`, [5]), `3.1 …` (`#`, [3, 1]), `Phase 2: …` (`phase`, [2]). */
interface Numbering {
  kind: string
  numbers: number[]
}

function numberingOf(text: string): Numbering | undefined {
  const trimmed = text.trim()
  const id = /^([A-Z]{1,5})-?(\d+(?:\.\d+)*)[a-z]?(?![\p{L}\p{N}])/u.exec(trimmed)
  const plain = /^(\d+(?:\.\d+)*)\.?(?![\p{L}\p{N}])/u.exec(trimmed)
  const word = /^(\p{L}+(?:\s+\p{L}+)?)\s+(\d+(?:\.\d+)*)(?![\p{L}\p{N}])/u.exec(trimmed)
  if (id) return {kind: id[1]!, numbers: id[2]!.split('.').map(Number)}
  if (plain) return {kind: '#', numbers: plain[1]!.split('.').map(Number)}
  if (word) return {kind: word[1]!.toLowerCase(), numbers: word[2]!.split('.').map(Number)}
  return undefined
}

/**
 * The heading after an empty one at the same level is its logical child: it
 * is numbered and the empty one is not, or is numbered another way (a group
 * over task headings), or extends its number (`3` then `3.1`). An empty
 * heading followed by a sibling of its own kind (`### Notes` then
 * `### Links`, `### T004` then `### T005`) is empty.
 */
function heads(text: string, nextText: string): boolean {
  const child = numberingOf(nextText)
  if (!child) return false
  const own = numberingOf(text)
  if (!own || own.kind !== child.kind) return true
  return own.numbers.length < child.numbers.length && own.numbers.every((number, index) => child.numbers[index] === number)
}

type RootContent = 'content' | 'placeholders' | undefined

/**
 * What each root-level node holds: real content, only placeholders, or
 * nothing (whitespace, punctuation, comments, breaks). One pass over the
 * prose blocks and placeholders, both in document order.
 */
function rootContent(view: PlaceholderView): RootContent[] {
  const result: RootContent[] = []
  for (const index of view.prose.contentOutsideProse) result[index] = 'content'
  const {placeholders} = view
  let next = 0
  for (const block of view.prose.blocks) {
    if (result[block.rootIndex] === 'content') continue
    const {text, offset} = block
    const end = offset + text.length
    let cursor = offset
    let found = false
    while (cursor < end) {
      while (next < placeholders.length && placeholders[next]!.end <= cursor) next++
      const placeholder = placeholders[next]
      if (placeholder && placeholder.start <= cursor) {
        found = true
        cursor = placeholder.end
        continue
      }
      const stop = placeholder && placeholder.start < end ? placeholder.start : end
      if (hasContent(text, cursor - offset, stop - offset)) {
        result[block.rootIndex] = 'content'
        break
      }
      cursor = stop
    }
    if (found && result[block.rootIndex] === undefined) result[block.rootIndex] = 'placeholders'
  }
  return result
}

const letterOrNumber = /[\p{L}\p{N}]/u

/** Letters, digits or opaque content (code, images, escapes) between two offsets. */
function hasContent(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const character = text.charAt(index)
    if (character === atomMark) return true
    const code = character.charCodeAt(0)
    if (code < 0x80) {
      if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true
    } else if (letterOrNumber.test(character)) {
      return true
    }
  }
  return false
}

