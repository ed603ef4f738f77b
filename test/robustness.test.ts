import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkShape, defaultLimits, firstInvalidUtf8} from '../src/markdown/input-guard.js'
import {completePlan, expectWellFormed, lintOutcome} from './robust-helpers.js'

/**
 * PRODUCT.md §5: never crash, never hang. Each adversarial input finishes
 * within `bound` seconds on a 2-core machine with one clear result: findings
 * (or none), or one fatal message of the file check (`lintable-file`) that
 * says what is wrong and which option raises the limit.
 */
const bound = 10

/** Adversarial content appended to a complete plan: every rule reads it. */
const inPlan = (body: string): string => completePlan + '\n' + body + '\n'

/** `skipped`: over a limit but no plan (no template declared, no template title): one warning (test/limits.test.ts). */
type Expectation = {refused: RegExp} | {skipped: RegExp} | {linted: true; messages?: RegExp[]}

const adversarial: Array<[string, () => string, Expectation]> = [
  ['an empty file', () => '', {linted: true, messages: []}],
  [
    'front matter only',
    () => '---\ntemplate: tip\n---\n',
    {linted: true, messages: [/^Unexpected missing sections `## 1\. Context & Problem Analysis`, `## 2\. Technical Approach/]}
  ],
  [
    'a front matter `template:` that does not exist',
    () => '---\ntemplate: nope\n---\n\n# Plan\n',
    {linted: true, messages: [/^Unexpected unknown template `nope` in front matter/]}
  ],
  ['5 MB plans', () => completePlan.repeat(Math.ceil(5e6 / completePlan.length)), {refused: /^Unexpected file of 5,\d{3},\d{3} bytes, expected at most 1,000,000 \(option `limits\.bytes`\)/}],
  ['a 500 KB plan (within the limits)', () => inPlan(completePlan.repeat(21)), {linted: true}],
  ['10,000 nested block quotes', () => '>'.repeat(10_000) + ' quote', {skipped: /^Unexpected nesting 10000 levels deep, expected at most 100 .*`limits\.nesting`/}],
  [
    '10,000 lines of ever deeper block quotes',
    () => Array.from({length: 10_000}, (_, index) => '>'.repeat(index + 1) + ' a').join('\n').slice(0, 900_000),
    {skipped: /^Unexpected nesting 101 levels deep/}
  ],
  ['3,000 nested list levels on one line', () => inPlan('- '.repeat(3000) + 'item'), {refused: /^Unexpected nesting 3000 levels deep/}],
  [
    '500 nested list levels, one per line',
    () => inPlan(Array.from({length: 500}, (_, index) => '  '.repeat(index) + '- item').join('\n')),
    {refused: /^Unexpected nesting 101 levels deep/}
  ],
  ['90 nested list levels (within the limits)', () => inPlan(Array.from({length: 90}, (_, index) => '  '.repeat(index) + '- [ ] item').join('\n')), {linted: true}],
  ['150 nested emphases', () => inPlan('*a '.repeat(150) + 'b' + ' a*'.repeat(150)), {refused: /^Unexpected nesting 1\d\d levels deep, expected at most 100 levels of block quotes, lists and emphasis/}],
  ['50,000 `[` in a row', () => inPlan('['.repeat(50_000)), {linted: true}],
  ['`[` × 20,000 then `]` × 20,000', () => inPlan('['.repeat(20_000) + ']'.repeat(20_000)), {refused: /^Unexpected paragraph with 20,000 `\]` in 40,001 characters/}],
  ['a 1 MB line of `[a]`', () => '[a]'.repeat(333_333), {skipped: /^Unexpected paragraph with 333,333 `\]`.*`limits\.complexity`/}],
  ['50,000 `]` in a row', () => inPlan(']'.repeat(50_000)), {refused: /^Unexpected paragraph with 50,000 `\]`/}],
  ['a 48 KB run of `[ ]`', () => inPlan('[ ]'.repeat(16_000)), {refused: /^Unexpected paragraph with 16,000 `\]`/}],
  ['4,000 emphasis marks in one paragraph', () => inPlan('*a '.repeat(2000) + 'b' + ' a*'.repeat(2000)), {refused: /^Unexpected paragraph with 4,000 `\*`, `_` or `~`/}],
  [
    'a 10,000-column table',
    () => inPlan('## Risks\n\n|' + ' Risk |'.repeat(10_000) + '\n|' + ' --- |'.repeat(10_000) + '\n|' + ' [TBD] |'.repeat(10_000)),
    {linted: true}
  ],
  ['3,000 headings', () => inPlan(Array.from({length: 3000}, (_, index) => '#'.repeat(2 + (index % 3)) + ' Section ' + index + '\n\nText.').join('\n\n')), {linted: true}],
  [
    '3,000 setext headings',
    () => inPlan(Array.from({length: 3000}, (_, index) => 'Section ' + index + '\n' + (index % 2 ? '---' : '===')).join('\n\n')),
    {refused: /^Unexpected setext heading underline number 1001, expected at most 1000/}
  ],
  ['100,000 task items', () => inPlan(Array.from({length: 100_000}, (_, index) => '- [ ] task ' + index).join('\n')), {refused: /^Unexpected file of 1,\d{3},\d{3} bytes/}],
  ['5,000 task items (within the limits)', () => inPlan(Array.from({length: 5000}, (_, index) => (index % 7 ? '- [ ] task ' : '- [] task ') + index).join('\n')), {linted: true}],
  ['25,000 short lines', () => 'a\n'.repeat(25_000), {skipped: /^Unexpected file of more than 20,000 lines.*`limits\.lines`/}],
  [
    'control characters and lone surrogates',
    () => inPlan(Array.from({length: 2000}, (_, index) => String.fromCharCode(1 + (index % 31)) + '\uD800 text \uDC00 [\u0001x] \u0007\u200B\uFEFF\u202E').join('')),
    {linted: true}
  ],
  ['a NUL byte', () => inPlan('text\u0000more'), {refused: /^Unexpected binary file \(it holds a NUL byte\)/}],
  // Long runs for each regular expression the code uses (see docs/robustness.md).
  ['spaces inside brackets (`checkbox`)', () => inPlan('[' + ' '.repeat(200_000) + 'a]'), {linted: true, messages: [/^Unexpected placeholder/]}],
  ['a heading with 20,000 annotations (`displayText`)', () => inPlan('## Notes' + ' (a)'.repeat(20_000)), {linted: true}],
  ['whitespace runs around `&` and `:` in a heading (`headingKey`)', () => inPlan('## A' + ' '.repeat(100_000) + '&' + ' '.repeat(100_000) + 'b' + ' '.repeat(100_000) + ':'), {linted: true}],
  ['a long `plan-lint template` comment (`commentDeclaration`)', () => '<!-- plan-lint template: ' + 'a-->'.repeat(100_000) + ' x -->\n', {linted: true}],
  ['100,000 unclosed HTML comments (`isOnlyComments`)', () => inPlan('<!--'.repeat(100_000)), {linted: true}],
  ['escapes and references (`escapeOrReference`)', () => inPlan('&a'.repeat(50_000) + '\\'.repeat(50_000)), {linted: true}],
  ['marker words with long gaps (`markers`)', () => inPlan('NEEDS' + ' '.repeat(200_000) + 'CLARIFICATION: TBD'), {linted: true, messages: [/^Unexpected marker `NEEDS CLARIFICATION`/, /^Unexpected marker `TBD`/]}],
  ['dates and durations (`shapes`)', () => inPlan('Due: ' + 'YYYY-MM-'.repeat(50_000) + '\n\nTook: ' + 'X-Y days/'.repeat(50_000)), {linted: true}],
  ['long choice runs (`choiceRuns`)', () => inPlan('Status: ' + 'Low/Med/High/'.repeat(40_000) + 'Low'), {linted: true}],
  ['quotes and brackets (`quotedSpans`)', () => inPlan('"a '.repeat(30_000) + '[b] “c [d]'.repeat(200)), {linted: true}],
  ['numbering (`numbering`)', () => inPlan('## ' + '1.'.repeat(100_000) + ' Title'), {linted: true}],
  ['a risk list field with a long value (`readField`)', () => inPlan('## Risks\n\n1. Outage\n   Likelihood:' + ' '.repeat(200_000) + 'High\n   Impact: ' + 'Hi'.repeat(100_000)), {linted: true}],
  ['checkbox shapes (`boxLinePattern`)', () => inPlan(Array.from({length: 5000}, () => '-[' + ' '.repeat(40) + 'x').join('\n')), {linted: true}]
]

describe('adversarial input (PRODUCT.md §5)', () => {
  it.each(adversarial)(`%s: finishes within ${bound} s with a clear result`, async (_, make, expectation) => {
    const value = make()
    const {file, refusal, seconds} = await lintOutcome(value)
    expect(seconds).toBeLessThan(bound)
    expectWellFormed(file, value)
    if ('refused' in expectation) {
      expect(refusal?.reason).toMatch(expectation.refused)
      expect(file.messages).toHaveLength(1)
      expect(refusal).toMatchObject({fatal: true, ruleId: 'lintable-file', source: 'plan-lint'})
      expect(refusal?.url).toMatch(/docs\/robustness\.md$/)
    } else if ('skipped' in expectation) {
      expect(refusal).toBeUndefined()
      expect(file.messages).toHaveLength(1)
      expect(file.messages[0]).toMatchObject({fatal: false, ruleId: 'lintable-file', source: 'plan-lint'})
      expect(file.messages[0]!.reason).toMatch(expectation.skipped)
      expect(file.messages[0]!.reason).toMatch(/; skipped: it declares no template and its title matches none$/)
    } else {
      expect(refusal?.reason).toBeUndefined()
      const reasons = file.messages.map((message) => message.reason)
      if (expectation.messages?.length === 0) expect(reasons).toEqual([])
      for (const pattern of expectation.messages ?? []) expect(reasons).toContainEqual(expect.stringMatching(pattern))
    }
  })

  it('broken YAML front matter: reported by `known-template`, the rest still linted', async () => {
    const value = '---\ntags: [a, b\n---\n\n' + completePlan.replace('**Status**: Approved', '**Status**: Approved\n**Owner**: [Name]')
    const {file, refusal} = await lintOutcome(value)
    expect(refusal).toBeUndefined()
    expectWellFormed(file, value)
    const found = file.messages.map((message) => [message.ruleId, message.reason])
    expect(found).toHaveLength(2)
    expect(found).toEqual(expect.arrayContaining([
      ['known-template', expect.stringMatching(/^Unexpected front matter that is not valid YAML \(.+\), expected YAML such as `template: <id>` \(the rest is checked against template `technical-plan`\)$/)],
      ['no-placeholders', 'Unexpected placeholder `[Name]`, expected the real value']
    ]))
  })

  it('a template with several wildcards in its title matches long titles in linear time (`titlePattern`)', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'plan-lint-title-'))
    const template = path.join(directory, 'rfc.md')
    writeFileSync(template, '# RFC [N]: [Title] ([Status])\n\n## Summary\n\n## Design\n')
    const title = '# RFC ' + 'a: b ('.repeat(20_000) + 'x\n\n## Summary\n\nText.\n\n## Design\n\nText.\n'
    const {file, refusal, seconds} = await lintOutcome(title, {templates: [template]})
    expect(refusal).toBeUndefined()
    expect(file.messages).toEqual([])
    expect(seconds).toBeLessThan(bound)
    const matching = await lintOutcome('# RFC 7: Webhooks (Draft)\n\n## Summary\n\nText.\n', {templates: [template]})
    // Found by its title: one section of two is enough for a title match.
    expect(matching.file.messages.map((message) => message.reason)).toEqual([
      'Unexpected missing section `## Design` (template `rfc`), expected it after `## Summary`'
    ])
  })

  it('a deep tree the parser itself cannot walk gives one clear message, even with `limits: false`', async () => {
    const {file, refusal} = await lintOutcome('>'.repeat(10_000) + ' deep\n', {limits: false})
    expect(refusal?.reason).toBe(
      'Unexpected nesting too deep for the Markdown parser, expected at most 100 levels of block quotes, lists and emphasis'
    )
    expect(file.messages).toHaveLength(1)
  })

  it('`limits` raise or lift the limits', async () => {
    // Plans (by title): a file that cannot be a plan is skipped instead (test/limits.test.ts).
    const lines = '# Technical Plan: Limits\n' + 'a\n'.repeat(200)
    expect((await lintOutcome(lines, {limits: {lines: 100}})).refusal?.reason).toMatch(/more than 100 lines/)
    expect((await lintOutcome(lines, {limits: {lines: 300}})).refusal).toBeUndefined()
    const brackets = '# Technical Plan: Limits\n\n' + '['.repeat(1000) + ']'.repeat(1000)
    expect((await lintOutcome(brackets, {limits: {complexity: 0.001}})).refusal?.reason).toMatch(/^Unexpected paragraph with 1,000 `\]`/)
    expect((await lintOutcome(brackets)).refusal).toBeUndefined()
    expect((await lintOutcome(completePlan, {limits: {bytes: 1000}})).refusal?.reason).toMatch(/expected at most 1,000 \(option `limits\.bytes`\)/)
    expect((await lintOutcome(inPlan('- '.repeat(150) + 'a'), {limits: false})).refusal).toBeUndefined()
  })
})

describe('the file check on bytes', () => {
  const encode = (text: string) => new TextEncoder().encode(text)

  it('refuses invalid UTF-8 at the first bad byte, with its line and column', async () => {
    const bytes = new Uint8Array([...encode('# Café plan\n\nna'), 0xef, ...encode('ve\n')])
    const {refusal} = await lintOutcome(bytes)
    expect(refusal?.reason).toBe(
      'Unexpected byte `0xEF` that is not UTF-8, expected a UTF-8 text file (convert it, for example with `iconv -f latin1 -t utf-8`)'
    )
    expect([refusal?.line, refusal?.column]).toEqual([3, 3])
  })

  it('refuses UTF-16 and binary files, accepts a UTF-8 byte order mark', async () => {
    expect((await lintOutcome(new Uint8Array([0xff, 0xfe, 0x23, 0, 0x20, 0]))).refusal?.reason).toMatch(/^Unexpected UTF-16 file/)
    expect((await lintOutcome(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).refusal?.reason).toMatch(/^Unexpected binary file/)
    const bom = await lintOutcome(new Uint8Array([0xef, 0xbb, 0xbf, ...encode(completePlan)]))
    expect(bom.refusal).toBeUndefined()
    expect(bom.file.messages).toEqual([])
  })

  it('finds the first invalid byte of every kind of bad sequence', () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0x80], 1], // lone continuation byte
      [[0xc0, 0xaf], 0], // overlong
      [[0xe0, 0x80, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x61, 0xe2, 0x82], 1], // truncated
      [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], 7] // valid: the end
    ]
    for (const [bytes, offset] of cases) expect(firstInvalidUtf8(new Uint8Array(bytes)), bytes.join(' ')).toBe(offset)
  })
})

describe('the shape check', () => {
  it('passes every complete plan and reads code blocks, tables and lists as the parser does', () => {
    expect(checkShape(completePlan, defaultLimits)).toBeUndefined()
    // `]` in a fenced code block are not inline content; table rows and list items are chunks of their own.
    const code = '```json\n' + '[1], [2], [3], [4], [5], [6], [7], [8], [9], [10], [11], [12], [13], [14], [15], [16], [17], [18],\n'.repeat(15_000) + '```\n'
    expect(checkShape(code, defaultLimits)).toBeUndefined()
    const table = '| a | b |\n| --- | --- |\n' + '| [x](y) | [z][] |\n'.repeat(15_000) + '|' + ' [TBD] |'.repeat(10_000) + '\n'
    expect(checkShape(table, defaultLimits)).toBeUndefined()
    const list = '- [x](y) [z][]\n'.repeat(15_000)
    expect(checkShape(list, defaultLimits)).toBeUndefined()
    // `snake_case` does not count as emphasis.
    expect(checkShape('a_b_c '.repeat(60_000), defaultLimits)).toBeUndefined()
  })
})
