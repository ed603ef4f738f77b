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
