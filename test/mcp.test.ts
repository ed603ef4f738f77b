import {execFileSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js'
import {Ajv, type ValidateFunction} from 'ajv'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {startMcpServer, type McpSession} from '../scripts/mcp-client.js'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject} from './packed.js'

interface CliMessage {
  ruleId: string | null
  source: string | null
  severity: string
  message: string
  line: number
  column: number
  endLine: number | null
  endColumn: number | null
  url: string | null
  expected: string[] | null
  fix?: unknown
}

interface McpMessage extends Omit<CliMessage, 'source' | 'fix'> {
  fixable: boolean
}

interface LintResult {
  files: Array<{path: string; template: string | null; coverage: number; status: string | null; messages: McpMessage[]}>
  errors: number
  warnings: number
}

const toolNames = ['lint', 'which', 'templates', 'new_plan', 'fix', 'explain_rule']

/** A `--format json` finding as the MCP tools give it, less `fixable` (JSON leaves out an end the finding has not). */
function asMcp({source: _, fix: __, ...rest}: CliMessage): Omit<McpMessage, 'fixable'> {
  return {...rest, endLine: rest.endLine ?? null, endColumn: rest.endColumn ?? null}
}

function withoutFixable(messages: McpMessage[]): Array<Omit<McpMessage, 'fixable'>> {
  return messages.map(({fixable: _, ...rest}) => rest)
}

/**
 * The installed `plan-lint-mcp` over stdio, driven by the SDK's own client,
 * checked against the installed `plan-lint` on the same files.
 */
describe('plan-lint-mcp (packed tarball, stdio)', () => {
  let project: PackedProject
  let work: string
  let session: McpSession
  const binary = () => path.join(inject('packedProject'), 'node_modules', '.bin', 'plan-lint-mcp')
  const cli = (args: string[], cwd = work) => project.run('plan-lint', args, {cwd})
  const call = async (name: string, args: Record<string, unknown> = {}) =>
    (await session.client.callTool({name, arguments: args})) as CallToolResult
  const structured = async <T>(name: string, args: Record<string, unknown> = {}): Promise<T> => {
    const result = await call(name, args)
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy()
    expect(result.content[0]).toMatchObject({type: 'text'})
    return result.structuredContent as T
  }

  const mutations = mutationsOf('technical-plan')
  const renamed = mutations.find((mutation) => mutation.name.startsWith('renaming'))!
  const demoted = mutations.find((mutation) => mutation.name.startsWith('demoting'))!

  beforeAll(async () => {
    project = openPackedProject(inject('packedProject'))
    work = mkdtempSync(path.join(project.directory, 'mcp-'))
    cpSync(path.join(root, 'examples'), path.join(work, 'examples'), {recursive: true})
    for (const template of readdirSync(path.join(root, 'fixtures', 'plans'))) {
      cpSync(path.join(root, 'fixtures', 'plans', template), path.join(work, 'plans', template), {recursive: true})
    }
    writeFiles(work, {
      'docs/renamed.md': renamed.value,
      'docs/demoted.md': demoted.value,
      // Its own configuration: the MCP server finds it as the CLI does.
      'team/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {rules: {'required-headings': 'warn'}}]]}),
      'team/plan.md': renamed.value,
      'fix/plan.md': renamed.value,
      'fix/written.md': demoted.value
    })
    session = await startMcpServer([binary()], work)
  })

  afterAll(async () => {
    await session?.close()
  })

  it('lists the six tools with valid input and output schemas and their annotations', async () => {
    const {tools} = await session.client.listTools()
    expect(tools.map((tool) => tool.name).sort()).toEqual([...toolNames].sort())
    const ajv = new Ajv({strict: true})
    const outputs = new Map<string, ValidateFunction>()
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object')
      expect(tool.outputSchema?.type).toBe('object')
      expect(tool.description?.length).toBeGreaterThan(20)
      // Each compiles as a JSON schema (the draft they name).
      expect(() => ajv.compile(tool.inputSchema)).not.toThrow()
      outputs.set(tool.name, ajv.compile(tool.outputSchema!))
      expect(tool.annotations?.readOnlyHint).toBe(tool.name !== 'fix')
    }
    // A result meets its schema (the SDK client checks every result too).
    const lint = await structured('lint', {paths: ['docs']})
    expect(outputs.get('lint')!(lint), JSON.stringify(outputs.get('lint')!.errors)).toBe(true)
    expect(outputs.get('lint')!({files: [], errors: 'none'})).toBe(false)
    const lintTool = tools.find((tool) => tool.name === 'lint')!
    expect(Object.keys(lintTool.inputSchema.properties ?? {}).sort()).toEqual(['content', 'path', 'paths', 'template'])
    expect(Object.keys(lintTool.outputSchema!['properties'] as object).sort()).toEqual(['errors', 'files', 'warnings'])
    const fix = tools.find((tool) => tool.name === 'fix')!
    expect(Object.keys(fix.inputSchema.properties ?? {}).sort()).toEqual(['content', 'path', 'write'])
    expect(Object.keys(fix.outputSchema!['properties'] as object).sort()).toEqual(['diff', 'fixed', 'remaining', 'text'])
  })

  it('`lint` gives the findings `plan-lint --format json` gives on the same files, with template, coverage and fixability', async () => {
    const paths = ['examples', 'plans', 'docs', 'team']
    const result = await structured<LintResult>('lint', {paths})
    const report = JSON.parse(cli(['--format', 'json', '--fix-dry-run', ...paths]).stdout) as Array<{path: string; messages: CliMessage[]}>
    expect(result.files.map((file) => file.path)).toEqual(report.map((file) => file.path))
    expect(result.files.length).toBeGreaterThan(15)
    for (const [index, file] of result.files.entries()) {
      const expected = report[index]!.messages
      expect(withoutFixable(file.messages)).toEqual(expected.map(asMcp))
      expect(file.messages.map((message) => message.fixable)).toEqual(expected.map((message) => message.fix !== undefined))
    }
    const all = report.flatMap((file) => file.messages)
    expect(result.errors).toBe(all.filter((message) => message.severity === 'error').length)
    expect(result.warnings).toBe(all.filter((message) => message.severity === 'warning').length)
    // The team's `.remarkrc.json` makes its heading finding a warning.
    expect(result.files.find((file) => file.path === 'team/plan.md')!.messages.map((message) => message.severity)).toEqual(['warning'])
    expect(result.files.find((file) => file.path === 'docs/renamed.md')!.messages.map((message) => message.severity)).toEqual(['error'])

    // Template and coverage as `plan-lint which` prints them.
    const which = cli(['which', ...result.files.map((file) => file.path)]).stdout.trim().split('\n')
    expect(result.files.map((file) => `${file.path}\t${file.template ?? 'none'}\t${file.coverage.toFixed(2)}`)).toEqual(which)
    expect(result.files.find((file) => file.path === 'plans/technical-plan/filled.md')).toMatchObject({template: 'technical-plan', status: 'Approved', messages: []})
    expect(result.files.find((file) => file.path === 'examples/not-a-plan/' + readdirSync(path.join(work, 'examples', 'not-a-plan'))[0])?.template).toBeNull()
  })

  it('`lint` checks unsaved text as the file at `path`, with that place’s configuration', async () => {
    const saved = await structured<LintResult>('lint', {paths: ['team/plan.md']})
    const unsaved = await structured<LintResult>('lint', {content: renamed.value, path: 'team/unsaved.md'})
    expect(unsaved.files).toEqual([{...saved.files[0]!, path: 'team/unsaved.md'}])
    const forced = await structured<LintResult>('lint', {content: '# Notes\n\nNothing here.\n', path: 'notes.md', template: 'tip'})
    expect(forced.files[0]).toMatchObject({template: 'tip'})
    expect(forced.errors).toBeGreaterThan(0)

    // The CLI's input limits: one clear finding, as `plan-lint` gives for the same file.
    const huge = '# Notes\n\n' + 'word '.repeat(220_000) + '\n'
    writeFileSync(path.join(work, 'huge.md'), huge)
    const limited = await structured<LintResult>('lint', {content: huge, path: 'huge.md'})
    const report = JSON.parse(cli(['--format', 'json', 'huge.md']).stdout) as Array<{messages: CliMessage[]}>
    expect(withoutFixable(limited.files[0]!.messages)).toEqual(report[0]!.messages.map(asMcp))
    expect(limited.files[0]!.messages).toMatchObject([{ruleId: 'lintable-file', message: expect.stringMatching(/expected at most 1,000,000/)}])
  })

  it('`which`, `templates`, `new_plan` and `explain_rule` give what the CLI and the rule docs give', async () => {
    const which = await structured<{files: Array<{path: string; template: string | null; coverage: number; reason: string}>}>('which', {paths: ['examples']})
    expect(which.files.map((file) => `${file.path}\t${file.template ?? 'none'}\t${file.coverage.toFixed(2)}`).join('\n') + '\n').toBe(cli(['which', 'examples']).stdout)
    expect(which.files.find((file) => file.template === 'technical-plan')!.reason).toMatch(/title matches/)

    const {templates} = await structured<{templates: Array<{id: string; title: string | null; source: string; sections: Array<{heading: string; depth: number; required: boolean}>}>}>('templates')
    expect(templates.map((template) => `${template.id}\t${template.title ?? '(no title)'}\t${template.source}`).join('\n') + '\n').toBe(cli(['templates']).stdout)
    const tip = templates.find((template) => template.id === 'tip')!
    expect(tip.sections.length).toBeGreaterThan(5)
    expect(tip.sections.some((section) => section.required) && tip.sections.every((section) => section.depth >= 2)).toBe(true)

    const plan = await structured<{text: string}>('new_plan', {template: 'tip', title: 'Offline sync'})
    expect(plan.text).toBe(cli(['new', 'tip', '--title', 'Offline sync']).stdout)
    expect(readdirSync(work)).not.toContain('plan.md')

    const doc = await structured<{ruleId: string; doc: string}>('explain_rule', {ruleId: 'no-placeholders'})
    expect(doc).toEqual({ruleId: 'no-placeholders', doc: readFileSync(path.join(root, 'rules', 'no-placeholders.md'), 'utf8')})
    const unknown = await call('explain_rule', {ruleId: 'no-such-rule'})
    expect(unknown.isError).toBe(true)
    expect(JSON.stringify(unknown.content)).toMatch(/Unexpected rule `no-such-rule`, expected one of `required-headings`/)
  })

  it('`fix` with `write: false` returns what `plan-lint --fix` writes and leaves the file alone', async () => {
    const file = path.join(work, 'fix', 'plan.md')
    const before = statSync(file)
    const bytes = readFileSync(file)
    const result = await structured<{text: string; diff: string; fixed: number; remaining: McpMessage[]}>('fix', {path: 'fix/plan.md'})
    expect(readFileSync(file).equals(bytes)).toBe(true)
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs)

    // The CLI on a copy.
    const copy = mkdtempSync(path.join(project.directory, 'mcp-cli-fix-'))
    mkdirSync(path.join(copy, 'fix'))
    writeFileSync(path.join(copy, 'fix', 'plan.md'), bytes)
    const dryRun = JSON.parse(cli(['--fix-dry-run', '--format', 'json', 'fix/plan.md'], copy).stdout) as Array<{diff: string}>
    cli(['--fix', 'fix/plan.md'], copy)
    const fixedByCli = readFileSync(path.join(copy, 'fix', 'plan.md'), 'utf8')
    expect(result.text).toBe(fixedByCli)
    expect(result.text).not.toBe(renamed.value)
    expect(result.diff).toBe(dryRun[0]!.diff)
    expect(result.fixed).toBeGreaterThan(0)
    const remaining = JSON.parse(cli(['--format', 'json', 'fix/plan.md'], copy).stdout) as Array<{messages: CliMessage[]}>
    expect(withoutFixable(result.remaining)).toEqual(remaining[0]!.messages.map(asMcp))

    // Unsaved text: the same fix, nothing written; writing it is refused.
    const unsaved = await structured<{text: string}>('fix', {path: 'fix/other.md', content: renamed.value})
    expect(unsaved.text).toBe(fixedByCli)
    expect(readdirSync(path.join(work, 'fix'))).not.toContain('other.md')
    expect((await call('fix', {path: 'fix/plan.md', content: renamed.value, write: true})).isError).toBe(true)
  })

  it('`fix` with `write: true` writes the fixed text atomically, keeping the mode', async () => {
    const file = path.join(work, 'fix', 'written.md')
    execFileSync('chmod', ['640', file])
    const before = statSync(file)
    const dry = await structured<{text: string}>('fix', {path: 'fix/written.md', write: false})
    const result = await structured<{text: string; fixed: number}>('fix', {path: 'fix/written.md', write: true})
    expect(result.text).toBe(dry.text)
    expect(readFileSync(file, 'utf8')).toBe(result.text)
    const after = statSync(file)
    // A new file renamed over the old one, with its mode; no temporary file left.
    expect(after.ino).not.toBe(before.ino)
    expect(after.mode & 0o777).toBe(0o640)
    expect(readdirSync(path.join(work, 'fix')).filter((name) => name.endsWith('.tmp'))).toEqual([])
    // A second fix changes nothing.
    expect(await structured('fix', {path: 'fix/written.md', write: true})).toMatchObject({fixed: 0, diff: ''})
  })

  it('refuses paths outside the workspace, links that lead outside, and files it cannot read, as tool errors', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'plan-lint-outside-'))
    writeFileSync(path.join(outside, 'secret.md'), renamed.value)
    mkdirSync(path.join(work, 'linked'))
    symlinkSync(path.join(outside, 'secret.md'), path.join(work, 'linked', 'secret.md'))
    symlinkSync(outside, path.join(work, 'outside-folder'))
    execFileSync('mkfifo', [path.join(work, 'pipe.md')])

    const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
      ['lint', {paths: [path.join(outside, 'secret.md')]}, /outside the workspace/],
      ['lint', {paths: ['../']}, /outside the workspace/],
      ['lint', {paths: ['linked/secret.md']}, /through a symbolic link/],
      ['lint', {paths: ['linked']}, /symbolic link `linked\/secret\.md` that leads outside/],
      ['which', {paths: ['outside-folder']}, /through a symbolic link/],
      ['lint', {content: '# x\n', path: '../elsewhere.md'}, /outside the workspace/],
      ['fix', {path: 'linked/secret.md', write: true}, /through a symbolic link/],
      ['lint', {paths: ['pipe.md']}, /special file/],
      ['lint', {paths: ['missing.md']}, /No such file or folder: `missing\.md`/],
      ['new_plan', {template: path.join(outside, 'secret.md')}, /outside the workspace/],
      ['lint', {}, /Expected `paths`/]
    ]
    for (const [name, args, message] of refusals) {
      const result = await call(name, args)
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true)
      expect((result.content[0] as {text: string}).text).toMatch(message)
    }
    expect(readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe(renamed.value)
    // Still serving.
    expect((await structured<LintResult>('lint', {paths: ['docs/renamed.md']})).errors).toBe(1)
  })

  it('takes the client’s roots as the workspace, and follows their changes', async () => {
    const rooted = await startMcpServer([binary()], work, [path.join(work, 'docs')])
    try {
      const lint = async (args: Record<string, unknown>) => (await rooted.client.callTool({name: 'lint', arguments: args})) as CallToolResult
      const inside = await lint({paths: ['renamed.md']})
      expect((inside.structuredContent as unknown as LintResult).files.map((file) => file.path)).toEqual(['renamed.md'])
      const sibling = await lint({paths: [path.join(work, 'team', 'plan.md')]})
      expect(sibling.isError).toBe(true)
      await rooted.setRoots([path.join(work, 'docs'), path.join(work, 'team')])
      const both = await lint({paths: ['renamed.md', path.join(work, 'team', 'plan.md')]})
      expect(both.isError, JSON.stringify(both.content)).toBeFalsy()
      // Each file from its own root, with its own configuration.
      expect((both.structuredContent as unknown as LintResult).files.map((file) => [file.path, file.messages[0]?.severity])).toEqual([
        ['renamed.md', 'error'],
        ['plan.md', 'warning']
      ])
    } finally {
      await rooted.close()
    }
  })

  it('serves each template and rule doc as a resource', async () => {
    const {resources} = await session.client.listResources()
    const uris = resources.map((resource) => resource.uri)
    expect(uris).toContain('plan-lint://templates/tip')
    expect(uris).toContain('plan-lint://rules/required-headings')
    const template = await session.client.readResource({uri: 'plan-lint://templates/spec-kit-plan'})
    expect(template.contents[0]).toMatchObject({mimeType: 'text/markdown', text: readFileSync(path.join(root, 'templates', 'spec-kit-plan.md'), 'utf8')})
    const rule = await session.client.readResource({uri: 'plan-lint://rules/checklist-format'})
    expect(rule.contents[0]).toMatchObject({text: readFileSync(path.join(root, 'rules', 'checklist-format.md'), 'utf8')})
    await expect(session.client.readResource({uri: 'plan-lint://rules/nope'})).rejects.toThrow(/Unexpected rule `nope`/)
  })

  it('answers `--version` and refuses unknown arguments without starting', () => {
    expect(project.run('plan-lint-mcp', ['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version)
    const wrong = project.run('plan-lint-mcp', ['--stdio'])
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toMatch(/unexpected argument `--stdio`/)
  })
})

/**
 * The official MCP inspector's command-line mode (`@modelcontextprotocol/inspector-cli`,
 * the Node 20 line of the inspector) lists and calls the installed server's tools.
 */
describe('plan-lint-mcp under the MCP inspector CLI', () => {
  const inspectorCli = path.join(root, 'node_modules', '@modelcontextprotocol', 'inspector-cli', 'build', 'index.js')
  let work: string
  let server: string

  beforeAll(() => {
    const project = openPackedProject(inject('packedProject'))
    // A folder inside the project: the inspector looks for its own package.json at `../package.json` from its cwd.
    work = mkdtempSync(path.join(project.directory, 'mcp-inspector-'))
    writeFiles(work, {'docs/plan.md': mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!.value})
    server = path.join(project.directory, 'node_modules', '.bin', 'plan-lint-mcp')
  })

  const inspect = (args: string[]): unknown => {
    const output = execFileSync(process.execPath, [inspectorCli, server, ...args], {cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
    return JSON.parse(output)
  }

  it('lists the tools and calls `lint`, `which`, `templates` and `explain_rule`', () => {
    const listed = inspect(['--method', 'tools/list']) as {tools: Array<{name: string; outputSchema?: object}>}
    expect(listed.tools.map((tool) => tool.name).sort()).toEqual([...toolNames].sort())
    expect(listed.tools.every((tool) => tool.outputSchema !== undefined)).toBe(true)

    const lint = inspect(['--method', 'tools/call', '--tool-name', 'lint', '--tool-arg', 'paths=["docs"]']) as CallToolResult
    expect(lint.isError).toBeFalsy()
    expect(lint.structuredContent).toMatchObject({errors: 1, warnings: 0, files: [{path: 'docs/plan.md', template: 'technical-plan'}]})

    const which = inspect(['--method', 'tools/call', '--tool-name', 'which', '--tool-arg', 'paths=["docs/plan.md"]']) as CallToolResult
    expect(which.structuredContent).toMatchObject({files: [{path: 'docs/plan.md', template: 'technical-plan'}]})

    const templates = inspect(['--method', 'tools/call', '--tool-name', 'templates']) as CallToolResult
    expect((templates.structuredContent as {templates: Array<{id: string}>}).templates.map((template) => template.id)).toContain('spec-kit-tasks')

    const rule = inspect(['--method', 'tools/call', '--tool-name', 'explain_rule', '--tool-arg', 'ruleId=required-headings']) as CallToolResult
    expect((rule.structuredContent as {doc: string}).doc).toBe(readFileSync(path.join(root, 'rules', 'required-headings.md'), 'utf8'))

    const resources = inspect(['--method', 'resources/list']) as {resources: Array<{uri: string}>}
    expect(resources.resources.map((resource) => resource.uri)).toContain('plan-lint://templates/tip')
  })
})
