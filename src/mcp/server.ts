import {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import {RootsListChangedNotificationSchema} from '@modelcontextprotocol/sdk/types.js'
import {packageVersion} from '../support/package-root.js'
import type {ToolContext} from './context.js'
import {registerFixTool} from './fix-tool.js'
import {registerLintTools} from './lint-tools.js'
import {registerResources} from './resources.js'
import {registerTemplateTools} from './template-tools.js'
import {rootFolders} from './workspace.js'

/** Instructions the client may show its model. */
const instructions =
  'plan-lint checks Markdown plans (spec-kit, OpenSpec, Kiro, BMAD, the team’s own templates) against the template each follows. Run `lint` on every plan you write or change; apply `fix` for the findings marked fixable, then repair the rest by hand and lint again. `explain_rule` says what a rule wants.'

/**
 * The plan-lint MCP server: tools, resources, and the workspace it may touch
 * (the client's roots, asked once and again when the client says they
 * changed; the server's cwd when the client has none).
 */
export function createPlanLintServer(cwd: string, env: NodeJS.ProcessEnv): McpServer {
  const server = new McpServer({name: 'plan-lint', title: 'plan-lint', version: packageVersion()}, {capabilities: {tools: {}, resources: {}}, instructions})
  let roots: Promise<string[]> | undefined
  const context: ToolContext = {
    roots: () =>
      (roots ??= askRoots(server, cwd).catch((error: unknown) => {
        // Ask again on the next call rather than keep a failure.
        roots = undefined
        throw new Error(`Cannot read the client's roots: ${error instanceof Error ? error.message : String(error)}`)
      })),
    env
  }
  server.server.setNotificationHandler(RootsListChangedNotificationSchema, () => {
    roots = undefined
  })
  registerLintTools(server, context)
  registerFixTool(server, context)
  registerTemplateTools(server, context)
  registerResources(server, context)
  return server
}

async function askRoots(server: McpServer, cwd: string): Promise<string[]> {
  if (!server.server.getClientCapabilities()?.roots) return [cwd]
  const {roots} = await server.server.listRoots()
  return rootFolders(roots.map((root) => root.uri), cwd)
}
