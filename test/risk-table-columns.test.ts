import type {Heading, Root, TableCell, TableRow} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import riskTableColumns from '../rules/risk-table-columns.js'
import {defaultPlaceholderSettings, placeholdersOf} from '../src/views/placeholders.js'
import {defaultRegistry} from '../src/template/registry.js'
import {createScale} from '../src/template/risk-scale.js'
import {defaultScaleAliases} from '../src/template/risk-facts.js'
import {labelKey} from '../src/support/text.js'
import {formatMessages, lint, onlyRule, root} from './helpers.js'

/** Options, the scale, and speed; the fixtures run in `test/rules.test.ts`. */
const ruleId = 'risk-table-columns'

describe('`risk-table-columns` options', () => {
  it.each([
    [{likelihood: 'Wahrscheinlichkeit'}, 'Unexpected value `"Wahrscheinlichkeit"` for option `rules.risk-table-columns[1].likelihood`, expected an array of likelihood column names'],
    [{scale: []}, 'Unexpected value `[]` for option `rules.risk-table-columns[1].scale`, expected at least one scale value'],
    [{impact: ['']}, 'Unexpected value `""` for option `rules.risk-table-columns[1].impact[0]`, expected impact column name'],
    [{scaleAliases: ['hoch']}, 'Unexpected value `["hoch"]` for option `rules.risk-table-columns[1].scaleAliases`, expected an object mapping words to scale values, such as `{"hoch": "High"}`'],
    [
      {scale: ['1', '2', '3'], scaleAliases: {hoch: 'High'}},
      'Unexpected value `"High"` for option `rules.risk-table-columns[1].scaleAliases.hoch`, expected a value of option `scale`: `1`, `2`, `3`'
    ],
    [{columns: ['Risk']}, 'Unexpected unknown option `rules.risk-table-columns[1].columns`']
  ])('rejects %j in the preset before any file is read', async (options, message) => {
    await expect(lint('# Plan\n', onlyRule(ruleId, ['error', options]))).rejects.toThrow(message)
  })

  it('validates options when the rule is used on its own', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter)
      .use(riskTableColumns, {scale: 'Low'} as never)
    const file = new VFile({value: '---\ntemplate: technical-plan\n---\n\n# Plan\n', path: 'plan.md'})
    await processor.run(processor.parse(file), file)
    // unified-lint-rule turns what a rule throws into a fatal message on the file.
    expect(file.messages.map((message) => message.reason)).toEqual([
      'Unexpected value `"Low"` for option `risk-table-columns.scale`, expected an array of scale values'
    ])
  })

  it('uses options when the rule is used on its own', async () => {
    const value = [
      '---',
      'template: technical-plan',
      '---',
      '',
      '# Technical Plan: X',
      '',
      '## Risks',
      '',
      '| Risk | Wahrsch. | Impact |',
      '| --- | --- | --- |',
      '| A | hoch | 9 |',
      ''
    ].join('\n')
    const options = {likelihood: ['Wahrsch.'], scaleAliases: {hoch: 'High'}}
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).use(riskTableColumns, options)
    const file = new VFile({value, path: 'plan.md'})
    await processor.run(processor.parse(file), file)
    expect(formatMessages(file)).toEqual(['11:14-11:15: Unexpected impact `9`, expected one of `Low`, `Medium`, `High` (the scale of template `technical-plan`)'])
  })
})

describe('risk scale', () => {
  const scale = createScale(['Low', 'Medium', 'High'], {hoch: 'High', extrem: 'Extreme'})

  it.each(['Low', 'low', 'MEDIUM', 'Med', 'med.', 'Lo', 'Hi', 'L', 'M', 'H', 'hoch', '🔴 High', 'High (regulatory)', 'Medium - only on iOS', 'Low, but rising'])(
    'accepts `%s`',
    (value) => {
      expect(scale.check(value)).toBe('on')
    }
  )

  it.each(['Very Low', 'very high', 'sehr hoch', 'Medium-High', 'Med-High', 'Low–Medium', 'Medium/High', 'Low to Medium', 'Med bis hoch', 'Very Low (rare)'])(
    'accepts the finer grade `%s`',
    (value) => {
      expect(scale.check(value)).toBe('on')
    }
  )

  it.each(['Critical', '🔴', '-', 'n/a', 'extrem', 'Lower', 'High/Low', 'Low-High', 'Very Often', 'Low/Med/High', 'very'])('rejects `%s`', (value) => {
    expect(scale.check(value)).toBe('off')
  })

  it.each(['Critical', 'severe', 'Minimal', 'mittel', 'niedrig', '🔴', '🟡', '🟢 Low', 'Very Critical'])(
    'accepts `%s` with the default aliases of a Low, Medium, High scale',
    (value) => {
      expect(createScale(['Low', 'Medium', 'High'], defaultScaleAliases).check(value)).toBe('on')
    }
  )

  it('ignores the default aliases for another scale', () => {
    expect(createScale(['1', '2', '3'], defaultScaleAliases).check('Critical')).toBe('off')
  })

  it('tells empty values apart', () => {
    expect(scale.check('  ')).toBe('empty')
  })

  it('does not take a prefix shared by two values as an abbreviation', () => {
    const shared = createScale(['Minor', 'Major'], {})
    expect(shared.check('M')).toBe('off')
    expect(shared.check('Mi')).toBe('on')
  })

  it('compares headers without case, spacing, a trailing `.`/`:` or note', () => {
    expect(labelKey(' Wahrsch. ')).toBe('wahrsch')
    expect(labelKey('**Likelihood**:')).toBe('**likelihood**')
    expect(labelKey('Impact  (1-5):')).toBe('impact')
    expect(labelKey('Risk   Description')).toBe('risk description')
  })
})

describe('`risk-table-columns` speed', () => {
  /**
   * A plan with one big risk table, built as a tree with positions (parsing
   * 100,000 rows takes far longer than the rule and is not what is measured).
   */
  function bigPlan(header: string[], rows: string[][]): {tree: Root; file: VFile} {
    const lines = ['---', 'template: technical-plan', '---', '', '## Risk Assessment', '']
    let offset = lines.reduce((sum, line) => sum + line.length + 1, 0)
    const tableRows: TableRow[] = []
    const tableStart = {line: lines.length + 1, column: 1, offset}
    const addRow = (cells: string[]): void => {
      const line = lines.length + 1
      const children: TableCell[] = []
      let text = ''
      for (const value of cells) {
        const cellStart = text.length
        text += '| '
        const contentStart = text.length
        text += value + ' '
        const point = (column: number) => ({line, column: column + 1, offset: offset + column})
        children.push({
          type: 'tableCell',
          children: value === '' ? [] : [{type: 'text', value, position: {start: point(contentStart), end: point(contentStart + value.length)}}],
          position: {start: point(cellStart), end: point(text.length)}
        })
      }
      text += '|'
      // The last cell ends after the closing pipe.
      children.at(-1)!.position!.end = {line, column: text.length + 1, offset: offset + text.length}
      tableRows.push({type: 'tableRow', children, position: {start: {line, column: 1, offset}, end: {line, column: text.length + 1, offset: offset + text.length}}})
      lines.push(text)
      offset += text.length + 1
    }
    addRow(header)
    lines.push('|' + ' --- |'.repeat(header.length))
    offset += lines.at(-1)!.length + 1
    for (const row of rows) addRow(row)
    const value = lines.join('\n') + '\n'
    const end = {line: lines.length, column: lines.at(-1)!.length + 1, offset: value.length - 1}
    const yamlEnd = value.indexOf('\n---') + 4
    const headingStart = value.indexOf('## ')
    const headingEnd = headingStart + '## Risk Assessment'.length
    const heading: Heading = {
      type: 'heading',
      depth: 2,
      children: [
        {
          type: 'text',
          value: 'Risk Assessment',
          position: {start: {line: 5, column: 4, offset: headingStart + 3}, end: {line: 5, column: 19, offset: headingEnd}}
        }
      ],
      position: {start: {line: 5, column: 1, offset: headingStart}, end: {line: 5, column: 19, offset: headingEnd}}
    }
    const tree: Root = {
      type: 'root',
      children: [
        {type: 'yaml', value: 'template: technical-plan', position: {start: {line: 1, column: 1, offset: 0}, end: {line: 3, column: 4, offset: yamlEnd}}},
        heading,
        {type: 'table', align: header.map(() => null), children: tableRows, position: {start: tableStart, end}}
      ],
      position: {start: {line: 1, column: 1, offset: 0}, end: {line: lines.length + 1, column: 1, offset: value.length}}
    }
    return {tree, file: new VFile({value, path: 'plan.md', cwd: root})}
  }

  /**
   * CPU time of the rule alone (template detection included), after a
   * warm-up run: the machine may be busy with other work, which wall time
   * would count.
   * @param sharedViews build the placeholder view first, as `no-placeholders`
   *   and `no-empty-sections` do in the preset (this rule shares it)
   */
  async function ruleTime(header: string[], rows: string[][], sharedViews = false): Promise<{milliseconds: number; file: VFile}> {
    const processor = unified().use(riskTableColumns)
    const warmUp = bigPlan(header, rows.slice(0, 10))
    await processor.run(warmUp.tree, warmUp.file)
    const {tree, file} = bigPlan(header, rows)
    if (sharedViews) {
      const template = defaultRegistry().get('technical-plan')!
      placeholdersOf(tree, String(file.value), template, defaultPlaceholderSettings)
    }
    const start = process.cpuUsage()
    await processor.run(tree, file)
    const used = process.cpuUsage(start)
    return {milliseconds: (used.user + used.system) / 1000, file}
  }

  it('reads the built tree as the parser would', async () => {
    const {tree, file} = bigPlan(['Risk', 'Likelihood', 'Impact'], [['A', 'Very Low', ''], ['B', 'High', 'Low']])
    const parsed = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).parse(String(file.value))
    expect(tree).toEqual(parsed)
  })

  it('checks a 100,000-row table in well under a second', async () => {
    const rows = Array.from({length: 100_000}, (_, index) => [`Risk ${index}`, index % 100 === 0 ? '' : 'Medium', 'High', 'Mitigate'])
    const {milliseconds, file} = await ruleTime(['Risk', 'Likelihood', 'Impact', 'Mitigation'], rows)
    console.info(`risk-table-columns: 100,000 rows in ${Math.round(milliseconds)} ms of CPU time`)
    expect(file.messages.length).toBe(1000)
    expect(formatMessages(file)[1]).toBe('109:13-109:15: Unexpected empty likelihood, expected one of `Low`, `Medium`, `High` (the scale of template `technical-plan`)')
    expect(milliseconds).toBeLessThan(1000)
  })

  it('checks a 100,000-row table with values off the scale in well under a second, given the shared placeholder view', async () => {
    const rows = Array.from({length: 100_000}, (_, index) => [`Risk ${index}`, index % 100 === 0 ? 'Frequent' : 'Medium', 'High', 'Mitigate'])
    const {milliseconds, file} = await ruleTime(['Risk', 'Likelihood', 'Impact', 'Mitigation'], rows, true)
    console.info(`risk-table-columns: 100,000 rows, 1,000 off the scale, in ${Math.round(milliseconds)} ms of CPU time`)
    expect(file.messages.length).toBe(1000)
    expect(formatMessages(file)[1]).toBe('109:14-109:22: Unexpected likelihood `Frequent`, expected one of `Low`, `Medium`, `High` (the scale of template `technical-plan`)')
    expect(milliseconds).toBeLessThan(1000)
  })

  it('checks a 10,000-column table in well under a second', async () => {
    const notes = Array.from({length: 9997}, (_, index) => `Note ${index}`)
    const header = ['Risk', 'Likelihood', 'Impact', ...notes]
    const rows = Array.from({length: 10}, () => ['A', 'Low', 'Unrated', ...notes.map(() => 'x')])
    const {milliseconds, file} = await ruleTime(header, rows)
    console.info(`risk-table-columns: 10,000 columns in ${Math.round(milliseconds)} ms of CPU time`)
    expect(file.messages.length).toBe(10)
    expect(milliseconds).toBeLessThan(1000)
  })

  it('reads a risk with 100,000 lines in linear time', async () => {
    const head = '---\ntemplate: planning-document\n---\n\n### Technical Risks\n\n1. '
    const body = '**Risk**: A\n' + '   more words without a colon\n'.repeat(100_000) + '   Impact: Unsure'
    const value = head + body + '\n'
    const point = (offset: number) => {
      const before = value.slice(0, offset)
      const line = before.split('\n').length
      return {line, column: offset - before.lastIndexOf('\n'), offset}
    }
    const start = head.length
    const end = start + body.length
    const paragraph = {type: 'paragraph', children: [{type: 'text', value: body}], position: {start: point(start), end: point(end)}} as const
    const tree = {
      type: 'root',
      children: [
        {type: 'yaml', value: 'template: planning-document', position: {start: point(0), end: point(34)}},
        {type: 'heading', depth: 3, children: [{type: 'text', value: 'Technical Risks'}], position: {start: point(36), end: point(55)}},
        {type: 'list', ordered: true, spread: false, children: [{type: 'listItem', spread: false, children: [paragraph], position: {start: point(57), end: point(end)}}], position: {start: point(57), end: point(end)}}
      ],
      position: {start: point(0), end: point(value.length)}
    } as unknown as Root
    const processor = unified().use(riskTableColumns)
    const file = new VFile({value, path: 'plan.md', cwd: root})
    const used = process.cpuUsage()
    await processor.run(tree, file)
    const {user, system} = process.cpuUsage(used)
    expect(formatMessages(file)).toEqual(['100008:12-100008:18: Unexpected impact `Unsure`, expected one of `Low`, `Medium`, `High` (the scale of template `planning-document`)'])
    expect((user + system) / 1000).toBeLessThan(1000)
  })

  it('reads long cells in linear time', async () => {
    const long = 'a' + ' -'.repeat(100_000) + '(' + '.'.repeat(100_000) + ' ' + '🔴'.repeat(50_000)
    const {milliseconds, file} = await ruleTime(['Risk', 'Likelihood', 'Impact'], [['A', long, 'High']])
    expect(file.messages.length).toBe(1)
    expect(milliseconds).toBeLessThan(1000)
  })
})
