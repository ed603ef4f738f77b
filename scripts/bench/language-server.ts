import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node.js'

/**
 * Time from `didChange` to the diagnostics for that version, from the built
 * `plan-lint-language-server` over stdio (as `test/language-server.test.ts`
 * drives it), in a workspace with no configuration.
 */
export async function languageServerTimes(serverScript: string, documents: Record<string, string>, edits: number): Promise<Record<string, number[]>> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'plan-lint-bench-ls-'))
  const server = spawn(process.execPath, [serverScript, '--stdio'], {cwd: workspace, stdio: ['pipe', 'pipe', 'ignore']})
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin))
  const waiting = new Map<string, (params: PublishDiagnosticsParams) => void>()
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    waiting.get(params.uri)?.(params)
  })
  connection.listen()
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{uri: pathToFileURL(workspace).href, name: 'bench'}],
    capabilities: {}
  })
  await connection.sendNotification(InitializedNotification.type, {})

  const diagnosticsFor = (uri: string, version: number) =>
    new Promise<void>((resolve) => {
      waiting.set(uri, (params) => {
        if (params.version === undefined || params.version >= version) resolve()
      })
    })

  const times: Record<string, number[]> = {}
  try {
    for (const [name, text] of Object.entries(documents)) {
      const uri = pathToFileURL(path.join(workspace, name + '.md')).href
      let version = 1
      let published = diagnosticsFor(uri, version)
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId: 'markdown', version, text}})
      await published
      times[name] = []
      for (let edit = 0; edit < edits; edit++) {
        version++
        // An edit as a user types it: a word appended to the last line.
        const changed = text + `\nEdit ${edit}.\n`
        published = diagnosticsFor(uri, version)
        const start = performance.now()
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: {uri, version},
          contentChanges: [{text: changed}]
        })
        await published
        times[name].push(performance.now() - start)
      }
    }
  } finally {
    connection.dispose()
    server.kill()
    rmSync(workspace, {recursive: true, force: true})
  }
  return times
}
