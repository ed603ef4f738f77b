/**
 * How heading text is compared between a template and a plan: case, spacing,
 * `&`/`and`, leading numbering (`1.`, `2.3`) and trailing annotations such as
 * `(Optional)` or `(REVISED)` do not matter.
 */

const numbering = /^(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+/
const trailingAnnotation = /\s*\([^()]*\)\s*$/
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
  let result = stripNumbering(text.replace(/\s+/g, ' '))
  // Annotations only ever end a heading; loop for `Foo (a) (b)`.
  let previous
  do {
    previous = result
    result = result.replace(trailingAnnotation, '')
  } while (result !== previous && result !== '')
  return (result || previous).trim()
}

/** Comparison key: lower case, single spaces, `&` as `and`, no trailing colon. */
export function headingKey(text: string): string {
  return displayText(text)
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    .replace(/\s+/g, ' ')
    .replace(/\s*:$/, '')
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
  const label =
    textPrefix + (isNumber ? 'N' : '[…]') + punctuation + (hasMore ? ' …' : '')
  return {test, repeated: true, label}
}

/** Title pattern from a template H1: bracketed parts are wildcards. */
export function titlePattern(templateTitle: string): (key: string) => boolean {
  const key = headingKey(templateTitle)
  const parts = key.split(/\[[^\]]*\]/)
  const source = parts.map((part) => escapeRegExp(part)).join('.+')
  const expression = new RegExp('^' + source + '$')
  return (candidate) => expression.test(candidate)
}

function escapeRegExp(value: string): string {
  return value.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&')
}
