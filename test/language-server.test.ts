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
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection
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
    expect(actions).toHaveLength(1)
    expect(actions[0]!.title).toBe(`Replace \`${renamed.value.split('\n')[renamed.lines[0]! - 1]}\` with \`${renamed.expected}\``)
    const edits = actions[0]!.edit!.changes![uri]!
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

  it('says which transports it needs instead of crashing when given none', () => {
    const result = spawnSync(binary(), [], {encoding: 'utf8'})
    expect(result.stderr).toContain('missing transport, expected `--stdio`, `--node-ipc` or `--socket=<port>`')
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.status).toBe(2)
  })
})
