import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {List, ListItem, Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import checklistFormat, {type ChecklistFormatOptions} from '../rules/checklist-format.js'
import remarkPlanLint from '../src/index.js'
import {OptionsError} from '../src/pipeline/options.js'
import {ruleFixtures} from './fixtures.js'
import {formatMessages, lint, onlyRule, root} from './helpers.js'

/**
 * What the fixtures cannot show: the `expected` of every message (the quick
 * fix editors offer), the `checkedStyle` option, options validation, the rule
 * used on its own, and its speed on adversarial input.
 */

const rfc = {templates: ['fixtures/templates/rfc.md']}
const plan = (body: string): string => '---\ntemplate: rfc\n---\n\n# RFC: Checklists\n\n' + body

/** `line:col-line:col: message` plus the message’s `expected`, for each message. */
async function findings(value: string, setting: unknown = 'error'): Promise<Array<[string, string[] | undefined]>> {
  const file = await lint(value, onlyRule('checklist-format', setting, rfc))
  const lines = formatMessages(file)
  return file.messages.map((message, index) => [lines[index]!, message.expected ?? undefined])
}

describe('checklist-format: `expected` of every not-ok fixture message', () => {
  const expectedByFixture: Record<string, Array<string | undefined>> = {
    'not-ok-box-shapes': ['[ ]', '[x]', '[x]', '[ ]', '[x]', '[x]', '[x]', '[ ]'],
    'not-ok-box-states': ['[ ]', '[ ]'],
    'not-ok-check-symbols': ['- [ ] ', undefined, '- [x]'],
    'not-ok-check-symbols-consistent': ['[x]'],
    'not-ok-check-symbols-style': ['[x]', '[x]'],
    'not-ok-numbered-steps': ['2. [ ] '],
    'not-ok-task-fields': ['- [ ] ', '- [ ] '],
    'not-ok-empty': [undefined, undefined, undefined, undefined],
    'not-ok-mixed': ['- [ ] ', undefined],
    'not-ok-optional-marker': ['[ ] (optional)', '[x] (optional)'],
    'not-ok-outside-list': ['- [ ]', '- [ ]', '- [x]', '- [ ]', '- [x]'],
    'not-ok-own-task-list': ['2. [ ] '],
    'not-ok-spacing': ['- [ ]', '- [x]', '[ ] ', '[x] ', '[ ] ', '1. [ ]'],
    'not-ok-template-box-line': ['- [x]', '- [ ]']
  }
  const fixtures = ruleFixtures('checklist-format').filter((fixture) => fixture.name.startsWith('not-ok'))

  it('covers every not-ok fixture', () => {
    expect(fixtures.map((fixture) => fixture.name).sort()).toEqual(Object.keys(expectedByFixture).sort())
  })

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', async (name, fixture) => {
    const file = await lint(fixture.value, onlyRule('checklist-format', 'error', fixture.options), fixture.file)
    expect(file.messages.map((message) => message.expected?.[0])).toEqual(expectedByFixture[name])
  })

  it('replacing each place with its `expected` fixes the near-miss', async () => {
    for (const fixture of fixtures) {
      const file = await lint(fixture.value, onlyRule('checklist-format', 'error', fixture.options), fixture.file)
      const fixes = file.messages
        .filter((message) => message.expected?.[0] !== undefined && message.place && 'start' in message.place)
        .map((message) => {
          const place = message.place as {start: {offset?: number}; end: {offset?: number}}
          return {start: place.start.offset!, end: place.end.offset!, text: message.expected![0]!}
        })
        .sort((a, b) => b.start - a.start)
      let value = fixture.value
      for (const fix of fixes) value = value.slice(0, fix.start) + fix.text + value.slice(fix.end)
      const after = await lint(value, onlyRule('checklist-format', 'error', fixture.options), fixture.file)
      // Only findings without one right fix remain (empty tasks, a task in a plain list).
      expect(after.messages.every((message) => message.expected === undefined), name(fixture.name, after)).toBe(true)
    }
  })
})

function name(fixture: string, file: VFile): string {
  return fixture + ': ' + formatMessages(file).join('; ')
}

describe('checklist-format: `checkedStyle`', () => {
  const value = plan('- [x] Lower\n- [X] Upper\n- [ ] Open\n- [x ] Near miss\n')

  it('is off by default (`any`)', async () => {
    expect(await findings(value)).toEqual([
      ['10:3-10:7: Unexpected checkbox `[x ]`, expected `[x]`', ['[x]']]
    ])
  })

  it('`x` wants every checked box lower case', async () => {
    expect(await findings(value, ['error', {checkedStyle: 'x'}])).toEqual([
      ['8:3-8:6: Unexpected checkbox `[X]`, expected `[x]` (option `checkedStyle` is `"x"`)', ['[x]']],
      ['10:3-10:7: Unexpected checkbox `[x ]`, expected `[x]`', ['[x]']]
    ])
  })

  it('the example in the rule’s doc is what the rule says', async () => {
    const doc = readFileSync(path.join(root, 'rules', 'checklist-format.md'), 'utf8')
    const options = doc.slice(doc.indexOf('\n## Options\n'), doc.indexOf('\n## Examples\n'))
    const example = /```markdown\n([\s\S]*?)\n```[\s\S]*?```text\n([\s\S]*?)\n```/.exec(options)
    expect(example).not.toBeNull()
    const [, markdown, report] = example!
    expect(markdown + '\n').toBe(value)
    expect((await findings(markdown!, ['error', {checkedStyle: 'x'}])).map(([line]) => line)).toEqual(report!.split('\n'))
  })

  it('`X` wants every checked box upper case, fixes of near-misses too', async () => {
    expect(await findings(value, ['error', {checkedStyle: 'X'}])).toEqual([
      ['7:3-7:6: Unexpected checkbox `[x]`, expected `[X]` (option `checkedStyle` is `"X"`)', ['[X]']],
      ['10:3-10:7: Unexpected checkbox `[x ]`, expected `[X]`', ['[X]']]
    ])
  })

  it('`consistent` takes the first checked box’s letter', async () => {
    expect(await findings(plan('- [ ] Open\n- [X] First\n- [x] Second\n- [v] Near miss\n'), ['error', {checkedStyle: 'consistent'}])).toEqual([
      ['9:3-9:6: Unexpected checkbox `[x]`, expected `[X]` like the first checked box (line 8)', ['[X]']],
      ['10:3-10:6: Unexpected checkbox `[v]`, expected `[X]`', ['[X]']]
    ])
  })

  it('`any` leaves letters alone, and near-miss fixes follow the first checked box', async () => {
    expect(await findings(plan('- [X] First\n- [x] Second\n- [v] Near miss\n'), ['error', {checkedStyle: 'any'}])).toEqual([
      ['9:3-9:6: Unexpected checkbox `[v]`, expected `[X]`', ['[X]']]
    ])
  })
})

describe('checklist-format: options', () => {
  it('the preset rejects a bad `checkedStyle` before any file is read', () => {
    const processor = unified().use(remarkParse).use(remarkPlanLint, onlyRule('checklist-format', ['error', {checkedStyle: 'y'}]))
    expect(() => processor.freeze()).toThrow(
      new OptionsError(
        'Unexpected value `"y"` for option `rules.checklist-format[1].checkedStyle`, expected `"x"`, `"X"`, `"consistent"` or `"any"`'
      )
    )
  })

  it('the preset rejects an unknown option', () => {
    const processor = unified().use(remarkParse).use(remarkPlanLint, onlyRule('checklist-format', ['error', {checkStyle: 'x'}]))
    expect(() => processor.freeze()).toThrow(
      /^Unexpected unknown option `rules\.checklist-format\[1\]\.checkStyle`/
    )
  })

  it('the rule on its own validates its options when attached', () => {
    for (const config of [{checkedStyle: 'y'}, ['warn', {checkedStyle: 'y'}]]) {
      const processor = unified().use(remarkParse).use(remarkGfm).use(checklistFormat, config as ChecklistFormatOptions)
      expect(() => processor.freeze()).toThrow(
        new OptionsError('Unexpected value `"y"` for option `checkedStyle`, expected `"x"`, `"X"`, `"consistent"` or `"any"`')
      )
    }
  })

  it('the rule on its own works with the built-in templates and its options', async () => {
    const options = {checkedStyle: 'x' as const}
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(checklistFormat, options)
    for (let run = 0; run < 2; run++) {
      const file = new VFile({value: '---\ntemplate: tip\n---\n\n- [X] a\n- []b\n', cwd: root})
      await processor.run(processor.parse(file), file)
      expect(formatMessages(file)).toEqual([
        '5:3-5:6: Unexpected checkbox `[X]`, expected `[x]` (option `checkedStyle` is `"x"`)',
        '6:3-6:5: Unexpected checkbox `[]` with text right after it, expected `[ ]` and a space'
      ])
      expect(file.messages.map((message) => message.ruleId)).toEqual(['checklist-format', 'checklist-format'])
    }
  })
})

describe('checklist-format: edge cases', () => {
  it('says nothing on a plan without a template', async () => {
    expect(await findings('# Notes\n\n- [] a\n-[ ] b\n')).toEqual([])
  })

  it('reads positions after a byte order mark and with CRLF line endings', async () => {
    expect(await findings('\uFEFF' + plan('- [] a\n- [ ] b\n[ ] c\n').replace(/\n/g, '\r\n'))).toEqual([
      ['7:3-7:5: Unexpected checkbox `[]`, expected `[ ]`', ['[ ]']],
      ['9:1-9:4: Unexpected checkbox `[ ]` not at the start of a list item, expected a task item `- [ ]`', ['- [ ]']]
    ])
  })

  it('reads a paragraph of bare boxes as a checklist, and a single wrapped `[x]` as prose', async () => {
    expect(await findings(plan('Press\n[x] to close.\n\nTo do:\n[ ] one\n[ ] two\n'))).toEqual([
      ['11:1-11:4: Unexpected checkbox `[ ]` not at the start of a list item, expected a task item `- [ ]`', ['- [ ]']],
      ['12:1-12:4: Unexpected checkbox `[ ]` not at the start of a list item, expected a task item `- [ ]`', ['- [ ]']]
    ])
  })

  it('reports a box shape and an empty task at the same place', async () => {
    expect(await findings(plan('- []\n- [ ] b\n'))).toEqual([
      ['7:3-7:5: Unexpected checkbox `[]`, expected `[ ]`', ['[ ]']],
      ['7:3-7:5: Unexpected task item without text, expected what to do after `[ ]`', undefined]
    ])
  })

  it('replaces a no-break space after a box along with the box', async () => {
    expect(await findings(plan('-[ ]\u00A0a\n\n[ ]\u00A0b\n'))).toEqual([
      ['7:1-7:6: Unexpected checkbox `-[ ]`, expected `- [ ]` with a space after the bullet', ['- [ ] ']],
      ['9:1-9:5: Unexpected checkbox `[ ]` not at the start of a list item, expected a task item `- [ ]`', ['- [ ] ']]
    ])
  })

  it('reads a marker followed by `=` or `:` as a legend, in a list or not', async () => {
    expect(await findings(plan('- [ ] = open\n- [-] = in progress\n- [~]: dropped\n\n[-] = in progress\n[x] = done\n'))).toEqual([])
  })

  it('handles deep nesting without overflowing the stack', async () => {
    const depth = 2000
    const value = plan('> '.repeat(depth) + '- [] deep\n')
    // The preset’s limits refuse such a file before parsing; without them the rule still copes.
    const file = await lint(value, onlyRule('checklist-format', 'error', {...rfc, limits: false}))
    expect(formatMessages(file)).toHaveLength(1)
    expect(formatMessages(file)[0]).toMatch(/Unexpected checkbox `\[\]`, expected `\[ \]`$/)
    await expect(findings(value)).rejects.toThrow(/Unexpected nesting 2001 levels deep/)
  })
})

describe('checklist-format: speed on adversarial input', () => {
  // The parse of some of these inputs takes minutes (micromark, not this
  // rule), so big inputs get a tree built here, which the first test proves
  // equal to the parser's on small inputs; small ones are parsed.
  const header = '---\ntemplate: rfc\n---\n\n# RFC: Checklists\n\n'
  const headerLines = header.split('\n').length

  function parse(value: string): Root {
    return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(value)
  }

  const point = (line: number, column: number, offset: number) => ({line, column, offset})

  /** `header` then `count` one-line list items `line` (a task item when `checked` is a boolean). */
  function listTree(line: string, count: number, checked: boolean | null): {value: string; tree: Root} {
    const value = header + (line + '\n').repeat(count)
    const tree = parse(header)
    const contentStart = checked === null ? 2 : 6
    const items: ListItem[] = []
    for (let index = 0; index < count; index++) {
      const lineNumber = headerLines + index
      const offset = header.length + index * (line.length + 1)
      const end = point(lineNumber, line.length + 1, offset + line.length)
      const start = point(lineNumber, contentStart + 1, offset + contentStart)
      items.push({
        type: 'listItem',
        spread: false,
        checked,
        children: [
          {
            type: 'paragraph',
            children: [{type: 'text', value: line.slice(contentStart), position: {start, end}}],
            position: {start, end}
          }
        ],
        position: {start: point(lineNumber, 1, offset), end}
      })
    }
    const list: List = {
      type: 'list',
      ordered: false,
      start: null,
      spread: false,
      children: items,
      position: {start: items[0]!.position!.start, end: items.at(-1)!.position!.end}
    }
    tree.children.push(list)
    tree.position = {start: point(1, 1, 0), end: point(headerLines + count, 1, value.length)}
    return {value, tree}
  }

  /** `header` then one paragraph of plain text `text` (no inline syntax GFM would parse). */
  function paragraphTree(text: string): {value: string; tree: Root} {
    const value = header + text + '\n'
    const tree = parse(header)
    const lines = text.split('\n')
    const start = point(headerLines, 1, header.length)
    const end = point(headerLines + lines.length - 1, lines.at(-1)!.length + 1, header.length + text.length)
    tree.children.push({type: 'paragraph', children: [{type: 'text', value: text, position: {start, end}}], position: {start, end}})
    tree.position = {start: point(1, 1, 0), end: point(headerLines + lines.length, 1, value.length)}
    return {value, tree}
  }

  const cases: Array<[string, (count: number) => {value: string; tree: Root}, number, number]> = [
    ['100,000 task items', (count) => listTree('- [ ] Task', count, false), 100_000, 0],
    // Each message is a `VFileMessage` (an `Error` with a stack): tens of
    // microseconds each, whatever the rule. Inputs with a finding per line
    // use 10,000 lines.
    ['10,000 near-miss items `- [] Task`', (count) => listTree('- [] Task', count, null), 10_000, 10_000],
    ['a 1 MB line of `[ ]`', (count) => paragraphTree('[ ]'.repeat(count)), 350_000, 0],
    ['a 1 MB line of `[ ] `', (count) => paragraphTree('[ ] '.repeat(count).trimEnd()), 260_000, 1],
    ['10,000 lines of `-[ ] a` in one paragraph', (count) => paragraphTree(Array(count).fill('-[ ] a').join('\n')), 10_000, 10_000],
    ['100,000 plain lines in one paragraph', (count) => paragraphTree(Array(count).fill('a line').join('\n')), 100_000, 0]
  ]

  it.each(cases)('the tree built for %s is the parser’s', (_name, make) => {
    const {value, tree} = make(4)
    expect(JSON.parse(JSON.stringify(tree))).toEqual(JSON.parse(JSON.stringify(parse(value))))
  })

  /**
   * Milliseconds the rule takes on a tree, and a limit: one second, or five
   * times a bare `unist-util-visit` walk of the same tree on a machine slow
   * enough that such a walk takes more than 200 ms. A rule that is not
   * linear misses either by orders of magnitude.
   */
  async function ruleTime(value: string, tree: Root): Promise<{milliseconds: number; limit: number; messages: number}> {
    const processor = unified().use(remarkParse).use(remarkPlanLint, onlyRule('checklist-format', 'error', rfc))
    // Warm up: build the template registry and compile the rule first.
    const warmUp = new VFile({value: plan('- [] a\n'), path: 'plan.md', cwd: root})
    await processor.run(processor.parse(warmUp), warmUp)
    let start = performance.now()
    let paragraphs = 0
    visit(tree, 'paragraph', () => {
      paragraphs++
    })
    const walk = performance.now() - start
    expect(paragraphs).toBeGreaterThan(0)
    const file = new VFile({value, path: 'plan.md', cwd: root})
    start = performance.now()
    await processor.run(tree, file)
    return {milliseconds: performance.now() - start, limit: Math.max(1000, 5 * walk), messages: file.messages.length}
  }

  it.each(cases)('%s', async (_name, make, count, messages) => {
    const {value, tree} = make(count)
    const result = await ruleTime(value, tree)
    expect(result.messages).toBe(messages)
    expect(result.milliseconds).toBeLessThan(result.limit)
  })

  it.each([
    ['50,000 `[` in a row', header + '['.repeat(50_000) + '\n'],
    ['50,000 `[` after a list bullet', header + '- ' + '['.repeat(50_000) + '\n'],
    ['a bracket followed by 100,000 spaces', header + '- [' + ' '.repeat(100_000) + 'x]\n']
  ])('%s (parsed)', async (_name, value) => {
    const result = await ruleTime(value, parse(value))
    expect(result.messages).toBe(0)
    expect(result.milliseconds).toBeLessThan(result.limit)
  })
})
