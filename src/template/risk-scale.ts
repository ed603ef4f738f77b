import {collapseSpaces, isWordCharacter} from '../support/text.js'

/**
 * A value scale for risk ratings (`Low`, `Medium`, `High` by default). A value
 * is on the scale when, ignoring case, it is a scale value, an alias of one,
 * or an abbreviation: a prefix of exactly one scale value (`Med`, `Hi`, `L`).
 * Symbols around it (`🔴 High`) and a note after it (`High (regulatory)`,
 * `Medium - only on iOS`) do not matter. Authors grade a scale finer, and
 * that is a rating too: a value with an intensity word (`Very Low`, `sehr
 * hoch`) and a range of two neighbouring values (`Med-High`, `Low–Medium`,
 * `Medium/High`, `Low to Medium`).
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
  // Each accepted word with the place of its scale value, for ranges.
  const exact = new Map<string, number>()
  values.forEach((value, index) => exact.set(valueKey(value), index))
  for (const [alias, target] of Object.entries(aliases)) {
    const index = exact.get(valueKey(target))
    if (index !== undefined && !exact.has(valueKey(alias))) exact.set(valueKey(alias), index)
  }
  // Prefixes shared by two scale values abbreviate neither.
  const prefixes = new Map<string, number | null>()
  values.forEach((value, index) => {
    const key = valueKey(value)
    for (let length = 1; length < key.length; length++) {
      const prefix = key.slice(0, length)
      const known = prefixes.get(prefix)
      prefixes.set(prefix, known === undefined || known === index ? index : null)
    }
  })

  /** The place on the scale of a word, a graded word (`very low`) or `undefined`. */
  const placeOf = (key: string): number | undefined => {
    const known = exact.get(key)
    if (known !== undefined) return known
    const withoutDot = key.endsWith('.') ? key.slice(0, -1) : key
    const place = exact.get(withoutDot) ?? prefixes.get(withoutDot)
    if (typeof place === 'number') return place
    const graded = intensity.exec(key)
    return graded ? placeOf(graded[1]!) : undefined
  }
  const accepts = (key: string): boolean => {
    if (placeOf(key) !== undefined) return true
    const range = rangePattern.exec(key)
    if (!range) return false
    const from = placeOf(range[1]!)
    const to = placeOf(range[2]!)
    return from !== undefined && to !== undefined && Math.abs(from - to) <= 1
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

// `very low`, `extremely high`, `sehr hoch`: a finer grade of a scale value.
const intensity = /^(?:very|extremely|sehr|äußerst) (.+)$/u
// `med-high`, `low–medium`, `medium/high`, `low to medium`, `mittel bis hoch`: a range of two values.
const rangePattern = /^([^\s/–—-]+(?: [^\s/–—-]+)?) ?(?:[/–—-]| to | bis ) ?([^\s/–—-]+(?: [^\s/–—-]+)?)$/u

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
