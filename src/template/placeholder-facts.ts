import type {Root} from 'mdast'
import {bracketGroups} from '../markdown/brackets.js'
import {choiceVocabularyOf} from '../markdown/choices.js'
import {atomMark, readProse, syntaxMark} from '../markdown/prose.js'

export interface TemplatePlaceholderFacts {
  /** Alternatives of the template’s closed choices, keys from `choiceKey`. */
  choiceVocabulary: ReadonlySet<string>
  /** Text of the template’s bracketed placeholders, keys from `placeholderTextKey`. */
  placeholderTexts: ReadonlySet<string>
}

/** What a template’s own prose says about placeholders (for `./template.ts`). */
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
