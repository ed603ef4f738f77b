import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import noEmptySections from '../rules/no-empty-sections.js'
import noPlaceholders from '../rules/no-placeholders.js'
import {builtinTemplates} from '../src/template/builtin.js'
import {choiceRuns} from '../src/markdown/choices.js'
import {defaultPlaceholderSettings, findUnresolvedChoices, placeholdersOf} from '../src/views/placeholders.js'
import {parseTemplate, type Template} from '../src/template/template.js'
import {formatMessages, lint, onlyRule} from './helpers.js'

function builtin(id: string): Template {
  const template = builtinTemplates().find((item) => item.id === id)
  if (!template) throw new Error('No built-in template ' + id)
  return template
}

const technicalPlan = builtin('technical-plan')

/** A technical-plan plan with `body` after its title. */
function plan(body: string): string {
  return `---\ntemplate: technical-plan\n---\n\n# Technical Plan: Exports\n\n${body}\n`
}

async function placeholderMessages(body: string, options?: unknown): Promise<string[]> {
  const setting = options === undefined ? 'error' : ['error', options]
  return formatMessages(await lint(plan(body), onlyRule('no-placeholders', setting)))
}

describe('findUnresolvedChoices', () => {
  it('finds runs with two or more alternatives of the template’s choices, with offsets in the text', () => {
    expect(findUnresolvedChoices('Low/Med/High', technicalPlan)).toMatchObject([{start: 0, end: 12, value: 'Low/Med/High'}])
    expect(findUnresolvedChoices('Impact: med / HIGH.', technicalPlan)).toMatchObject([{start: 8, end: 18, value: 'med / HIGH'}])
    expect(findUnresolvedChoices('Draft | Review | Approved', technicalPlan)).toMatchObject([
      {start: 0, end: 25, value: 'Draft | Review | Approved'}
    ])
    expect(findUnresolvedChoices('[Required/Optional/None]', technicalPlan)).toMatchObject([
      {start: 1, end: 23, value: 'Required/Optional/None'}
    ])
  })

  it('leaves resolved values, prose and paths alone', () => {
    for (const text of ['High', 'Low', 'the high/low water mark', 'read/write', 'GET /api/low/high', 'High / unknown words here']) {
      expect(findUnresolvedChoices(text, technicalPlan), text).toEqual([])
    }
  })

  it('takes its vocabulary from the template', () => {
    expect([...technicalPlan.choiceVocabulary].sort()).toEqual(
      ['approved', 'draft', 'high', 'low', 'med', 'none', 'optional', 'required', 'review'].sort()
    )
    // `[Jest/Vitest/pytest/etc.]` is a list of examples, `[POST /api/resource]` a path.
    const implementation = builtin('implementation-plan').choiceVocabulary
    expect(implementation.has('jest')).toBe(false)
    expect(implementation.has('api')).toBe(false)
    expect(builtin('tip').choiceVocabulary.has('xs')).toBe(true)
    const own = parseTemplate('# Own: [Name]\n\n## Status\n\nTodo / Doing / Done\n', 'own.md', 'own')
    expect(findUnresolvedChoices('Doing/Done', own)).toHaveLength(1)
    expect(findUnresolvedChoices('Low/Med/High', own)).toEqual([])
  })

  it('splits a run where the separator changes', () => {
    expect(choiceRuns('a/b | c').map((run) => run.alternatives.map((alternative) => alternative.text))).toEqual([
      ['a', 'b'],
      ['b', 'c']
    ])
  })
})

describe('`no-placeholders` options', () => {
  it('accepts findings on the allow list: strings and `/…/flags` regular expressions', async () => {
    const body = 'Tasks [P] and [US1] and [US12], [sic], [Owner].'
    expect(await placeholderMessages(body)).toHaveLength(5)
    expect(await placeholderMessages(body, {allow: ['[P]', '[sic]', '/^\\[US\\d+\\]$/']})).toEqual([
      '7:40-7:47: Unexpected placeholder `[Owner]`, expected the real value'
    ])
    expect(await placeholderMessages('Status: Low/Med/High', {allow: ['/^low\\/med/i']})).toEqual([])
  })

  it('takes its own markers, upper-case ones matched case-sensitively', async () => {
    const body = 'XXX: pick a queue. xxx is fine. Later: Pending review. TBD.'
    expect(await placeholderMessages(body, {markers: ['XXX', 'pending review']})).toEqual([
      '7:1-7:4: Unexpected marker `XXX`, expected the decision or the missing text',
      '7:40-7:54: Unexpected marker `Pending review`, expected the decision or the missing text'
    ])
    expect(await placeholderMessages('TBD and TODO.', {markers: []})).toEqual([])
  })

  it('checks code only with `code: true`', async () => {
    const body = 'Run `deploy [env]`.\n\n```text\nsrc/\n└── feature.ts  # [NEW]\n```'
    expect(await placeholderMessages(body)).toEqual([])
    expect(await placeholderMessages(body, {code: true})).toEqual([
      '7:13-7:18: Unexpected placeholder `[env]`, expected the real value',
      '11:19-11:24: Unexpected placeholder `[NEW]`, expected the real value'
    ])
  })

  it('rejects bad options before any file is checked, naming the option', async () => {
    await expect(lint(plan('x'), onlyRule('no-placeholders', ['error', {allow: ['/[/']}]))).rejects.toThrow(
      /`rules\.no-placeholders\[1\]\.allow\[0\]`/
    )
    await expect(lint(plan('x'), onlyRule('no-placeholders', ['error', {markers: 'TBD'}]))).rejects.toThrow(
      /`rules\.no-placeholders\[1\]\.markers`/
    )
    await expect(lint(plan('x'), onlyRule('no-placeholders', ['error', {code: true, extra: 1}]))).rejects.toThrow(
      /unknown option `rules\.no-placeholders\[1\]\.extra`/
    )
  })
})

describe('the rules on their own (without the preset)', () => {
  function processorWith(plugin: typeof noPlaceholders | typeof noEmptySections, options?: unknown) {
    return unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkFrontmatter, ['yaml'])
      .use(plugin as never, options as never)
  }

  it('validate their options and use the built-in templates', async () => {
    const file = new VFile({value: plan('Owner: [Team name]\n\n## Executive Summary\n'), path: 'plan.md'})
    const processor = processorWith(noPlaceholders, {allow: ['[P]']})
    await processor.run(processor.parse(file), file)
    expect(formatMessages(file)).toEqual(['7:8-7:19: Unexpected placeholder `[Team name]`, expected the real value'])

    // unified-lint-rule turns an error in a rule into a message on the file.
    const badFile = new VFile('')
    const bad = processorWith(noPlaceholders, {allow: [3]})
    await bad.run(bad.parse(badFile), badFile)
    expect(badFile.messages.map((message) => [message.ruleId, message.reason])).toEqual([
      ['no-placeholders', 'Unexpected value `3` for option `allow[0]`, expected a string, or a regular expression written `"/…/flags"`']
    ])

    const sections = new VFile({value: plan('## Executive Summary\n'), path: 'plan.md'})
    const empty = processorWith(noEmptySections)
    await empty.run(empty.parse(sections), sections)
    expect(formatMessages(sections)).toEqual([
      '7:1-7:21: Unexpected empty section `## Executive Summary`, expected content under the heading or the heading removed'
    ])
  })

  it('stay quiet on a file that follows no template', async () => {
    const value = '# Notes\n\n## Todo\n\n[Team name] TBD Low/Med/High\n\n## Empty\n'
    for (const id of ['no-placeholders', 'no-empty-sections']) {
      expect(formatMessages(await lint(value, onlyRule(id)))).toEqual([])
    }
  })
})

describe('positions', () => {
  it('cover exactly the placeholder, past escapes, entities and CRLF', async () => {
    const value = plan('A \\[b\\] &amp; [Team name]\r\nand *[Reviewer]*').replace(/\n/g, '\r\n').replace(/\r\r/g, '\r')
    expect(formatMessages(await lint(value, onlyRule('no-placeholders')))).toEqual([
      '7:15-7:26: Unexpected placeholder `[Team name]`, expected the real value',
      '8:6-8:16: Unexpected placeholder `[Reviewer]`, expected the real value'
    ])
  })

  it('count from after a byte order mark', async () => {
    const value = '\uFEFF' + plan('Owner: [Team name]')
    expect(formatMessages(await lint(value, onlyRule('no-placeholders')))).toEqual([
      '7:8-7:19: Unexpected placeholder `[Team name]`, expected the real value'
    ])
  })
})

describe('linear time on adversarial input', () => {
  /** CPU time of this process since `start`: unlike wall time, it does not grow when other processes load the machine. */
  function cpuMilliseconds(start: NodeJS.CpuUsage): number {
    const {user, system} = process.cpuUsage(start)
    return (user + system) / 1000
  }

  /** A tree of one paragraph holding `value` as one text node, as the parser gives it. */
  function paragraphTree(value: string): Root {
    const end = {line: 1, column: value.length + 1, offset: value.length}
    const position = {start: {line: 1, column: 1, offset: 0}, end}
    return {type: 'root', children: [{type: 'paragraph', children: [{type: 'text', value, position}], position}], position}
  }

  const inputs: Record<string, string> = {
    'opening brackets': '['.repeat(50_000),
    'closing brackets': ']'.repeat(50_000),
    'bracket pairs': '[a]'.repeat(100_000),
    'spaced bracket pairs': '[a] '.repeat(25_000),
    'nested brackets': '[a '.repeat(30_000) + ']'.repeat(30_000),
    slashes: 'a/'.repeat(50_000),
    'spaced slashes': 'a / '.repeat(25_000),
    pipes: 'Low | '.repeat(20_000),
    'choice words': 'Low/Med/High and '.repeat(6_000),
    words: 'a '.repeat(50_000),
    'one long space': 'a' + ' '.repeat(100_000) + '/b',
    quotes: '"[a] '.repeat(25_000),
    'marker prefixes': 'NEEDS '.repeat(20_000),
    'duration prefixes': 'X '.repeat(50_000),
    'date prefixes': 'YYYY-'.repeat(20_000),
    backslashes: '\\'.repeat(100_000),
    ampersands: '&#'.repeat(50_000)
  }

  it.each(Object.entries(inputs))('%s', (_, value) => {
    const tree = paragraphTree(value)
    const template = builtin('tip')
    void template.choiceVocabulary
    const start = process.cpuUsage()
    placeholdersOf(tree, value, template, defaultPlaceholderSettings)
    findUnresolvedChoices(value, template)
    choiceRuns(value)
    expect(cpuMilliseconds(start)).toBeLessThan(500)
  })

  it('no-empty-sections over 10,000 empty sections', async () => {
    const file = new VFile({value: plan('## Extra\n\n'.repeat(10_000)), path: 'plan.md'})
    const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(noEmptySections)
    const tree = processor.parse(file)
    const start = process.cpuUsage()
    await processor.run(tree, file)
    expect(file.messages).toHaveLength(10_000)
    expect(cpuMilliseconds(start)).toBeLessThan(1000)
  })
})
