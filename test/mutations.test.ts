import {describe, expect, it} from 'vitest'
import {formatMessages, lint} from './helpers.js'
import {mutatedTemplateIds, mutationsOf} from './mutations.js'

describe.each(mutatedTemplateIds)('`%s` plan broken one way at a time', (templateId) => {
  const mutations = mutationsOf(templateId)

  it('covers removal, renaming, demotion and reordering', () => {
    for (const kind of ['removing', 'renaming', 'demoting', 'moving']) {
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
