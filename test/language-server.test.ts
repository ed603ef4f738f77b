import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {TextDocument} from 'vscode-languageserver-textdocument'
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type TextEdit
} from 'vscode-languageserver-protocol/node.js'
import {startLanguageServer, type LanguageServerSession} from '../scripts/lsp-client.js'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'

/**
 * The installed `plan-lint-language-server` over stdio, driven by a real LSP
 * client, in a workspace with no configuration and nothing installed.
 */
describe('plan-lint-language-server (packed tarball, stdio)', () => {
  let session: LanguageServerSession
  let connection: ProtocolConnection
  let workspace: string
  const binary = () => path.join(inject('packedProject'), 'node_modules', '.bin', 'plan-lint-language-server')

  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
  const renamed = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!

  const nextDiagnostics = (uri: string) => session.nextDiagnostics(uri)

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'plan-lint-workspace-'))
    session = await startLanguageServer([binary(), '--stdio'], workspace)
    connection = session.connection
  })

  afterAll(() => {
    session?.close()
  })

  it('publishes diagnostics with rule id, source and doc link; a quick fix removes the finding; a good plan clears them', async () => {
    const uri = pathToFileURL(path.join(workspace, 'plan.md')).href
    let document = TextDocument.create(uri, 'markdown', 1, renamed.value)

    const opened = nextDiagnostics(uri)
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {uri, languageId: 'markdown', version: 1, text: renamed.value}
    })
    const {diagnostics} = await opened
    expect(diagnostics).toHaveLength(1)
    const [diagnostic] = diagnostics as [Diagnostic]
    expect(diagnostic).toMatchObject({code: 'required-headings', source: 'plan-lint', severity: 1})
    expect(diagnostic.codeDescription?.href).toMatch(/rules\/required-headings\.md$/)
    expect(diagnostic.range.start.line).toBe(renamed.lines[0]! - 1)

    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: {uri},
      range: diagnostic.range,
      context: {diagnostics: [diagnostic]}
    })) as CodeAction[]
    const quickFixes = actions.filter((action) => action.kind === 'quickfix')
    expect(quickFixes).toHaveLength(1)
    expect(quickFixes[0]!.title).toBe(`Replace heading with \`${renamed.expected}\``)
    expect(quickFixes[0]!.diagnostics).toEqual([diagnostic])
    expect(quickFixes[0]!.isPreferred).toBe(true)
    const edits = quickFixes[0]!.edit!.changes![uri]!
    const fixed = TextDocument.applyEdits(document, edits)
    document = TextDocument.create(uri, 'markdown', 2, fixed)

    const afterFix = nextDiagnostics(uri)
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: {uri, version: 2},
      contentChanges: [{text: fixed}]
    })
    expect((await afterFix).diagnostics).toEqual([])
    expect(fixed).toBe(good)
  })

  it('checks a task list against the spec beside it on disk (feature-consistency)', async () => {
    const folder = path.join(root, 'fixtures', 'feature-consistency', 'not-ok-stories')
    const feature = path.join(workspace, 'specs', '003-reset')
    mkdirSync(feature, {recursive: true})
    writeFileSync(path.join(feature, 'spec.md'), readFileSync(path.join(folder, 'spec.md'), 'utf8'))
    const text = readFileSync(path.join(folder, 'tasks.md'), 'utf8')
    const uri = pathToFileURL(path.join(feature, 'tasks.md')).href
    const opened = nextDiagnostics(uri)
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {uri, languageId: 'markdown', version: 1, text}
    })
    const {diagnostics} = await opened
    const expected = readFileSync(path.join(folder, 'tasks.txt'), 'utf8').split('\n').filter((line) => line !== '')
    expect(diagnostics.map((diagnostic) => diagnostic.code)).toEqual(expected.map(() => 'feature-consistency'))
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual(expected.map((line) => line.replace(/^[\d:-]+: /, '')))
  })

  /** Open a document and return its diagnostics. */
  const open = async (name: string, text: string) => {
    const uri = pathToFileURL(path.join(workspace, name)).href
    const published = nextDiagnostics(uri)
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId: 'markdown', version: 1, text}})
    return {uri, diagnostics: (await published).diagnostics}
  }
  const actionsFor = async (uri: string, diagnostics: Diagnostic[], only?: string[]) =>
    (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: {uri},
      range: diagnostics[0]?.range ?? {start: {line: 0, character: 0}, end: {line: 0, character: 0}},
      context: {diagnostics, ...(only ? {only} : {})}
    })) as CodeAction[]
  const apply = (uri: string, text: string, action: CodeAction) =>
    TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 1, text), action.edit!.changes![uri]!)

  it('offers "Insert missing section" from the template, with the template\'s text, where the section belongs', async () => {
    const removed = mutationsOf('technical-plan').find((mutation) => mutation.name === 'removing `## Technical Approach`')!
    const {uri, diagnostics} = await open('missing.md', removed.value)
    const diagnostic = diagnostics.find((item) => item.message.startsWith('Unexpected missing section `## Technical Approach`'))!
    const [action] = (await actionsFor(uri, [diagnostic])).filter((item) => item.kind === 'quickfix')
    expect(action!.title).toBe('Insert missing section `## Technical Approach` from template `technical-plan`')
    expect(action!.diagnostics).toEqual([diagnostic])
    const fixed = apply(uri, removed.value, action!)
    expect(fixed).toContain('\n\n## Technical Approach\n\nOverall strategy for implementing this feature:\n')
    expect(fixed.indexOf('## Technical Approach')).toBeLessThan(fixed.indexOf('## System Architecture'))
  })

  it('offers "Remove section" for a guidance section (editor only) and "Declare `template: none`" on a title-only match', async () => {
    const story = readFileSync(path.join(root, 'fixtures', 'plans', 'story-plan', 'filled.md'), 'utf8')
    const notes = '## Template Usage Notes\n\nDelete this section before review.\n'
    const guided = await open('guided.md', story + '\n' + notes)
    const guidance = guided.diagnostics.find((item) => item.code === 'no-template-guidance')!
    expect(guidance).toBeDefined()
    const [remove] = (await actionsFor(guided.uri, [guidance])).filter((item) => item.kind === 'quickfix')
    expect(remove!.title).toBe('Remove section `## Template Usage Notes`')
    expect(remove!.diagnostics).toEqual([guidance])
    expect(apply(guided.uri, story + '\n' + notes, remove!)).toBe(story + '\n')

    // The title and the first sections of a technical plan: too few of its sections to be checked one by one.
    const loose = good.slice(0, good.indexOf('## Data Models'))
    const title = await open('loose.md', loose)
    const summary = title.diagnostics.find((item) => item.message.includes('its title matches'))!
    expect(summary).toBeDefined()
    const [declare] = (await actionsFor(title.uri, [summary])).filter((item) => item.kind === 'quickfix')
    expect(declare!.title).toBe('Declare `template: none` in front matter')
    const declared = apply(title.uri, loose, declare!)
    expect(declared).toBe('---\ntemplate: none\n---\n\n' + loose)
    const cleared = nextDiagnostics(title.uri)
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {textDocument: {uri: title.uri, version: 2}, contentChanges: [{text: declared}]})
    expect((await cleared).diagnostics).toEqual([])
  })

  it('source.fixAll.plan-lint applies every fix at once and gives the same text as `plan-lint --fix`', async () => {
    const removed = mutationsOf('technical-plan').find((mutation) => mutation.name === 'removing `## Technical Approach`')!
    // Several findings: a misspelt heading, a missing section and a malformed checkbox, with CRLF line endings.
    const text = removed.value.replace('## Executive Summary', '## Executive Sumary').replace(/^- \[ \] /m, '- [] ').replace(/\n/g, '\r\n')
    const {uri, diagnostics} = await open('fix-all.md', text)
    expect(diagnostics.length).toBeGreaterThan(2)
    const actions = await actionsFor(uri, diagnostics, ['source.fixAll'])
    expect(actions.map((action) => action.kind)).toEqual(['source.fixAll.plan-lint'])
    expect(actions[0]!.diagnostics!.length).toBeGreaterThan(2)
    const fixed = apply(uri, text, actions[0]!)

    const cli = path.join(workspace, 'cli-fix-all.md')
    writeFileSync(cli, text)
    const result = spawnSync(path.join(inject('packedProject'), 'node_modules', '.bin', 'plan-lint'), ['--fix', cli], {cwd: workspace, encoding: 'utf8'})
    expect(result.stderr).toBe('')
    expect(readFileSync(cli, 'utf8')).not.toBe(text)
    expect(fixed).toBe(readFileSync(cli, 'utf8'))
    expect(fixed).toContain('\r\n## Executive Summary\r\n')
    expect(fixed).toContain('\r\n## Technical Approach\r\n')
    expect(fixed).not.toMatch(/^- \[\] /m)
    expect(fixed).not.toMatch(/[^\r]\n/)
  })

  it('answers a didChange on a large plan quickly (time reported in the log)', async () => {
    const uri = pathToFileURL(path.join(workspace, 'large.md')).href
    // A 6,000-line plan: the complete plan with many extra sections.
    const extra = Array.from({length: 400}, (_, index) => `### Note ${index + 1}\n\nThe ${index + 1}th note keeps the plan long.\n\n- one point\n- another point\n`).join('\n')
    const large = good.replace('## Future Considerations', extra + '\n## Future Considerations')
    const opened = nextDiagnostics(uri)
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {uri, languageId: 'markdown', version: 1, text: large}
    })
    await opened
    const times: number[] = []
    for (let version = 2; version < 7; version++) {
      const text = large.replace('## Executive Summary', version % 2 === 0 ? '## Executive Sumary' : '## Executive Summary')
      const published = nextDiagnostics(uri)
      const start = performance.now()
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: {uri, version},
        contentChanges: [{text}]
      })
      const {diagnostics} = await published
      times.push(performance.now() - start)
      expect(diagnostics).toHaveLength(version % 2 === 0 ? 1 : 0)
    }
    times.sort((a, b) => a - b)
    console.log(`language server: ${large.split('\n').length} lines, didChange → diagnostics median ${times[2]!.toFixed(0)} ms (${times.map((time) => time.toFixed(0)).join(', ')})`)
    expect(times[2]).toBeLessThan(10_000)
  })

  it('lints only the newest version in a burst of 300 edits: no older version published after a newer one (time reported in the log)', async () => {
    const uri = pathToFileURL(path.join(workspace, 'typed.md')).href
    const opened = nextDiagnostics(uri)
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {uri, languageId: 'markdown', version: 1, text: good}
    })
    expect((await opened).diagnostics).toEqual([])
    // Typing 300 characters at the end of the summary's paragraph, one notification each, as fast as
    // the client can send them; only the last one closes the placeholder `[Team name]`.
    const typed = ' The sync keeps notes.'.repeat(13).slice(0, 281) + ' Owner: [Team name]'
    expect(typed).toHaveLength(300)
    const line = good.split('\n').indexOf('## Executive Summary') + 2
    const column = good.split('\n')[line]!.length
    const from = session.published.length
    let lastEdit = 0
    for (const [index, character] of [...typed].entries()) {
      const at = {line, character: column + index}
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: {uri, version: index + 2},
        contentChanges: [{range: {start: at, end: at}, text: character}]
      })
      lastEdit = performance.now()
    }
    const published = () => session.published.slice(from).filter((item) => item.params.uri === uri)
    while (!published().some((item) => item.params.version === 301)) await new Promise((resolve) => setTimeout(resolve, 20))
    const newest = published().find((item) => item.params.version === 301)!
    // Nothing older may follow.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const versions = published().map((item) => item.params.version!)
    console.log(
      `language server: 300 edits in a burst → diagnostics of the last version ${(newest.at - lastEdit).toFixed(0)} ms after the last edit, ${versions.length} publication(s): versions ${versions.join(', ')}`
    )
    expect(versions.at(-1)).toBe(301)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(versions.length)
    expect(newest.params.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      ['no-placeholders', 'Unexpected placeholder `[Team name]`, expected the real value']
    ])
    expect(newest.at - lastEdit).toBeLessThan(10_000)
  })

  it('a README is not parsed for diagnostics (none), and formatting it still writes out its whole tree', async () => {
    const uri = pathToFileURL(path.join(workspace, 'README.md')).href
    const text = '# A package\n\nSome _text_.\n\n- one\n- two\n'
    const opened = nextDiagnostics(uri)
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId: 'markdown', version: 1, text}})
    expect((await opened).diagnostics).toEqual([])
    // Formatting needs the real tree: remark writes emphasis and the list with its own markers, and keeps everything else.
    const edits = (await connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: {uri},
      options: {tabSize: 2, insertSpaces: true}
    })) as TextEdit[] | null
    expect(edits?.map((edit) => edit.newText)).toEqual(['# A package\n\nSome *text*.\n\n* one\n* two\n'])
  })

  it('says which transports it needs instead of crashing when given none', () => {
    const result = spawnSync(binary(), [], {encoding: 'utf8'})
    expect(result.stderr).toContain('missing transport, expected `--stdio`, `--node-ipc` or `--socket=<port>`')
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.status).toBe(2)
  })
})
