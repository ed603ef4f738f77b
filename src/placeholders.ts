import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {choiceKey, choiceVocabularyOf, unresolvedChoicesIn, type UnresolvedChoice} from './choices.js'
import {atomMark, readProse, syntaxMark, type Prose, type ProseBlock} from './prose.js'
import type {Template} from './template.js'
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

export interface TemplatePlaceholderFacts {
  /** Alternatives of the template’s closed choices, keys from `choiceKey`. */
  choiceVocabulary: ReadonlySet<string>
  /** Text of the template’s bracketed placeholders, keys from `placeholderTextKey`. */
  placeholderTexts: ReadonlySet<string>
}

/** What a template’s own prose says about placeholders (for `src/template.ts`). */
export function templatePlaceholderFacts(tree: Root, source: string): TemplatePlaceholderFacts {
  const prose = readProse(tree, source, false)
  const placeholderTexts = new Set<string>()
  for (const block of prose.blocks) {
    for (const group of bracketGroups(block, source)) {
      const inner = block.text.slice(group.start + 1, group.end - 1).replaceAll(syntaxMark, '').replaceAll(atomMark, '')
      const key = placeholderTextKey(inner)
      if (key !== '') placeholderTexts.add(key)
    }
  }
  return {choiceVocabulary: choiceVocabularyOf(prose.blocks.map((block) => block.text)), placeholderTexts}
}

/** How bracketed text and link text are compared: lower case, single spaces. */
export function placeholderTextKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim()
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

interface Group {
  /** Offsets in the block text: `[` and after `]`. */
  start: number
  end: number
}

/**
 * Outermost balanced `[…]` groups of a block that are placeholders, not
 * syntax or code: not `list[Dish]`, `items[0]`, `[^note]`, `[[wiki]]`,
 * `[a][b]`, citations such as `[1]`, or a checkbox at the start of a line
 * (`checklist-format` reports those).
 */
function bracketGroups(block: ProseBlock, source: string): Group[] {
  const {text, offset} = block
  if (!text.includes('[')) return []
  const inCode = block.node.type === 'code'
  const open: number[] = []
  const groups: Group[] = []
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x5b) {
      open.push(index)
    } else if (code === 0x5d) {
      const start = open.pop()
      if (start === undefined) continue
      while (groups.length > 0 && groups.at(-1)!.start > start) groups.pop()
      groups.push({start, end: index + 1})
    } else if ((code === 0x0a || code === 0x0d) && inCode) {
      open.length = 0
    }
  }
  if (groups.length === 0) return groups
  const quotes = quotedSpans(text)
  return groups.filter((group) => isPlaceholderGroup(text, group, source, offset) && !isQuoted(text, group, quotes))
}

/**
 * Spans of `"…"` and `“…”` on one line: quoted text (a prompt, a message, a
 * UI string) that the plan describes, brackets included.
 */
function quotedSpans(text: string): Group[] {
  const spans: Group[] = []
  let open = -1
  let curly = -1
  for (let index = 0; index < text.length; index++) {
    const character = text.charAt(index)
    if (character === '\n' || character === '\r') {
      open = -1
      curly = -1
    } else if (character === '"') {
      if (open === -1) open = index
      else {
        spans.push({start: open, end: index + 1})
        open = -1
      }
    } else if (character === '\u201c') {
      curly = index
    } else if (character === '\u201d' && curly !== -1) {
      spans.push({start: curly, end: index + 1})
      curly = -1
    }
  }
  return spans.sort((a, b) => a.start - b.start)
}

/** Inside quoted text with more than the placeholder in the quotes (`"Continue? [Y/n]"`, not `"[Name]"`). */
function isQuoted(text: string, group: Group, spans: Group[]): boolean {
  let low = 0
  let high = spans.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (spans[middle]!.start < group.start) low = middle
    else high = middle - 1
  }
  const span = spans[low]
  if (!span || span.start >= group.start || span.end <= group.end) return false
  const rest = text.slice(span.start + 1, group.start) + text.slice(group.end, span.end - 1)
  return letterOrNumber.test(rest)
}

const letterOrNumber = /[\p{L}\p{N}]/u
const identifierEnd = /[\p{L}\p{N}_`)\]!]/u
const citation = /^[\s\d.,;:–—-]+$/
// Not `\s*[xXvV]?\s*`: two adjacent `\s*` backtrack quadratically on a long run of spaces.
const checkbox = /^\s*(?:[xXvV]\s*)?$/
const alert = /^![A-Za-z]+$/
/** A command-line prompt’s answers: `[Y/n]`, `[y/N/q]`. */
const prompt = /^[A-Za-z](?:\/[A-Za-z])+$/

function isPlaceholderGroup(text: string, group: Group, source: string, offset: number): boolean {
  const inner = text.slice(group.start + 1, group.end - 1)
  if (!letterOrNumber.test(inner)) return false
  // `[^note]` is a footnote, `[!NOTE]` a GitHub alert, `[1]` a citation.
  if (inner.startsWith('^') || alert.test(inner) || citation.test(inner)) return false
  if (inner.startsWith('[') && inner.endsWith(']')) return false
  const before = source.charAt(offset + group.start - 1)
  if (group.start + offset > 0 && identifierEnd.test(before)) return false
  if (source.charAt(offset + group.end) === '[') return false
  if (checkbox.test(inner) && atLineStart(text, group.start)) return false
  return true
}

/** Whether only list markers, quote marks, spaces or syntax come before `index` on its line. */
function atLineStart(text: string, index: number): boolean {
  let cursor = index - 1
  while (cursor >= 0) {
    const character = text.charAt(cursor)
    if (character === '\n' || character === '\r') return true
    if (!' \t-*+>'.includes(character) && character !== syntaxMark) return false
    cursor--
  }
  return true
}

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
