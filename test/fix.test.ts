import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ruleIds} from '../src/pipeline/rule-meta.js'
import {outlineOf} from '../src/views/outline.js'
import {parseMarkdown} from '../src/markdown/parser.js'
import {defaultRegistry} from '../src/template/registry.js'
import {sectionName, sectionTemplateText} from '../src/template/template.js'
import {applyEdits} from '../src/pipeline/fixes.js'
import {ruleFixtures} from './fixtures.js'
import {expectOnlyEdited, expectPassesOnlyEdit, fixed, toCrlf} from './fix-helpers.js'
import {onlyRule, root} from './helpers.js'
import {mutatedTemplateIds, mutationsOf} from './mutations.js'

/** `--fix` in process: the fixes rules attach to their findings and the one applier. */

const fixtures = ruleIds.flatMap((ruleId) =>
  ruleFixtures(ruleId)
    .filter((fixture) => fixture.name.startsWith('not-ok'))
    .map((fixture) => [`${ruleId}/${fixture.name}`, fixture] as const)
)

describe('not-ok fixtures', () => {
  const fixable: string[] = []

  describe.each(fixtures)('%s', (_name, fixture) => {
    const options = onlyRule(fixture.ruleId, 'error', fixture.options)

    it('--fix leaves no fixable finding, edits only its ranges, never adds a finding, and a second --fix changes nothing', async () => {
      const result = await fixed(fixture.value, options, fixture.file)
      if (!result.first.some((message) => message.fix)) {
        expect(result.passes).toEqual([])
        expect(result.output).toBe(fixture.value)
        return
      }
      fixable.push(`${fixture.ruleId}/${fixture.name}`)
      expect(result.messages.filter((message) => message.fix)).toEqual([])
      expect(result.messages.length).toBeLessThan(result.first.length)
      await expectPassesOnlyEdit(fixture.value, result)
      const again = await fixed(result.output, options, fixture.file)
      expect(again.passes).toEqual([])
      expect(again.output).toBe(result.output)
    })

    it('gives the same fixes with CRLF line endings and with a byte order mark', async () => {
      const lf = await fixed(fixture.value, options, fixture.file)
      const crlf = await fixed(toCrlf(fixture.value), options, fixture.file)
      expect(crlf.output).toBe(toCrlf(lf.output))
      await expectPassesOnlyEdit(toCrlf(fixture.value), crlf)
      const bom = await fixed('\uFEFF' + fixture.value, options, fixture.file)
      expect(bom.output).toBe('\uFEFF' + lf.output)
      await expectPassesOnlyEdit('\uFEFF' + fixture.value, bom)
    })
  })

  it('covers the fixable kinds: headings, levels, missing sections and checkboxes', () => {
    expect(fixable).toEqual(
      expect.arrayContaining([
        'required-headings/not-ok-missing',
        'required-headings/not-ok-near-miss',
        'required-headings/not-ok-level',
        'checklist-format/not-ok-box-shapes',
        'checklist-format/not-ok-spacing'
      ])
    )
  })
})

describe('broken complete plans', () => {
  const registry = defaultRegistry()

  describe.each(mutatedTemplateIds)('%s', (templateId) => {
    const good = readFileSync(path.join(root, 'fixtures', 'plans', templateId, 'filled.md'), 'utf8')
    const template = registry.get(templateId)!

    // Every removal; one renaming, demotion and move per template (the rule fixtures cover the rest), to spare CPU.
    const mutations = mutationsOf(templateId)
    const chosen = mutations.filter(
      (mutation, index) =>
        mutation.name.startsWith('removing') ||
        mutations.findIndex((other) => other.name.split(' ')[0] === mutation.name.split(' ')[0]) === index
    )
    it.each(chosen.map((mutation) => [mutation.name, mutation] as const))('%s', async (name, mutation) => {
      const result = await fixed(mutation.value, onlyRule('required-headings'), `plans/${templateId}.md`)
      await expectPassesOnlyEdit(mutation.value, result)
      expect(result.messages.filter((message) => message.ruleId === 'required-headings' && message.fix)).toEqual([])
      if (name.startsWith('renaming')) {
        // The one right heading is the template's; a template note after it (`*(mandatory)*`) is not part of the heading.
        const lines = mutation.value.split('\n')
        lines[mutation.lines[0]! - 1] = mutation.expected!
        expect(result.output).toBe(lines.join('\n'))
      } else if (name.startsWith('demoting')) {
        // The one right heading is the one the complete plan had.
        expect(result.output).toBe(good)
      } else if (name.startsWith('moving')) {
        // Moving an author's section is theirs to do.
        expect(result.output).toBe(mutation.value)
      } else {
        expect(name).toMatch(/^removing /)
        expect(result.messages.filter((message) => message.ruleId === 'required-headings').map((message) => message.reason)).toEqual([])
        // The template's own text for the section is back, where the plan had the section.
        const section = template.sections.find((item) => name === `removing ${sectionName(item)}`)!
        expect(section).toBeDefined()
        expect(result.output).toContain(sectionTemplateText(template, section))
        const before = outlineOf(parseMarkdown(good)).headings
        const after = outlineOf(parseMarkdown(result.output)).headings
        const at = after.findIndex((heading) => section.pattern.test(heading.key) && heading.depth === section.depth)
        // After the title; a template without one (Rust's RFCs) may open with the section.
        expect(at).toBeGreaterThan(template.title === undefined ? -1 : 0)
        // Every heading before it is the complete plan's, so it is back in its place.
        expect(after.slice(0, at).map((heading) => heading.key)).toEqual(before.slice(0, at).map((heading) => heading.key))
        expect(section.pattern.test(before[at]!.key)).toBe(true)
      }
    })
  })
})

describe('fixes and comment control', () => {
  it('a finding turned off with `<!-- lint disable -->` carries no fix, and the text is not touched', async () => {
    const mutation = mutationsOf('technical-plan').find((item) => item.name.startsWith('renaming'))!
    const lines = mutation.value.split('\n')
    lines.splice(mutation.lines[0]! - 1, 0, '<!-- lint disable required-headings -->', '')
    const value = lines.join('\n')
    const result = await fixed(value, {}, 'plan.md')
    expect(result.first.filter((message) => message.ruleId === 'required-headings')).toEqual([])
    expect(result.passes).toEqual([])
    expect(result.output).toBe(value)
  })
})

describe('the applier', () => {
  it('applies edits in source order, inserts at one offset in the order given, and skips overlaps', () => {
    const source = 'abcdef'
    const {output, applied} = applyEdits(source, [
      {range: [4, 6], text: 'EF'},
      {range: [1, 1], text: '1'},
      {range: [1, 1], text: '2'},
      {range: [3, 5], text: 'X'}
    ])
    // `[3, 5]` comes first in the source; `[4, 6]` overlaps it and waits for the next pass.
    expect(output).toBe('a12bcXf')
    expect(applied).toHaveLength(3)
    expectOnlyEdited(source, output, applied)
  })
})
