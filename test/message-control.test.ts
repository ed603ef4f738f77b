import {afterEach, describe, expect, it} from 'vitest'
import {messageControlShortcut} from '../src/pipeline/message-control.js'
import {ruleIds} from '../src/pipeline/rule-meta.js'
import {builtinTemplateIds} from '../src/template/builtin.js'
import {ruleFixtures} from './fixtures.js'
import {formatMessages, lint} from './helpers.js'
import {mutationsOf} from './mutations.js'

/**
 * The shortcut past remark-message-control (documents without `lint`
 * comments) keeps exactly the messages the full control keeps.
 */
describe('message control shortcut', () => {
  afterEach(() => {
    messageControlShortcut.enabled = true
  })

  const documents = [
    ...ruleIds.flatMap((ruleId) => ruleFixtures(ruleId).map((fixture) => ({name: `${ruleId}/${fixture.name}`, value: fixture.value, options: fixture.options}))),
    ...builtinTemplateIds.flatMap((id) => mutationsOf(id).slice(0, 3).map((mutation) => ({name: `${id}: ${mutation.name}`, value: mutation.value, options: {}}))),
    // Findings in the gap after the last node are dropped by both.
    {name: 'trailing gap', value: '---\ntemplate: tip\n---\n\n# Notes\n\n\n\n', options: {}}
  ]

  it.each(documents)('$name', async ({value, options}) => {
    messageControlShortcut.enabled = false
    const full = formatMessages(await lint(value, options))
    messageControlShortcut.enabled = true
    const fast = formatMessages(await lint(value, options))
    expect(fast).toEqual(full)
  })
})
