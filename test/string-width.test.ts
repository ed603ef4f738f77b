import realStringWidth from 'string-width'
import {describe, expect, it} from 'vitest'
import stringWidth, {loadStringWidth, needsStringWidth} from '../src/cli/formats/string-width.js'

// The width vfile-reporter gets in the binaries before string-width is loaded (src/cli/formats/string-width.ts).
describe('the stylish report’s string-width front', () => {
  const narrowRanges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0xa0, 0xac],
    [0xae, 0xff],
    [0x2010, 0x2027],
    [0x2030, 0x205e]
  ]

  it('measures every character of the narrow set as string-width 8 does, without loading it', () => {
    const wrong: string[] = []
    for (const [first, last] of narrowRanges) {
      for (let code = first; code <= last; code++) {
        const character = String.fromCodePoint(code)
        if (needsStringWidth(character)) wrong.push(`U+${code.toString(16)} needs string-width`)
        if (stringWidth(character) !== realStringWidth(character)) wrong.push(`U+${code.toString(16)}: ${stringWidth(character)} ≠ ${realStringWidth(character)}`)
      }
    }
    expect(wrong).toEqual([])
    const line = '\u001B[31merror\u001B[39m Unexpected placeholder `[Owner]` in the template’s header…'
    expect(stringWidth(line)).toBe(realStringWidth(line))
  })

  it('asks for string-width for any other text, then measures with it', async () => {
    for (const text of ['[機能名]', '🚀', 'soft\u00adhyphen', 'zero\u200bwidth', 'e\u0301', 'tab\there', 'line\nbreak']) {
      expect(needsStringWidth(text), text).toBe(true)
    }
    await loadStringWidth()
    for (const text of ['[機能名]', '🚀 launch', '[担当者 🧑‍💻]', 'e\u0301']) expect(stringWidth(text)).toBe(realStringWidth(text))
  })
})
