import {spawn} from 'node:child_process'
import {pathToFileURL} from 'node:url'
import {
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams
} from 'vscode-languageserver-protocol/node.js'

/**
 * A real LSP client over stdio for `plan-lint-language-server`, shared by
 * `test/language-server.test.ts` and the benchmark: start the server in a
 * workspace, initialize it, and wait for the diagnostics it publishes.
 */
export interface LanguageServerSession {
  connection: ProtocolConnection
  /** The next diagnostics published for `uri` (ask before sending the change). */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>
  /** Every publication of diagnostics so far, in order, with when it arrived (`performance.now()`). */
  published: Array<{params: PublishDiagnosticsParams; at: number}>
  close(): void
}

/** @param command the server and its arguments, such as `[node, 'dist/bin/language-server.js', '--stdio']` */
export async function startLanguageServer(command: string[], workspace: string): Promise<LanguageServerSession> {
  const [file, ...args] = command
  const server = spawn(file!, args, {cwd: workspace, stdio: ['pipe', 'pipe', 'ignore']})
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin))
  const waiting = new Map<string, Array<(params: PublishDiagnosticsParams) => void>>()
  const published: LanguageServerSession['published'] = []
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push({params, at: performance.now()})
    waiting.get(params.uri)?.shift()?.(params)
  })
  connection.listen()
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{uri: pathToFileURL(workspace).href, name: 'plans'}],
    capabilities: {}
  })
  await connection.sendNotification(InitializedNotification.type, {})
  return {
    connection,
    published,
    nextDiagnostics: (uri) =>
      new Promise((resolve) => {
        const list = waiting.get(uri) ?? []
        list.push(resolve)
        waiting.set(uri, list)
      }),
    close() {
      connection.dispose()
      server.kill()
    }
  }
}
