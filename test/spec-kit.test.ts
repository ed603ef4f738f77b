import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {formatMessages, lint, root} from './helpers.js'

/**
 * The defects the rules catch on the seed templates’ plans are caught on
 * spec-kit’s plan, spec and task list too (headings are covered by
 * test/mutations.test.ts for every built-in template).
 */
const documents = ['spec-kit-plan', 'spec-kit-spec', 'spec-kit-tasks'].flatMap((id) =>
  ['filled.md', 'variant.md'].map((name) => [id, name] as const)
)

/** The document with a paragraph and then `text` added at its end; `line` is where `text` starts. */
function withBlock(value: string, text: string): {value: string; line: number} {
  const lines = value.replace(/\n+$/, '').split('\n')
  lines.push('', 'Added for the test.', '', ...text.split('\n'), '')
  return {value: lines.join('\n'), line: lines.length - text.split('\n').length}
}

describe.each(documents)('`%s/%s` broken one way at a time', (id, name) => {
  const file = path.join('fixtures', 'plans', id, name)
  const good = readFileSync(path.join(root, file), 'utf8')
  // spec-kit’s spec keeps `**Status**: Draft` from its template: findings there are warnings at stage `draft`.
  const only = async (value: string) =>
    formatMessages(await lint(value, {}, file)).map((line) => line.replace(/ \(a warning at stage `draft`\)$/, ''))

  it('is clean as it is', async () => {
    expect(await only(good)).toEqual([])
  })

  it('reports a placeholder left in', async () => {
    const {value, line} = withBlock(good, 'Owner: [Team Name]')
    expect(await only(value)).toEqual([`${line}:8-${line}:19: Unexpected placeholder \`[Team Name]\`, expected the real value`])
  })

  it('reports an open question with its text', async () => {
    const {value, line} = withBlock(good, 'Region: [NEEDS CLARIFICATION: EU only?]')
    expect(await only(value)).toEqual([
      `${line}:9-${line}:40: Unexpected open question \`EU only?\` (\`NEEDS CLARIFICATION\`), expected the answer in place of the brackets`
    ])
  })

  it('reports a broken checkbox', async () => {
    const {value, line} = withBlock(good, '- [x ] Reviewed by the team lead')
    const messages = await only(value)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(new RegExp(`^${line}:3-${line}:7: .*\`\\[x \\]\``))
  })

  it('reports an emptied section', async () => {
    const {value, line} = withBlock(good, '## Rollout Notes\n\n<!-- to do -->')
    expect(await only(value)).toEqual([
      `${line}:1-${line}:17: Unexpected empty section \`## Rollout Notes\`, expected content under the heading or the heading removed`
    ])
  })

  it('reports a risk table without a likelihood column', async () => {
    const {value, line} = withBlock(good, '## Risks\n\n| Risk | Impact | Mitigation |\n| --- | --- | --- |\n| S3 outage | High | Retry later |')
    const messages = await only(value)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(new RegExp(`^${line + 2}:.*Likelihood`))
  })
})
