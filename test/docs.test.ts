import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {docUrl, ruleIds, ruleMetas} from '../src/pipeline/rule-meta.js'
import {renderReadme, renderRuleDoc, ruleDocPath} from '../scripts/rule-docs.js'
import {root} from './helpers.js'

describe('docs', () => {
  it.each(ruleIds)('`rules/%s.md` examples match the fixtures (run `npm run docs`)', (ruleId) => {
    expect(readFileSync(ruleDocPath(ruleId), 'utf8')).toBe(renderRuleDoc(ruleId))
  })

  it.each(ruleIds)('`rules/%s.md` says what, why, options and has ok and not-ok examples', (ruleId) => {
    const doc = readFileSync(ruleDocPath(ruleId), 'utf8')
    expect(doc.startsWith(`# \`${ruleId}\``)).toBe(true)
    for (const heading of ['## Why', '## Options', '## Examples']) expect(doc).toContain('\n' + heading + '\n')
    expect(doc).toContain('### ok: ')
    expect(doc).toContain('### not ok: ')
  })

  it('the README’s rules table is generated from the rule metadata (run `npm run docs`)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    expect(readme).toBe(renderReadme())
    for (const meta of ruleMetas) {
      expect(readme).toContain(`[\`${meta.id}\`](rules/${meta.id}.md)`)
    }
  })

  it('doc URLs point at the rule docs', () => {
    for (const ruleId of ruleIds) expect(docUrl(ruleId).endsWith(`/rules/${ruleId}.md`)).toBe(true)
  })
})
