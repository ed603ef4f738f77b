import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {bracketGroups, codeOrNotation, type Group} from '../markdown/brackets.js'
import {choiceKey, unresolvedChoicesIn, type UnresolvedChoice} from '../markdown/choices.js'
import {atomMark, readProse, syntaxMark, type Prose} from '../markdown/prose.js'
import {textUnits} from '../markdown/text-units.js'
import {wordOverlap} from '../support/text.js'
import {placeholderTextKey} from '../template/placeholder-facts.js'
import type {Template} from '../template/template.js'
import {perTree} from './per-tree.js'

/**
 * Placeholder detection, shared by `no-placeholders`, `no-empty-sections`
 * and `risk-table-columns`: bracketed text that is not Markdown syntax,
 * template link text kept as link text, unresolved template choices,
 * marker words, and generic shapes (`YYYY-MM-DD`, `X days`).
 */

export type PlaceholderKind = 'bracket' | 'question' | 'link-text' | 'choice' | 'marker' | 'date' | 'duration' | 'code-residue'

export interface Placeholder {
  kind: PlaceholderKind
  /** Offsets in the document. */
  start: number
  end: number
  /** As written in the source. */
  value: string
  /**
   * For a choice: its alternatives, as written; for a question: the marker and
   * the question; for code residue: every residue line of its code block.
   */
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
  /**
   * Template text left in code blocks (`# [REMOVE IF UNUSED] Option 1: …`), kind
   * `code-residue`: the template’s `placeholders.inCode`. One per code block, on
   * its first such line: the options not chosen are one thing to remove.
   */
  residue: Placeholder[]
  /** Tables whose rows hold nothing but placeholders: a sample left in place, one finding each. */
  sampleTables: SampleTable[]
}

export interface SampleTable {
  /** Offsets of the table in the document. */
  start: number
  end: number
  /** The placeholders of its rows, in order (at least two). */
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
  const markers = [...markerExpressions(settings.markers), ...markerExpressions(templateMarkers(template))]
  const questionMarkers = [...settings.markers, ...template.placeholders.markers]
  const vocabulary = template.choiceVocabulary
  const texts = template.placeholderTexts
  // A reference to a section of the document by its heading: `see [Rollout plan] below`.
  const headings = new Set<string>()
  visit(tree, 'heading', (node) => {
    headings.add(sectionKey(toString(node)))
  })
  const references = referenceLabels(tree, template)

  for (const block of prose.blocks) {
    const {text, offset, rootIndex} = block
    const add = (kind: PlaceholderKind, start: number, end: number, alternatives: string[] = []): void => {
      found.push({kind, start: offset + start, end: offset + end, value: source.slice(offset + start, offset + end), alternatives, rootIndex})
    }

    const labels = taskLabels(text, template)
    // Code blocks (read with `code: true`) are code throughout: their brackets are what the option asks for.
    const isNotation = text.includes('[') && block.node.type !== 'code' ? codeOrNotation(block) : undefined
    // Where a sentence names a marker in brackets: not the marker itself.
    const named: Group[] = []
    for (const group of bracketGroups(block, source)) {
      const inner = text.slice(group.start + 1, group.end - 1)
      const trimmed = inner.trim()
      // Task labels, code and notation, unless the template writes the same text as a placeholder.
      if ((labels > group.start || isNotation?.(group) || headings.has(sectionKey(inner))) && !texts.has(placeholderTextKey(inner.replaceAll(syntaxMark, '')))) continue
      const choice = unresolvedChoicesIn(inner, vocabulary)[0]
      if (choice && inner.slice(0, choice.start).trim() === '' && inner.slice(choice.end).trim() === '') {
        add('choice', group.start, group.end, choice.alternatives)
      } else if (isMarker(trimmed, questionMarkers)) {
        // A bare marker in brackets: `[NEEDS CLARIFICATION]`, `[TBD]`; not one a sentence names (`no [TBD] markers remain`).
        if (namesMarker(text, group.start, group.end)) named.push(group)
        else add('marker', group.start, group.end)
      } else if (questionOf(trimmed, questionMarkers)) {
        add('question', group.start, group.end, questionOf(trimmed, questionMarkers))
      } else if (prompt.test(trimmed)) {
        continue
      } else if (wholeDate.test(trimmed)) {
        add('date', group.start, group.end)
      } else if (wholeDuration.test(trimmed)) {
        add('duration', group.start, group.end)
      } else if (!references.dangling(inner.replaceAll(syntaxMark, ''))) {
        add('bracket', group.start, group.end)
      }
    }

    for (const choice of unresolvedChoicesIn(text, vocabulary)) {
      // Where a value goes (`Impact: Low/Med/High`), not a set named in a sentence (`four tiers (low/high/urgent)`).
      if (standsAsValue(text, choice.start, choice.end, choiceOpeners)) add('choice', choice.start, choice.end, choice.alternatives)
    }

    for (const expression of markers) {
      expression.lastIndex = 0
      for (const match of text.matchAll(expression)) {
        const end = match.index + match[0].length
        if (!named.some((group) => group.start < match.index && end < group.end) && markerStandsAlone(text, match.index, end)) add('marker', match.index, end)
      }
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

  for (const {node, rootIndex} of prose.links) {
    const start = node.position?.start.offset
    const textEnd = node.children.at(-1)?.position?.end.offset
    if (start === undefined || textEnd === undefined || source.charCodeAt(textEnd) !== 0x5d) continue
    if (!texts.has(placeholderTextKey(toString(node)))) continue
    found.push({kind: 'link-text', start, end: textEnd + 1, value: source.slice(start, textEnd + 1), alternatives: [], rootIndex})
  }

  // Outermost first; a marker inside a bracketed placeholder is one finding.
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept = keptRanges(tree, source, template)
  const placeholders: Placeholder[] = []
  let reached = -1
  for (const placeholder of found) {
    if (placeholder.start < reached || inRanges(kept, placeholder.start)) continue
    reached = placeholder.end
    if (!isAllowed(placeholder.value, settings.allow) && !isAllowed(placeholder.value, template.placeholders.allow)) {
      placeholders.push(placeholder)
    }
  }
  return {prose, placeholders, residue: codeResidue(tree, source, template), sampleTables: sampleTables(tree, source, placeholders)}
}

/**
 * Tables whose body rows hold only placeholders (every cell empty or nothing
 * but placeholders, two placeholders at least): a sample table kept as the
 * template gives it, such as `| [e.g., 4th project] | [current need] | … |`.
 */
function sampleTables(tree: Root, source: string, placeholders: Placeholder[]): SampleTable[] {
  const tables: SampleTable[] = []
  if (placeholders.length < 2) return tables
  // Tables and cells come in document order, as placeholders do: one pass.
  let next = 0
  visit(tree, 'table', (table) => {
    const start = table.position?.start.offset
    const end = table.position?.end.offset
    if (start === undefined || end === undefined || table.children.length < 2) return
    const rows: Placeholder[] = []
    let sample = true
    for (const row of table.children.slice(1)) {
      for (const cell of row.children) {
        const from = cell.position?.start.offset
        const to = cell.position?.end.offset
        if (from === undefined || to === undefined) return
        while (next < placeholders.length && placeholders[next]!.start < from) next++
        let cursor = from
        while (next < placeholders.length && placeholders[next]!.end <= to) {
          const placeholder = placeholders[next++]!
          if (letterOrNumber.test(source.slice(cursor, placeholder.start))) sample = false
          cursor = placeholder.end
          rows.push(placeholder)
        }
        if (letterOrNumber.test(source.slice(cursor, to))) sample = false
      }
    }
    if (sample && rows.length >= 2) tables.push({start, end, placeholders: rows})
  })
  return tables
}

/**
 * Where the labels after a task id end (`T012 [P] [Setup] Create …`): the
 * bracketed single words right after the id of the template’s task format
 * are labels, not placeholders.
 * @returns an offset in `text`, or 0
 */
function taskLabels(text: string, template: Template): number {
  const id = taskIdExpression(template)
  const found = id?.exec(text)
  if (!found) return 0
  const label = new RegExp('[ \\t' + syntaxMark + ']*\\[[^\\]\\s]+\\]', 'y')
  label.lastIndex = found[0].length
  let end = label.lastIndex
  while (label.exec(text)) end = label.lastIndex
  return end
}

const taskIds = new WeakMap<Template, RegExp | undefined>()

/** The template’s task id at the start of a block (`T012`), once per template. */
function taskIdExpression(template: Template): RegExp | undefined {
  if (!taskIds.has(template)) {
    const source = template.tasks?.id.source
    const expression = source === undefined ? undefined : new RegExp('^[\\s' + syntaxMark + ']*(?:' + source + ')(?![\\p{L}\\p{N}_-])[' + syntaxMark + ']*', 'u')
    taskIds.set(template, expression)
  }
  return taskIds.get(template)
}

interface ReferenceLabels {
  /** Whether bracketed text is a reference link whose definition is missing, not a placeholder. */
  dangling: (inner: string) => boolean
}

/**
 * Reference links whose definition the plan lacks: the template’s own link
 * text (a KEP question’s `[existing SLIs/SLOs]`, whose definition the author
 * dropped when copying the question), and a label that nearly matches one
 * the plan defines (`[roadmap setting out that year's vision]` beside the
 * definition `[roadmap laying out that year's vision]: …`).
 */
function referenceLabels(tree: Root, template: Template): ReferenceLabels {
  const own: string[][] = []
  visit(tree, 'definition', (node) => {
    const words = referenceWords(node.label ?? node.identifier)
    if (words.length >= minimumReferenceWords) own.push(words)
  })
  const templateLabels = templateLinkLabels(template)
  return {
    dangling(inner) {
      if (templateLabels.has(placeholderTextKey(inner))) return true
      if (own.length === 0) return false
      const words = referenceWords(inner)
      return words.length >= minimumReferenceWords && own.some((label) => wordOverlap(words, label) >= nearLabel)
    }
  }
}

/** A near label shares this share of the longer label’s words, and has this many words at least: a typo, not a new name. */
const nearLabel = 0.75
const minimumReferenceWords = 3

function referenceWords(label: string): string[] {
  return label.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '')
}

const templateLinkLabelSets = new WeakMap<Template, Set<string>>()

/** Labels of the template’s link reference definitions (`[kubernetes.io]: https://…`), keys from `placeholderTextKey`; once per template. */
function templateLinkLabels(template: Template): Set<string> {
  let labels = templateLinkLabelSets.get(template)
  if (!labels) {
    labels = new Set()
    let fence: string | undefined
    for (const line of template.body.split(/\r\n|\n|\r/)) {
      const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
      if (fenceMark && (fence === undefined || fenceMark.startsWith(fence))) fence = fence === undefined ? fenceMark : undefined
      if (fence !== undefined) continue
      const definition = /^ {0,3}\[([^\]\n]+)\]:[ \t]*\S/.exec(line)
      if (definition && !definition[1]!.startsWith('^')) labels.add(placeholderTextKey(definition[1]!))
    }
    templateLinkLabelSets.set(template, labels)
  }
  return labels
}

/** Source ranges of the lines the template keeps (`placeholders.kept`): sorted, not overlapping. */
function keptRanges(tree: Root, source: string, template: Template): Array<[number, number]> {
  const kept = template.placeholders.kept
  if (kept.size === 0) return []
  return textUnits(tree.children, source)
    .filter((unit) => unit.kind !== 'other' && kept.has(unit.key))
    .map((unit): [number, number] => [unit.start, unit.end])
    .sort((a, b) => a[0] - b[0])
}

function sectionKey(text: string): string {
  return text.replaceAll(syntaxMark, '').replace(/\s+/g, ' ').trim().toLowerCase()
}

function inRanges(ranges: Array<[number, number]>, offset: number): boolean {
  return ranges.some(([start, end]) => start <= offset && offset < end)
}

/**
 * Whether a marker word stands where a value or a note goes, not inside a
 * sentence or a name: alone in its block or cell, after a label (`Owner:
 * TBD`, `→ TBD`), in brackets or parentheses, at the start of a line (`TODO:
 * …`); not `all NEEDS CLARIFICATION resolved`, `TODO.md` or `the TODO list`.
 */
function markerStandsAlone(text: string, start: number, end: number): boolean {
  // Part of a name: `TODO.md`, `TODO-list`, `TBD/owner`.
  if (/^[./_-][\p{L}\p{N}]/u.test(text.slice(end, end + 2))) return false
  if (!standsAsValue(text, start, end, markerOpeners)) return false
  // In parentheses, the parentheses must stand where a value goes (`Owner: (TBD)`), not after a word of a sentence (`a separate notation (TBD) that…`).
  let before = start - 1
  while (before >= 0 && isIgnorable(text.charAt(before))) before--
  if (text.charAt(before) !== '(') return true
  let close = end
  while (close < text.length && isIgnorable(text.charAt(close))) close++
  return text.charAt(close) !== ')' || standsAsValue(text, before, close + 1, choiceOpeners)
}

/** What may come before a value: a line start, a label’s colon, a cell’s pipe, an arrow, brackets. */
const choiceOpeners = '\n\r:|[=→>'
const markerOpeners = choiceOpeners + '({,;—–-'

/**
 * Whether text stands where a value goes: after one of `openers` (spaces and
 * formatting apart) and before the end, punctuation or a bracket, not a word.
 * At the start of a line, anything may follow (`TODO pick a queue`).
 */
function standsAsValue(text: string, start: number, end: number, openers: string): boolean {
  let before = start - 1
  while (before >= 0 && isIgnorable(text.charAt(before))) before--
  const opener = before < 0 ? '\n' : text.charAt(before)
  if (!openers.includes(opener)) return false
  let after = end
  while (after < text.length && isIgnorable(text.charAt(after))) after++
  if (after >= text.length) return true
  const next = text.charAt(after)
  if (next === atomMark) return false
  return opener === '\n' || opener === '\r' || !letterOrNumber.test(next)
}

/** A sentence that names the marker rather than leaves it: `No [NEEDS CLARIFICATION] markers remain`, `(see [TBD])`. */
function namesMarker(text: string, start: number, end: number): boolean {
  return /^[\s\u0002]*(?:markers?|tags?|labels?)\b/i.test(text.slice(end, end + 20)) || /\b(?:no|see|use|any|with)[\s\u0002]*$/i.test(text.slice(Math.max(0, start - 12), start))
}

const letterOrNumber = /[\p{L}\p{N}]/u

/** A marker word alone: `TBD`, `NEEDS CLARIFICATION` (case as the marker list says). */
function isMarker(inner: string, markers: readonly string[]): boolean {
  const normal = inner.replace(/\s+/g, ' ')
  return markers.some((marker) => (marker === marker.toUpperCase() ? normal === marker : normal.toLowerCase() === marker.toLowerCase()))
}

const templateMarkerLists = new WeakMap<Template, string[]>()

/** The template’s own marker words, one array per template (the expressions are cached by array). */
function templateMarkers(template: Template): string[] {
  let markers = templateMarkerLists.get(template)
  if (!markers) {
    markers = template.placeholders.markers
    templateMarkerLists.set(template, markers)
  }
  return markers
}

/**
 * `[NEEDS CLARIFICATION: auth method?]`: a marker word, a colon and the
 * question the author has to answer.
 * @returns the marker and the question, or `undefined`
 */
function questionOf(inner: string, markers: readonly string[]): [string, string] | undefined {
  for (const marker of markers) {
    if (inner.length <= marker.length || inner.slice(0, marker.length).toUpperCase() !== marker.toUpperCase()) continue
    const rest = inner.slice(marker.length)
    const colon = /^\s*:\s*/.exec(rest)
    if (!colon) continue
    const question = rest.slice(colon[0].length).replace(/\s+/g, ' ').trim()
    if (question !== '') return [inner.slice(0, marker.length), question]
  }
  return undefined
}

/** First line of each code block that holds template text the template says must go (`placeholders.inCode`). */
function codeResidue(tree: Root, source: string, template: Template): Placeholder[] {
  const patterns = template.placeholders.inCode
  if (patterns.length === 0) return []
  const found: Placeholder[] = []
  tree.children.forEach((child, rootIndex) => {
    visit(child, 'code', (node) => {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined) return
      let first: Placeholder | undefined
      // Lines end at `\n`, `\r\n` or a lone `\r`.
      for (const match of source.slice(start, end).matchAll(/[^\r\n]*(?:\r\n|\n|\r)?/g)) {
        const text = match[0].replace(/[\r\n]+$/, '')
        if (text === '' || !patterns.some((pattern) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)))) continue
        const indent = text.length - text.trimStart().length
        const value = text.trim()
        const at = start + match.index + indent
        if (first) first.alternatives.push(value)
        else found.push((first = {kind: 'code-residue', start: at, end: at + value.length, value, alternatives: [value], rootIndex}))
      }
    })
  })
  return found
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
  // `-` is escaped as `\x2d`: `\-` is an error outside a class under the `u` flag (a marker `TBD - later` crashed).
  return value.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&').replaceAll('-', '\\x2d')
}

export {choiceKey}
export type {UnresolvedChoice}
