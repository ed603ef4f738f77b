import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {startMcpServer} from '../mcp-client.js'

/**
 * Time of a `lint` tool call on one plan through the built `plan-lint-mcp`
 * over stdio (the client of `test/mcp.test.ts`), after start-up: spawn and
 * `initialize` are not counted, and neither is the first call (it loads the
 * preset and the templates), which is reported on its own.
 */
export async function mcpLintTimes(
  serverScript: string,
  text: string,
  calls: number
): Promise<{first: number; byPath: number[]; byContent: number[]; cpuPerCall: number | undefined}> {
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
    const cpuBefore = cpuMsOf(session.pid)
    for (let call = 0; call < calls; call++) {
      byPath.push(await timed({paths: ['plan.md']}))
      byContent.push(await timed({content: text + `\nEdit ${call}.\n`, path: 'plan.md'}))
    }
    const cpuAfter = cpuMsOf(session.pid)
    // The server's own CPU time per call: moves far less than wall time on a loaded machine.
    const cpuPerCall = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / (2 * calls)
    return {first, byPath, byContent, cpuPerCall}
  } finally {
    await session.close()
    rmSync(workspace, {recursive: true, force: true})
  }
}

/** User plus system CPU time of a process, from `/proc` (Linux); undefined elsewhere. */
function cpuMsOf(pid: number | null): number | undefined {
  if (pid === null) return undefined
  try {
    // Fields 14 and 15 (utime, stime), in clock ticks of 10 ms (Linux), after the command name in parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return undefined
  }
}
