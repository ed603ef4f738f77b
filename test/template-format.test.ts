import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseTemplate, TemplateError} from '../src/template/template.js'
import {formatMessages, lint} from './helpers.js'

/** Front matter that templates of any team can use: `alternatives`, `placeholders`, `tasks`, `uniqueIds`. */
describe('template front matter', () => {
  const versioned = [
    '---',
    'id: versioned',
    'alternatives:',
    '  "Decision Record: [Title]": ["ADR: [Title]"]',
    '  Consequences: [Outcome, Results]',
    'placeholders:',
    '  markers: [XXX]',
    '  allow: ["[WIP]", "/^\\\\[ADR-\\\\d+\\\\]$/"]',
    '  inCode: ["<<fill in>>"]',
    '---',
    '',
    '# Decision Record: [Title]',
    '',
    '## Context',
    '',
    '## Decision',
    '',
    '## Consequences',
    ''
  ].join('\n')

  const folder = mkdtempSync(path.join(tmpdir(), 'plan-lint-template-format-'))
  const templateFile = path.join(folder, 'versioned.md')
  writeFileSync(templateFile, versioned)

  it('accepts an alternative heading and an alternative title for a section', async () => {
    const plan = '# ADR: Queue choice\n\n## Context\n\nWe need a queue.\n\n## Decision\n\nRabbitMQ, see [ADR-12] and [WIP].\n\n## Outcome\n\nOne more service to run.\n'
    const file = await lint(plan, {templates: [templateFile]}, 'adr.md')
    expect(file.data.planLintTemplate?.id).toBe('versioned')
    expect(formatMessages(file)).toEqual([])
  })

  it('names the template’s own heading when neither is there', async () => {
    const plan = '# ADR: Queue choice\n\n## Context\n\nWe need a queue.\n\n## Decision\n\nRabbitMQ.\n'
    const file = await lint(plan, {templates: [templateFile]}, 'adr.md')
    expect(formatMessages(file)).toEqual([
      '10:1: Unexpected missing section `## Consequences` (template `versioned`), expected it after `## Decision`'
    ])
  })

  it('reports the template’s markers and its text left in code', async () => {
    const plan = '# ADR: Queue choice\n\n## Context\n\nOwner: XXX\n\n## Decision\n\n```text\nqueue: <<fill in>>\n```\n\n## Consequences\n\nNone.\n'
    const file = await lint(plan, {templates: [templateFile]}, 'adr.md')
    expect(formatMessages(file)).toEqual([
      '5:8-5:11: Unexpected marker `XXX`, expected the decision or the missing text',
      '10:1-10:19: Unexpected template text `queue: <<fill in>>` in a code block, expected it removed (keep only what the plan uses)'
    ])
  })

  it('rejects an alternative for a heading the template does not have', () => {
    expect(() => parseTemplate('---\nalternatives:\n  Risks: [Dangers]\n---\n\n# T\n\n## Context\n', 't.md', 't')).toThrow(TemplateError)
    expect(() => parseTemplate('---\nalternatives:\n  Risks: [Dangers]\n---\n\n# T\n\n## Context\n', 't.md', 't')).toThrow(
      'Unexpected `alternatives` entry `Risks` in the front matter of template `t.md`, expected the title or a heading of the template'
    )
  })

  it('rejects a bad regular expression, naming the field', () => {
    expect(() => parseTemplate('---\ntasks:\n  id: "T(\\\\d+"\n---\n\n# T\n\n## Context\n', 't.md', 't')).toThrow(
      /Unexpected `tasks\.id` in the front matter of template `t\.md`: a valid regular expression/
    )
    expect(() => parseTemplate('---\nplaceholders:\n  allow: ["/[/"]\n---\n\n# T\n\n## Context\n', 't.md', 't')).toThrow(
      /Unexpected `placeholders\.allow\.0` in the front matter of template `t\.md`/
    )
  })
})
