import {distance} from 'fastest-levenshtein'

/**
 * How heading text is compared between a template and a plan: case, spacing,
 * `&`/`and`, leading numbering (`1.`, `2.3`) and trailing annotations such as
 * `(Optional)` or `(REVISED)` do not matter.
 */

const numbering = /^(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+/
const optionalAnnotation = /\(\s*optional\s*\)\s*$/i

/** Text of a heading as written, without its leading numbering. */
export function stripNumbering(text: string): string {
  return text.trim().replace(numbering, '')
}

/** The leading numbering of a heading (`1. `), or an empty string. */
export function leadingNumbering(text: string): string {
  return numbering.exec(text.trim())?.[0] ?? ''
}

/** Whether a template heading carries the `(Optional)` marker. */
export function isMarkedOptional(text: string): boolean {
  return optionalAnnotation.test(text.trim())
}

/** Heading text without numbering and without trailing annotations. */
export function displayText(text: string): string {
  return withoutTrailingAnnotations(stripNumbering(text.replace(/\s+/g, ' '))).trim()
}

/**
 * Text without the `(…)` annotations that end it (`Foo (a) (b)` → `Foo`),
 * unless nothing would be left. Scanned from the end, in linear time (a
 * regular expression removed one per pass: quadratic on many annotations).
 */
function withoutTrailingAnnotations(text: string): string {
  let end = text.length
  for (;;) {
    let close = end
    while (close > 0 && isSpace(text.charCodeAt(close - 1))) close--
    if (text.charCodeAt(close - 1) !== 0x29 /* ) */) return text.slice(0, end)
    let open = close - 2
    while (open >= 0 && text.charCodeAt(open) !== 0x28 /* ( */ && text.charCodeAt(open) !== 0x29) open--
    if (open < 0 || text.charCodeAt(open) !== 0x28) return text.slice(0, end)
    let start = open
    while (start > 0 && isSpace(text.charCodeAt(start - 1))) start--
    // Keep an annotation that is the whole text.
    if (start === 0) return text.slice(0, end)
    end = start
  }
}

const leadingEmoji = /^(?:\p{Extended_Pictographic}[\uFE0F\u200D]*)+ */u

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0x0b
}

/** Comparison key: lower case, single spaces, `&` as `and`, no trailing colon, no leading emoji (`📋 Overview`). */
export function headingKey(text: string): string {
  return displayText(text)
    .replace(leadingEmoji, '')
    .toLowerCase()
    // Spaces are single already (`displayText`): `\s*` here would backtrack on long runs.
    .replace(/ ?& ?/g, ' and ')
    .replace(/\s+/g, ' ')
    .replace(/ ?:$/, '')
    .trim()
}

const variablePart = /\[[^\]]*\]|\d+/

export interface HeadingPattern {
  /** Matches the key of a plan heading. */
  test: (key: string) => boolean
  /** Whether this heading stands for one or more author-named sections. */
  repeated: boolean
  /** How to name it in messages: `Phase N: …`, `Entity: […]`. */
  label: string
}

/**
 * Turn a template heading into a pattern. Bracketed parts are wildcards; a
 * number or a bracketed name makes the heading a group (`Phase 1: …`,
 * `Entity: [Name]`): everything after the first variable part is free.
 */
export function headingPattern(templateText: string): HeadingPattern {
  const text = displayText(templateText)
  const key = headingKey(text)
  const keyMatch = variablePart.exec(key)
  if (!keyMatch) {
    return {test: (candidate) => candidate === key, repeated: false, label: text}
  }

  const prefix = key.slice(0, keyMatch.index)
  const isNumber = !keyMatch[0].startsWith('[')
  const tailPattern = isNumber ? /^\d+/ : /^.+/
  const test = (candidate: string): boolean =>
    candidate.startsWith(prefix) && tailPattern.test(candidate.slice(prefix.length))

  const textMatch = variablePart.exec(text)
  const textPrefix = textMatch ? text.slice(0, textMatch.index) : text
  const rest = textMatch ? text.slice(textMatch.index + textMatch[0].length) : ''
  const punctuation = /^\s*[:\-–—.]/.exec(rest)?.[0].trim() ?? ''
  const hasMore = rest.replace(/^\s*[:\-–—.]?\s*/, '') !== ''
  // A dash keeps its space before it as written (`User Story N - …`); a colon or a dot does not (`Phase N: …`).
  const separator = /^[-–—]$/.test(punctuation) ? ' ' + punctuation : punctuation
  const label = textPrefix + (isNumber ? 'N' : '[…]') + separator + (hasMore ? ' …' : '')
  return {test, repeated: true, label}
}

/**
 * The pattern of another name of a section (front matter `alternatives`).
 * Its bracketed parts are wildcards of one character or more wherever they
 * are, and the words around them must be there: `[…] questions` is any
 * heading that ends in `questions`, `Motivation[…]` any that starts with
 * `Motivation`. One whose first variable part is a number stands for a
 * group, as in a template heading (`要件 1: [Title]`).
 */
export function alternativePattern(text: string, sectionKey?: string): HeadingPattern {
  const pattern = headingPattern(text)
  const first = variablePart.exec(headingKey(text))
  if (!first?.[0].startsWith('[')) return pattern
  const test = titlePattern(text)
  // A typo of the section’s own name (`Unesolved questions`) is a near miss to report, not another name.
  return {...pattern, test: (key) => test(key) && (sectionKey === undefined || !isNearMiss(sectionKey, key))}
}

/** Share of a heading’s characters that may differ in a near miss (a typo) of a section’s name. */
export const nearMissShare = 0.2

/** Whether `other` is a near miss of `key`: different, by at most `nearMissShare` of the longer one’s characters. */
export function isNearMiss(key: string, other: string): boolean {
  const limit = Math.floor(Math.max(key.length, other.length) * nearMissShare)
  if (limit < 1 || Math.abs(key.length - other.length) > limit) return false
  const value = distance(key, other)
  return value >= 1 && value <= limit
}

/**
 * Title pattern from a template H1: bracketed parts are wildcards (one
 * character or more). Matched by placing each literal part as early as it
 * fits, not with a regular expression: `^a.+b.+c$` backtracks polynomially
 * on long titles.
 */
export function titlePattern(templateTitle: string): (key: string) => boolean {
  const key = headingKey(templateTitle)
  const parts = key.split(/\[[^\]]*\]/)
  if (parts.length === 1) return (candidate) => candidate === key
  const first = parts[0]!
  const last = parts.at(-1)!
  const middle = parts.slice(1, -1)
  return (candidate) => {
    if (!candidate.startsWith(first) || !candidate.endsWith(last)) return false
    let position = first.length
    for (const part of middle) {
      const found = candidate.indexOf(part, position + 1)
      if (found === -1) return false
      position = found + part.length
    }
    return candidate.length - last.length > position
  }
}

/**
 * Words that name the same thing in a section heading (`External Tools` for
 * `External Services`), each mapped to the first of its group. Common
 * English only: what one template calls a section in its other versions is
 * its `alternatives` front matter.
 */
const synonymGroups: string[][] = [
  ['services', 'tools'],
  ['considerations', 'concerns'],
  ['testing', 'tests'],
  ['decisions', 'choices'],
  ['summary', 'overview'],
  ['requirements', 'needs']
]
const synonymOf = new Map(synonymGroups.flatMap((group) => group.map((word) => [word, group[0]!] as const)))

/** A heading key with every word in its synonym group’s first word. */
export function synonymKey(key: string): string {
  return key
    .split(' ')
    .map((word) => synonymOf.get(word) ?? word)
    .join(' ')
}

/** The parts a combined heading names (`Dependencies & Assumptions`, `Risks / Mitigations`), as synonym keys. */
export function headingParts(key: string): string[] {
  return key
    .split(/ and | \/ |\/|, /)
    .map((part) => synonymKey(part.trim()))
    .filter((part) => part !== '')
}

/** What may follow a section name in a heading that narrows it (`Testing Strategy for Export`, `Risks: Data`). */
const qualifier = /^(?::| -| –| —| for | of | in | on )/

/**
 * How a plan heading stands for a template heading it does not spell out:
 * `synonym` (a word in another word of the same meaning), `qualified` (the
 * name with a qualifier after it), `combined` (one of the parts of `A & B`),
 * `part` (one part of a combined name: `User Scenarios` for `User Scenarios
 * & Testing`). `undefined` when it does not.
 */
export type LooseMatch = 'synonym' | 'qualified' | 'combined' | 'part'

export function looseMatch(templateKey: string, planKey: string): LooseMatch | undefined {
  if (planKey === templateKey) return undefined
  const template = synonymKey(templateKey)
  const plan = synonymKey(planKey)
  if (plan === template) return 'synonym'
  if (plan.startsWith(template) && qualifier.test(plan.slice(template.length))) return 'qualified'
  const templateParts = headingParts(templateKey)
  const planParts = headingParts(planKey)
  if (planParts.length > templateParts.length && templateParts.every((part) => planParts.includes(part))) return 'combined'
  if (templateParts.length > 1 && planParts.length === 1 && templateParts.includes(planParts[0]!)) return 'part'
  return undefined
}
