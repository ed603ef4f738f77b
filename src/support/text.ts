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
