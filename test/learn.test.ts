import {describe, expect, it} from 'vitest'
import {learnTemplates, isNearIdentical, type LearnedSection, type PlanOutline} from '../src/template/learn.js'
import {learnedTemplateMarkdown} from '../src/template/learned-markdown.js'
import {parseTemplate} from '../src/template/template.js'

/** `## A` / `### B` lines to an outline. */
function plan(path: string, title: string | undefined, lines: string[], riskColumns?: string[]): PlanOutline {
  return {
    path,
    title,
    headings: lines.map((line) => {
      const match = /^(#+) (.*)$/.exec(line)!
      return {depth: match[1]!.length, text: match[2]!}
    }),
    riskTable: riskColumns ? {columns: riskColumns, section: 'Risks'} : undefined
  }
}

const names = (sections: LearnedSection[]): string[] =>
  sections.flatMap((section) => [
    `${'#'.repeat(section.depth)} ${section.text}${section.required ? '' : ' (optional)'}`,
    ...names(section.children)
  ])

const options = {minShare: 0.6, minGroup: 3}

describe('learnTemplates', () => {
  it('takes the consensus: order, levels, parents, required and optional, sections in one plan left out', () => {
    const {templates, outliers} = learnTemplates(
      [
        plan('a.md', 'RFC: Caching', ['## Summary', '## Design', '### API', '## Rollout', '## Notes']),
        plan('b.md', 'RFC: Search', ['## Summary', '## Design', '### API', '### Storage', '## Rollout', '## Notes']),
        // Rollout before Design: the majority order wins.
        plan('c.md', 'RFC: Billing', ['## Summary', '## Rollout', '## Design', '### API', '### Storage', '## Only Here']),
        plan('d.md', 'RFC: Exports', ['## Summary', '## Design', '### API', '## Rollout'])
      ],
      options
    )
    expect(outliers).toEqual([])
    expect(templates).toHaveLength(1)
    const [template] = templates
    expect(template!.title).toBe('RFC: [Title]')
    expect(template!.titleStem).toBe('RFC:')
    // Notes: 2 of 4 (optional); Storage: 2 of the 4 plans with Design (optional); Only Here: 1 (left out).
    expect(names(template!.sections)).toEqual(['## Summary', '## Design', '### API', '### Storage (optional)', '## Rollout', '## Notes (optional)'])
  })

  it('makes a section required from the share given (--min-share)', () => {
    const outlines = [
      plan('a.md', 'X', ['## One', '## Two', '## Three']),
      plan('b.md', 'Y', ['## One', '## Two', '## Three']),
      plan('c.md', 'Z', ['## One', '## Two']),
      plan('d.md', 'W', ['## One', '## Two'])
    ]
    const share = (minShare: number) => names(learnTemplates(outlines, {minShare, minGroup: 3}).templates[0]!.sections)
    expect(share(0.6)).toEqual(['## One', '## Two', '## Three (optional)'])
    expect(share(0.5)).toEqual(['## One', '## Two', '## Three'])
    expect(share(1)).toEqual(['## One', '## Two', '## Three (optional)'])
  })

  it('recognises numbered headings as one repeated group (`Task 1`, `Task 2` → `Task 1: [Name]`), as the template model does', () => {
    const {templates} = learnTemplates(
      [
        plan('a.md', 'Plan: A', ['## Goal', '## Tasks', '### Task 1: Parse input', '### Task 2: Write output', '## Phases', '### Phase 1', '### Phase 2']),
        plan('b.md', 'Plan: B', ['## Goal', '## Tasks', '### Task 1: Add route', '## Phases', '### Phase 1', '### Phase 2', '### Phase 3']),
        plan('c.md', 'Plan: C', ['## Goal', '## Tasks', '### Task 1 - Schema', '### Task 2 - API', '### Task 3 - UI', '## Phases', '### Phase 1'])
      ],
      options
    )
    const [template] = templates
    expect(names(template!.sections)).toEqual(['## Goal', '## Tasks', '### Task 1: [Name]', '## Phases', '### Phase 1'])
    // The template file reads back as groups: `Task N: …` and `Phase N`.
    const parsed = parseTemplate(learnedTemplateMarkdown(template!, 'plan', 'test', 0.6), 'plan.md', 'plan')
    const groups = parsed.sections.filter((section) => section.pattern.repeated).map((section) => section.label)
    expect(groups).toEqual(['Task N: …', 'Phase N'])
    const task = parsed.sections.find((section) => section.label === 'Task N: …')!
    expect(task.pattern.test('task 12: migrate data')).toBe(true)
    expect(task.pattern.test('tasks')).toBe(false)
  })

  it('reads a lone number in a heading as text (`Top 10 Risks` is not a group)', () => {
    const outlines = ['a', 'b', 'c'].map((name) => plan(`${name}.md`, undefined, ['## Intro', '## Top 10 Risks']))
    expect(names(learnTemplates(outlines, options).templates[0]!.sections)).toEqual(['## Intro', '## Top 10 Risks'])
  })

  it('merges near-identical headings (plural, typo) when no plan has both; keeps `Context` and `Domain Context` apart', () => {
    const {templates} = learnTemplates(
      [
        plan('a.md', 'T: a', ['## Context', '## Risks', '## Dependencies']),
        plan('b.md', 'T: b', ['## Context', '## Risks', '## Dependencies']),
        plan('c.md', 'T: c', ['## Domain Context', '## Risk', '## Dependency']),
        plan('d.md', 'T: d', ['## Domain Context', '## Risks', '## Dependencies'])
      ],
      options
    )
    const [template] = templates
    expect(names(template!.sections)).toEqual(['## Context (optional)', '## Domain Context (optional)', '## Risks', '## Dependencies'])
    expect(template!.merged).toEqual([
      ['risks', 'risk'],
      ['dependencies', 'dependency']
    ])
  })

  it('keeps two spellings apart when one plan uses both', () => {
    expect(isNearIdentical('risk', 'risks')).toBe(true)
    expect(isNearIdentical('data modle', 'data model')).toBe(true)
    expect(isNearIdentical('context', 'domain context')).toBe(false)
    const {templates} = learnTemplates(
      ['a', 'b', 'c'].map((name) => plan(`${name}.md`, undefined, ['## Risk', '## Risks'])),
      options
    )
    expect(names(templates[0]!.sections)).toEqual(['## Risk', '## Risks'])
  })

  it('groups two formats apart and lists the files that fit no group of three', () => {
    const tip = (name: string) => plan(name, `TIP: ${name}`, ['## Summary', '## Context', '## Approach', '## Tasks', '## Risks', '## Rollout'])
    const adr = (name: string) => plan(name, `Decision: ${name}`, ['## Status', '## Context', '## Decision', '## Consequences', '## Alternatives'])
    const {templates, outliers} = learnTemplates(
      [
        tip('t1.md'),
        adr('a1.md'),
        tip('t2.md'),
        plan('readme.md', 'Plans', ['## Writing a plan', '## Reviews']),
        adr('a2.md'),
        tip('t3.md'),
        adr('a3.md'),
        plan('short.md', 'Short', ['## Only']),
        plan('p1.md', 'Postmortem: x', ['## Impact', '## Timeline', '## Causes']),
        plan('p2.md', 'Postmortem: y', ['## Impact', '## Timeline', '## Causes'])
      ],
      options
    )
    expect(templates.map((template) => [template.title, template.files])).toEqual([
      ['TIP: [Title]', ['t1.md', 't2.md', 't3.md']],
      ['Decision: [Title]', ['a1.md', 'a2.md', 'a3.md']]
    ])
    expect(outliers).toEqual([
      {path: 'readme.md', reason: 'its sections match no other plan'},
      {path: 'short.md', reason: 'fewer than two `##` sections'},
      {path: 'p1.md', reason: 'its format is shared by 2 plans, fewer than 3'},
      {path: 'p2.md', reason: 'its format is shared by 2 plans, fewer than 3'}
    ])
  })

  it('learns the title pattern: common start, else common end, else a wildcard', () => {
    const title = (titles: Array<string | undefined>) =>
      learnTemplates(
        titles.map((text, index) => plan(`${index}.md`, text, ['## A', '## B'])),
        options
      ).templates[0]!.title
    expect(title(['TIP: Export', 'TIP: Search', 'tip: SSO login'])).toBe('TIP: [Title]')
    expect(title(['Export design doc', 'Search Design Doc', 'SSO design doc'])).toBe('[Title] design doc')
    expect(title(['Export', 'Search', 'Login'])).toBe('[Title]')
    expect(title(['Weekly plan', 'Weekly plan', 'Weekly plan'])).toBe('Weekly plan')
    expect(title([undefined, undefined, 'Only one'])).toBeUndefined()
  })

  it('learns shared risk-table columns', () => {
    const columns = ['Risk', 'Chance', 'Impact', 'Mitigation']
    const {templates} = learnTemplates(
      [
        plan('a.md', undefined, ['## Plan', '## Risks'], columns),
        plan('b.md', undefined, ['## Plan', '## Risks'], columns),
        plan('c.md', undefined, ['## Plan', '## Risks'], ['Risk', 'Chance', 'Impact', 'Owner'])
      ],
      options
    )
    expect(templates[0]!.risks).toEqual({columns: ['Risk', 'Chance', 'Impact', 'Mitigation'], likelihood: 'Chance', impact: 'Impact', section: 'Risks'})
    const parsed = parseTemplate(learnedTemplateMarkdown(templates[0]!, 'x', 'test', 0.6), 'x.md', 'x')
    expect(parsed.risks).toMatchObject({format: 'table', likelihood: ['Chance'], impact: ['Impact'], sections: ['Risks']})
  })
})
