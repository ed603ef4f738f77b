import {collapseSpaces, isWordCharacter} from '../support/text.js'

/**
 * A value scale for risk ratings (`Low`, `Medium`, `High` by default). A value
 * is on the scale when, ignoring case, it is a scale value, an alias of one,
 * or an abbreviation: a prefix of exactly one scale value (`Med`, `Hi`, `L`).
 * Symbols around it (`🔴 High`) and a note after it (`High (regulatory)`,
 * `Medium - only on iOS`) do not matter.
 */
export interface Scale {
  /** Scale values as the template or the options write them, for messages. */
  values: readonly string[]
  /** How a written value compares with the scale. */
  check: (text: string) => 'on' | 'off' | 'empty'
}

/**
 * @param values scale values
 * @param aliases other words for scale values (`{niedrig: 'Low'}`); an alias
 *   of a value that is not on the scale is ignored
 */
export function createScale(values: readonly string[], aliases: Readonly<Record<string, string>>): Scale {
  const exact = new Set<string>()
  for (const value of values) exact.add(valueKey(value))
  for (const [alias, target] of Object.entries(aliases)) {
    if (exact.has(valueKey(target))) exact.add(valueKey(alias))
  }
  // Prefixes shared by two scale values abbreviate neither.
  const prefixes = new Map<string, string | null>()
  for (const value of values) {
    const key = valueKey(value)
    for (let length = 1; length < key.length; length++) {
      const prefix = key.slice(0, length)
      const known = prefixes.get(prefix)
      prefixes.set(prefix, known === undefined || known === key ? key : null)
    }
  }

  const accepts = (key: string): boolean => {
    if (exact.has(key)) return true
    const withoutDot = key.endsWith('.') ? key.slice(0, -1) : key
    if (exact.has(withoutDot)) return true
    return typeof prefixes.get(withoutDot) === 'string'
  }

  return {
    values,
    check(text) {
      // Most cells hold exactly a scale value: skip the normalising.
      if (exact.has(text.toLowerCase())) return 'on'
      const key = valueKey(text)
      if (key === '') return 'empty'
      if (accepts(key)) return 'on'
      const rating = leadingRating(key)
      return rating !== '' && accepts(rating) ? 'on' : 'off'
    }
  }
}

function valueKey(text: string): string {
  return collapseSpaces(text).toLowerCase()
}

/** The rating in `🔴 high (regulatory)`: symbols around it and a trailing note dropped. */
function leadingRating(key: string): string {
  let start = 0
  while (start < key.length && !isWordCharacter(key[start]!)) start++
  let end = start
  while (end < key.length && !isSeparator(key, end)) end++
  while (end > start && !isWordCharacter(key[end - 1]!) && key[end - 1] !== '.') end--
  return key.slice(start, end)
}

/** `(`, `,`, `;`, `:`, or a dash between spaces. */
function isSeparator(key: string, index: number): boolean {
  const character = key[index]
  if (character === '(' || character === ',' || character === ';' || character === ':') return true
  return (
    (character === '-' || character === '–' || character === '—') &&
    key[index - 1] === ' ' &&
    (index + 1 === key.length || key[index + 1] === ' ')
  )
}
