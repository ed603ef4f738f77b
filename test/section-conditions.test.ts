import {describe, expect, it} from 'vitest'
import {alternativePattern, headingKey} from '../src/template/heading-text.js'
import {parseTemplate} from '../src/template/template.js'

const body = '\n# Proposal: [Title]\n\n## Summary\n\n## Walkthrough\n\n## Technical details\n\n## Rollback\n'

function template(frontMatter: string) {
  return parseTemplate(`---\nid: proposal\n${frontMatter}\n---\n${body}`, 'proposal.md', 'proposal')
}

describe('template front matter `since` and `requiredWith`', () => {
  it('dates sections: `sections` are evidence of a version, `required` only when they are required', () => {
    const parsed = template('since:\n  field: created\n  sections:\n    Walkthrough: 2023-01-01\n  required:\n    Rollback: 2024-01-15')
    const [summary, walkthrough, , rollback] = parsed.sections
    expect([summary!.since, summary!.added]).toEqual([undefined, undefined])
    expect([walkthrough!.since, walkthrough!.added]).toEqual(['2023-01-01', '2023-01-01'])
    expect([rollback!.since, rollback!.added]).toEqual(['2024-01-15', undefined])
    expect(parsed.dateSource).toEqual({field: 'created', file: undefined})
  })

  it('links `requiredWith` to the sections it names', () => {
    const parsed = template('requiredWith:\n  Technical details: [Walkthrough]')
    expect(parsed.sections[2]!.requiredWith.map((section) => section.text)).toEqual(['Walkthrough'])
  })

  it.each([
    ['since:\n  field: created\n  sections:\n    Costs: 2024-01-01', 'Unexpected `since` entry `Costs` in the front matter of template `proposal.md`, expected a heading of the template'],
    ['requiredWith:\n  Rollback: [Design]', 'Unexpected `requiredWith` entry `Design` in the front matter of template `proposal.md`, expected a heading of the template'],
    ['since:\n  field: created\n  sections:\n    Rollback: January 2024', 'expected a date `YYYY-MM-DD`']
  ])('rejects %j', (frontMatter, message) => {
    expect(() => template(frontMatter)).toThrow(message)
  })
})

describe('alternativePattern', () => {
  it('takes bracketed parts as wildcards wherever they are', () => {
    const questions = alternativePattern('[…] questions', headingKey('Unresolved questions'))
    expect(questions.test('naming questions')).toBe(true)
    expect(questions.test('questions')).toBe(false)
    expect(questions.test('questions answered')).toBe(false)
    const motivation = alternativePattern('Motivation[…]')
    expect(motivation.test('motivational use case : pinned memory')).toBe(true)
    expect(motivation.test('motivation')).toBe(false)
  })

  it('leaves a typo of the section’s own name to the near-miss finding', () => {
    expect(alternativePattern('[…] questions', headingKey('Unresolved questions')).test('unesolved questions')).toBe(false)
  })

  it('keeps a numbered alternative a group', () => {
    const requirement = alternativePattern('要件 1: [Title]')
    expect(requirement.repeated).toBe(true)
    expect(requirement.test('要件 2: ログイン')).toBe(true)
  })
})
