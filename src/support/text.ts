/** Small text helpers shared by views and the template model. */

/** Single spaces, no spaces at the ends. */
export function collapseSpaces(text: string): string {
  let result = ''
  let space = false
  for (const character of text) {
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      space = result !== ''
      continue
    }
    if (space) result += ' '
    space = false
    result += character
  }
  return result
}

const letterOrNumber = /[\p{L}\p{N}]/u

/** A letter or a digit, in any script. */
export function isWordCharacter(character: string): boolean {
  return letterOrNumber.test(character)
}

/** The lines of a text with their offsets; lines end at `\n`, `\r\n` or a lone `\r`, as micromark counts them. */
export function linesOf(text: string): Array<{text: string; start: number}> {
  const lines: Array<{text: string; start: number}> = []
  const ending = /\r\n|\r|\n/g
  let start = 0
  for (const match of text.matchAll(ending)) {
    lines.push({text: text.slice(start, match.index), start})
    start = match.index + match[0].length
  }
  lines.push({text: text.slice(start), start})
  return lines
}

/**
 * How column headers and field labels compare: case, spacing, inline markup
 * (already flattened by the caller), a trailing `.` or `:` and a trailing
 * note in parentheses (`Likelihood (1-5)`) do not matter.
 */
export function labelKey(text: string): string {
  let value = trimEndPunctuation(collapseSpaces(text).toLowerCase())
  // One trailing `(…)` note, only when something precedes it.
  if (value.endsWith(')')) {
    const open = value.lastIndexOf('(')
    if (open > 0) value = trimEndPunctuation(value.slice(0, open))
  }
  return value
}

function trimEndPunctuation(value: string): string {
  let end = value.length
  while (end > 0 && (value[end - 1] === '.' || value[end - 1] === ':' || value[end - 1] === ' ')) end--
  return value.slice(0, end)
}

/** Words of a heading, lower case: letters, digits, hyphens and apostrophes. */
export function headingWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  for (const character of text.toLowerCase()) {
    if (isWordCharacter(character) || character === '-' || character === '\'' || character === '’') {
      word += character
    } else if (word !== '') {
      words.push(trimHyphens(word))
      word = ''
    }
  }
  if (word !== '') words.push(trimHyphens(word))
  return words.filter((item) => item !== '')
}

function trimHyphens(word: string): string {
  let start = 0
  let end = word.length
  while (start < end && word[start] === '-') start++
  while (end > start && word[end - 1] === '-') end--
  return word.slice(start, end)
}

/** The share of words two lists have in common (repeats counted), of the longer list: 1 for the same words. */
export function wordOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0
  const counts = new Map<string, number>()
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1)
  let shared = 0
  for (const word of b) {
    const count = counts.get(word) ?? 0
    if (count > 0) {
      shared++
      counts.set(word, count - 1)
    }
  }
  return shared / Math.max(a.length, b.length)
}
