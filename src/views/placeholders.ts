import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {bracketGroups} from '../markdown/brackets.js'
import {choiceKey, unresolvedChoicesIn, type UnresolvedChoice} from '../markdown/choices.js'
import {readProse, syntaxMark, type Prose} from '../markdown/prose.js'
import {placeholderTextKey} from '../template/placeholder-facts.js'
import type {Template} from '../template/template.js'
import {perTree} from './per-tree.js'

/**
 * Placeholder detection, shared by `no-placeholders`, `no-empty-sections`
 * and `risk-table-columns`: bracketed text that is not Markdown syntax,
 * template link text kept as link text, unresolved template choices,
 * marker words, and generic shapes (`YYYY-MM-DD`, `X days`).
 */

export type PlaceholderKind = 'bracket' | 'link-text' | 'choice' | 'marker' | 'date' | 'duration'

export interface Placeholder {
  kind: PlaceholderKind
  /** Offsets in the document. */
  start: number
  end: number
  /** As written in the source. */
  value: string
  /** For a choice: its alternatives, as written. */
  alternatives: string[]
  /** Index in `tree.children` of the root-level node that holds it. */
  rootIndex: number
}

export interface PlaceholderSettings {
  /** Words that mark missing text (`TBD`); all upper case: matched case-sensitively. */
  markers: readonly string[]
  /** Findings whose text equals a string or matches a regular expression are fine. */
  allow: ReadonlyArray<string | RegExp>
  /** Read inline code and code blocks too. */
  code: boolean
}

export const defaultMarkers: readonly string[] = ['TBD', 'TODO', 'FIXME', 'NEEDS CLARIFICATION']

/** Detection as `no-placeholders` does it without options. */
export const defaultPlaceholderSettings: PlaceholderSettings = {markers: defaultMarkers, allow: [], code: false}

export interface PlaceholderView {
  prose: Prose
  /** In document order, none overlapping. */
  placeholders: Placeholder[]
}

/**
 * Unresolved choices in a piece of text (a table cell, a list field): runs
 * of two or more alternatives joined by `/` or `|` of which at least two are
 * alternatives of a choice the template offers (`Low/Med/High`).
 * @returns offsets in `text`
 */
export function findUnresolvedChoices(text: string, template: Template): UnresolvedChoice[] {
  return unresolvedChoicesIn(text, template.choiceVocabulary)
}

/** Whether a placeholder (sorted, none overlapping) overlaps `start`–`end`. */
export function overlapsAny(placeholders: Placeholder[], start: number, end: number): boolean {
  let low = 0
  let high = placeholders.length
  // First placeholder that ends after `start`.
  while (low < high) {
    const middle = (low + high) >> 1
    if (placeholders[middle]!.end <= start) low = middle + 1
    else high = middle
  }
  const candidate = placeholders[low]
  return candidate !== undefined && candidate.start < end
}

// Per tree, one view per settings object (rules may read with different settings).
const viewsOf = perTree((): Map<PlaceholderSettings, PlaceholderView> => new Map())

/**
 * The placeholders of a plan, computed once per tree and settings object.
 * @param source the document (`file.value`), which positions point into
 */
export function placeholdersOf(
  tree: Root,
  source: string,
  template: Template,
  settings: PlaceholderSettings = defaultPlaceholderSettings
): PlaceholderView {
  const bySettings = viewsOf(tree)
  let view = bySettings.get(settings)
  if (!view) {
    view = findPlaceholders(tree, source, template, settings)
    bySettings.set(settings, view)
  }
  return view
}

function findPlaceholders(tree: Root, source: string, template: Template, settings: PlaceholderSettings): PlaceholderView {
  const prose = readProse(tree, source, settings.code)
  const found: Placeholder[] = []
  const markers = markerExpressions(settings.markers)
  const vocabulary = template.choiceVocabulary

  for (const block of prose.blocks) {
    const {text, offset, rootIndex} = block
    const add = (kind: PlaceholderKind, start: number, end: number, alternatives: string[] = []): void => {
      found.push({kind, start: offset + start, end: offset + end, value: source.slice(offset + start, offset + end), alternatives, rootIndex})
    }

    for (const group of bracketGroups(block, source)) {
      const inner = text.slice(group.start + 1, group.end - 1)
      const trimmed = inner.trim()
      const choice = unresolvedChoicesIn(inner, vocabulary)[0]
      if (choice && inner.slice(0, choice.start).trim() === '' && inner.slice(choice.end).trim() === '') {
        add('choice', group.start, group.end, choice.alternatives)
      } else if (prompt.test(trimmed)) {
        continue
      } else if (wholeDate.test(trimmed)) {
        add('date', group.start, group.end)
      } else if (wholeDuration.test(trimmed)) {
        add('duration', group.start, group.end)
      } else {
        add('bracket', group.start, group.end)
      }
    }

    for (const choice of unresolvedChoicesIn(text, vocabulary)) add('choice', choice.start, choice.end, choice.alternatives)

    for (const expression of markers) {
      expression.lastIndex = 0
      for (const match of text.matchAll(expression)) add('marker', match.index, match.index + match[0].length)
    }

    for (const [kind, expression, needle] of shapes) {
      if (!text.includes(needle)) continue
      expression.lastIndex = 0
      for (const match of text.matchAll(expression)) {
        const start = match.index
        const end = start + match[0].length
        if (standsAlone(text, start, end, kind)) add(kind, start, end)
      }
    }
  }

  const texts = template.placeholderTexts
  for (const {node, rootIndex} of prose.links) {
    const start = node.position?.start.offset
    const textEnd = node.children.at(-1)?.position?.end.offset
    if (start === undefined || textEnd === undefined || source.charCodeAt(textEnd) !== 0x5d) continue
    if (!texts.has(placeholderTextKey(toString(node)))) continue
    found.push({kind: 'link-text', start, end: textEnd + 1, value: source.slice(start, textEnd + 1), alternatives: [], rootIndex})
  }

  // Outermost first; a marker inside a bracketed placeholder is one finding.
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const placeholders: Placeholder[] = []
  let reached = -1
  for (const placeholder of found) {
    if (placeholder.start < reached) continue
    reached = placeholder.end
    if (!isAllowed(placeholder.value, settings.allow)) placeholders.push(placeholder)
  }
  return {prose, placeholders}
}

function isAllowed(value: string, allow: ReadonlyArray<string | RegExp>): boolean {
  if (allow.length === 0) return false
  const normal = value.replace(/\s+/g, ' ')
  return allow.some((item) => {
    if (typeof item === 'string') return item === value || item === normal
    item.lastIndex = 0
    return item.test(value)
  })
}

/** A command-line prompt’s answers: `[Y/n]`, `[y/N/q]`. */
const prompt = /^[A-Za-z](?:\/[A-Za-z])+$/

const boundaryBefore = '(?<![\\p{L}\\p{N}_])'
const boundaryAfter = '(?![\\p{L}\\p{N}_])'
const dateShape = 'YYYY[-/.]MM(?:[-/.]DD)?|DD[-/.]MM[-/.]YYYY|MM[-/.]DD[-/.]YYYY'
const durationShape = 'X(?:[-–]Y)?[ \\t]?(?:minutes?|hours?|days?|weeks?|months?|sprints?)(?:/(?:hours?|days?|weeks?|months?))?'
const wholeDate = new RegExp('^(?:' + dateShape + ')$', 'u')
const wholeDuration = new RegExp('^(?:' + durationShape + ')$', 'u')

/** Each shape with text every match holds, to skip the expression on most blocks. */
const shapes: Array<[PlaceholderKind, RegExp, string]> = [
  ['date', new RegExp(boundaryBefore + '(?:' + dateShape + ')' + boundaryAfter, 'gu'), 'YYYY'],
  ['duration', new RegExp(boundaryBefore + '(?:' + durationShape + ')' + boundaryAfter, 'gu'), 'X']
]

/**
 * Whether a shape stands where a value goes (after a label, alone in a cell,
 * an estimate in parentheses) rather than in a sentence about it:
 * `Created: YYYY-MM-DD`, `Setup (X days)`, not `dates are stored as
 * YYYY-MM-DD strings` or the format hint `Date (YYYY-MM-DD)`.
 */
function standsAlone(text: string, start: number, end: number, kind: PlaceholderKind): boolean {
  let before = start - 1
  while (before >= 0 && isIgnorable(text.charAt(before))) before--
  // Line endings: `\n`, `\r\n` or a lone `\r`.
  const openers = kind === 'duration' ? '\n\r:|([=-–—~≈' : '\n\r:|[=-–—~≈'
  if (before >= 0 && !openers.includes(text.charAt(before))) return false
  let after = end
  while (after < text.length && isIgnorable(text.charAt(after))) after++
  return after >= text.length || '\n\r,;.)]|('.includes(text.charAt(after))
}

function isIgnorable(character: string): boolean {
  return character === ' ' || character === '\t' || character === syntaxMark
}

const markerCache = new WeakMap<readonly string[], RegExp[]>()

/** Whole-word expressions for the markers: upper-case ones case-sensitive, the rest not. */
function markerExpressions(markers: readonly string[]): RegExp[] {
  let expressions = markerCache.get(markers)
  if (expressions) return expressions
  const exact: string[] = []
  const loose: string[] = []
  for (const marker of markers) {
    const words = marker.trim().split(/\s+/).filter((word) => word !== '')
    if (words.length === 0) continue
    const source = words.map((word) => escapeRegExp(word)).join('\\s+')
    if (marker === marker.toUpperCase() && marker !== marker.toLowerCase()) exact.push(source)
    else loose.push(source)
  }
  expressions = []
  if (exact.length > 0) expressions.push(new RegExp(boundaryBefore + '(?:' + exact.join('|') + ')' + boundaryAfter, 'gu'))
  if (loose.length > 0) expressions.push(new RegExp(boundaryBefore + '(?:' + loose.join('|') + ')' + boundaryAfter, 'giu'))
  markerCache.set(markers, expressions)
  return expressions
}

function escapeRegExp(value: string): string {
  return value.replace(/[|\\{}()[\]^$+*?.-]/g, '\\$&')
}

export {choiceKey}
export type {UnresolvedChoice}
