import {writeFileSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, inject, it} from 'vitest'
import type {Options} from '../src/index.js'
import {openPackedProject, writeFiles} from './packed.js'
import {completePlan, lintOutcome} from './robust-helpers.js'

/**
 * A file over the size, line or shape limits that cannot be a plan (it
 * declares no template and no H1 in its first lines matches a template
 * title) is skipped with a warning: a repository linted as a whole keeps
 * passing with a big changelog in it. A file that may be a plan still fails.
 */
const overLines = (head: string) => head + '\n\n' + 'a line\n'.repeat(150)
const limits: Options = {limits: {lines: 100}}
const skipped = /^Unexpected file of more than 100 lines, expected at most 100 \(option `limits\.lines`\): too long to lint in reasonable time; skipped: it declares no template and its title matches none$/

async function outcomeOf(value: string, options: Options = limits, filePath = 'notes.md') {
  const {file, refusal} = await lintOutcome(value, options, filePath)
  return {refusal: refusal?.reason, messages: file.messages.map((message) => ({reason: message.reason, fatal: message.fatal, ruleId: message.ruleId}))}
}

describe('limits on files that are not plans', () => {
  it.each([
    ['no heading at all', overLines('Just text.')],
    ['a title that is no template title', overLines('# Changelog')],
    ['`template: none` in front matter', overLines('---\ntemplate: none\n---\n\n# Technical Plan: Opted out')],
    ['front matter without `template`', overLines('---\ntitle: Notes\n---\n\n# Notes')]
  ])('%s: skipped with one warning', async (_, value) => {
    const outcome = await outcomeOf(value)
    expect(outcome.refusal).toBeUndefined()
    expect(outcome.messages).toEqual([{reason: expect.stringMatching(skipped), fatal: false, ruleId: 'lintable-file'}])
  })

  it('skips a non-plan over the byte limit and over a shape limit the same way', async () => {
    const big = await outcomeOf('# Generated reference\n\n' + 'text '.repeat(400), {limits: {bytes: 1000}})
    expect(big.messages).toEqual([{reason: expect.stringMatching(/^Unexpected file of 2,023 bytes, expected at most 1,000 .*; skipped: /), fatal: false, ruleId: 'lintable-file'}])
    const brackets = await outcomeOf('# Data\n\n' + '['.repeat(1000) + ']'.repeat(1000), {limits: {complexity: 0.001}})
    expect(brackets.messages).toEqual([{reason: expect.stringMatching(/^Unexpected paragraph with 1,000 `\]`.*; skipped: /), fatal: false, ruleId: 'lintable-file'}])
  })

  it.each<[string, string, Options]>([
    ['a template title', overLines('# Technical Plan: Checkout'), limits],
    ['a template title after front matter', overLines('---\nowner: me\n---\n\n# Technical Plan: Checkout'), limits],
    ['a template declared in front matter', overLines('---\ntemplate: tip\n---\n\n# Notes'), limits],
    ['a `plan-lint template` comment', overLines('# Notes\n\n<!-- plan-lint template: tip -->'), limits],
    ['the `template` option', overLines('# Notes'), {...limits, template: 'tip'}],
    ['a `templateGlobs` match', overLines('# Notes'), {...limits, templateGlobs: {'*.md': 'tip'}}],
    ['`requireTemplate`', overLines('# Notes'), {...limits, requireTemplate: true}]
  ])('a file that may be a plan (%s) still fails', async (_, value, options) => {
    const outcome = await outcomeOf(value, options)
    expect(outcome.refusal).toMatch(/^Unexpected file of more than 100 lines, expected at most 100 \(option `limits\.lines`\): too long to lint in reasonable time$/)
  })

  it('encoding problems fail any file, plan or not', async () => {
    const outcome = await outcomeOf(overLines('# Changelog') + '\u0000')
    expect(outcome.refusal).toMatch(/^Unexpected binary file/)
  })

  it('`plan-lint` over a folder: the big non-plan is a warning (exit 0), a big plan an error (exit 1)', () => {
    const project = openPackedProject(inject('packedProject'))
    const work = mkdtempSync(path.join(project.directory, 'limits-'))
    writeFiles(work, {
      'docs/plan.md': completePlan,
      'CHANGELOG.md': '# Changelog\n\n' + '- Fixed a thing.\n'.repeat(25_000)
    })
    const passing = project.run('plan-lint', ['.'], {cwd: work})
    expect(passing.stderr).toBe('')
    expect(passing.stdout).toMatch(/^CHANGELOG\.md\n *20001:1 +warning +Unexpected file of more than 20,000 lines, .*; skipped: it declares no template and its title matches none +lintable-file +plan-lint\n/)
    expect(passing.status).toBe(0)
    writeFileSync(path.join(work, 'docs', 'big-plan.md'), completePlan + '\n' + '- a step\n'.repeat(25_000))
    const failing = project.run('plan-lint', ['.'], {cwd: work})
    expect(failing.stdout).toMatch(/docs\/big-plan\.md\n *\d+:1 +error +Unexpected file of more than 20,000 lines/)
    expect(failing.status).toBe(1)
  })
})
