import {pathToFileURL} from 'node:url'
import {Client} from '@modelcontextprotocol/sdk/client/index.js'
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js'
import {ListRootsRequestSchema} from '@modelcontextprotocol/sdk/types.js'

/**
 * A real MCP client over stdio for `plan-lint-mcp` (the SDK’s `Client` and
 * `StdioClientTransport`), shared by `test/mcp.test.ts` and the benchmark.
 */
export interface McpSession {
  client: Client
  /** With roots: answer `roots/list` with these folders from now on, and tell the server. */
  setRoots(folders: string[]): Promise<void>
  /** What the server wrote to stderr. */
  stderr(): string
  /** The server process's id. */
  pid: number | null
  close(): Promise<void>
}

/**
 * @param command the server and its arguments, such as `[node, 'dist/bin/plan-lint-mcp.js']`
 * @param roots folders the client offers as MCP roots; none: the client has no roots capability
 */
export async function startMcpServer(command: string[], cwd: string, roots?: string[]): Promise<McpSession> {
  const [file, ...args] = command
  const transport = new StdioClientTransport({command: file!, args, cwd, stderr: 'pipe'})
  let errors = ''
  transport.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8')
  })
  const client = new Client({name: 'plan-lint-test-client', version: '1.0.0'}, roots ? {capabilities: {roots: {listChanged: true}}} : {})
  let folders = roots ?? []
  if (roots) {
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: folders.map((folder, index) => ({uri: pathToFileURL(folder).href, name: `root ${index + 1}`}))
    }))
  }
  await client.connect(transport)
  return {
    client,
    async setRoots(next) {
      folders = next
      await client.sendRootsListChanged()
    },
    stderr: () => errors,
    pid: transport.pid,
    close: () => client.close()
  }
}
