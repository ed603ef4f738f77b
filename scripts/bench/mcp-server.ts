import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {startMcpServer} from '../mcp-client.js'

/**
 * Time of a `lint` tool call on one plan through the built `plan-lint-mcp`
 * over stdio (the client of `test/mcp.test.ts`), after start-up: spawn and
 * `initialize` are not counted, and neither is the first call (it loads the
 * preset and the templates), which is reported on its own.
 */
export async function mcpLintTimes(serverScript: string, text: string, calls: number): Promise<{first: number; byPath: number[]; byContent: number[]}> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'plan-lint-bench-mcp-'))
  writeFileSync(path.join(workspace, 'plan.md'), text)
  const session = await startMcpServer([process.execPath, serverScript], workspace)
  const timed = async (args: Record<string, unknown>): Promise<number> => {
    const start = performance.now()
    const result = await session.client.callTool({name: 'lint', arguments: args})
    const elapsed = performance.now() - start
    if (result.isError) throw new Error(`lint failed: ${JSON.stringify(result.content)}`)
    return elapsed
  }
  try {
    const first = await timed({paths: ['plan.md']})
    const byPath: number[] = []
    const byContent: number[] = []
    for (let call = 0; call < calls; call++) {
      byPath.push(await timed({paths: ['plan.md']}))
      byContent.push(await timed({content: text + `\nEdit ${call}.\n`, path: 'plan.md'}))
    }
    return {first, byPath, byContent}
  } finally {
    await session.close()
    rmSync(workspace, {recursive: true, force: true})
  }
}
