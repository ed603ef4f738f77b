import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ruleIds} from '../src/pipeline/rule-meta.js'
import {ruleFixtures} from './fixtures.js'
import {formatMessages, lint, onlyRule, root} from './helpers.js'
import {planFixtures} from './packed.js'

/**
 * LF, CRLF and a UTF-8 byte order mark give identical findings at identical
 * positions (a BOM is not a column); old Mac line endings (a lone CR) give
 * the same lines too.
 */

const variants: Array<[string, (value: string) => string]> = [
  ['CRLF', (value) => value.replace(/\n/g, '\r\n')],
  ['BOM', (value) => '\uFEFF' + value],
  ['BOM and CRLF', (value) => '\uFEFF' + value.replace(/\n/g, '\r\n')]
]

const notOk = ruleIds.flatMap((ruleId) =>
  ruleFixtures(ruleId)
    .filter((fixture) => fixture.name.startsWith('not-ok'))
    .map((fixture) => [`${ruleId}/${fixture.name}`, fixture] as const)
)

/** Findings without what a line ending changes inside a message (a quoted multi-line value). */
async function findings(value: string, options: Parameters<typeof lint>[1], file: string): Promise<string[]> {
  return formatMessages(await lint(value, options, file)).map((line) => line.replace(/\r\n?/g, '\n'))
}

describe('line endings and byte order mark', () => {
  describe.each(variants)('%s', (_, convert) => {
    it.each(planFixtures())('complete plan `%s/%s` stays clean', async (template, name) => {
      const file = path.join(root, 'fixtures', 'plans', template, name)
      expect(await findings(convert(readFileSync(file, 'utf8')), {}, file)).toEqual([])
    })

    it.each(notOk)('`%s` gives the same findings at the same places', async (_, fixture) => {
      const options = onlyRule(fixture.ruleId, 'error', fixture.options)
      expect(await findings(convert(fixture.value), options, fixture.file)).toEqual(fixture.expected)
    })
  })

  it.each(notOk)('`%s` with lone CR line endings reports the same lines', async (_, fixture) => {
    const options = onlyRule(fixture.ruleId, 'error', fixture.options)
    const lines = (await findings(fixture.value.replace(/\n/g, '\r'), options, fixture.file)).map((line) => line.split(':')[0])
    expect(lines).toEqual(fixture.expected.map((line) => line.split(':')[0]))
  })
})
