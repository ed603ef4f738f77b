import {describe, expect, it} from 'vitest'
import {formatMessages, lint} from './helpers.js'
import {mutatedTemplateIds, mutationsOf} from './mutations.js'
import {defaultRegistry} from '../src/template/registry.js'

describe.each(mutatedTemplateIds)('`%s` plan broken one way at a time', (templateId) => {
  const mutations = mutationsOf(templateId)

  // Level and order are no defects of a template whose sections may sit anywhere (`placement: any`).
  const kinds = defaultRegistry().get(templateId)!.placement === 'any' ? ['removing', 'renaming'] : ['removing', 'renaming', 'demoting', 'moving']

  it(`covers ${kinds.join(', ')}`, () => {
    for (const kind of kinds) {
      expect(mutations.some((mutation) => mutation.name.startsWith(kind))).toBe(true)
    }
  })

  it.each(mutations.map((mutation) => [mutation.name, mutation] as const))('%s', async (_, mutation) => {
    const file = await lint(mutation.value, {}, `fixtures/plans/${templateId}/mutated.md`)
    expect(formatMessages(file)).toHaveLength(1)
    const [message] = file.messages
    expect(message!.ruleId).toBe('required-headings')
    for (const words of mutation.words) expect(message!.reason).toContain(words)
    const endOfFile = mutation.value.split('\n').length
    expect(mutation.lines.length > 0 ? mutation.lines : [endOfFile]).toContain(message!.line)
    if (mutation.expected) expect(message!.expected).toEqual([mutation.expected])
  })
})
