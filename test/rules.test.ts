import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {docUrl, ruleIds} from '../src/pipeline/rule-meta.js'
import {ruleFixtures} from './fixtures.js'
import {detectionOf} from '../src/views/detect.js'
import {formatMessages, lint, lintTree, lintWithoutPositions, onlyRule, root} from './helpers.js'

describe.each(ruleIds)('rule `%s`', (ruleId) => {
  const fixtures = ruleFixtures(ruleId)

  it('has fixtures: ok and not-ok', () => {
    expect(fixtures.some((fixture) => fixture.name.startsWith('ok'))).toBe(true)
    expect(fixtures.some((fixture) => fixture.name.startsWith('not-ok'))).toBe(true)
  })

  it('has a doc', () => {
    expect(existsSync(path.join(root, 'rules', ruleId + '.md'))).toBe(true)
  })

  describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (name, fixture) => {
    it('gives the expected report', async () => {
      if (name.startsWith('not-ok')) expect(fixture.expected.length).toBeGreaterThan(0)
      if (name.startsWith('ok')) expect(fixture.expected).toEqual([])
      const file = await lint(fixture.value, onlyRule(ruleId, 'error', fixture.options), fixture.file)
      expect(formatMessages(file)).toEqual(fixture.expected)
      for (const message of file.messages) {
        expect(message.source).toBe('plan-lint')
        expect(message.ruleId).toBe(ruleId)
        expect(message.url).toBe(docUrl(ruleId))
        expect(message.fatal).toBe(true)
      }
    })

    it('gives nothing and does not crash on a tree without positions', async () => {
      const file = await lintWithoutPositions(fixture.value, onlyRule(ruleId, 'error', fixture.options))
      expect(formatMessages(file)).toEqual([])
    })
  })
})

describe('complete plans', () => {
  const directory = path.join(root, 'fixtures', 'plans')
  const plans = readdirSync(directory).flatMap((template) =>
    readdirSync(path.join(directory, template)).map((name) => [template, name] as const)
  )

  it.each(plans)('`%s/%s` is detected and gives no finding', async (template, name) => {
    const value = readFileSync(path.join(directory, template, name), 'utf8')
    const {file, tree} = await lintTree(value, {}, path.join('fixtures', 'plans', template, name))
    expect(detectionOf(tree, file).template?.id).toBe(template)
    expect(formatMessages(file)).toEqual([])
  })
})
