import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js'

/**
 * What a tool answers: structured content for agents that read it, a short
 * text for clients that read text only; or, for a request it cannot serve
 * (a path outside the workspace, a file it cannot read, a bad template or
 * configuration), a tool error that says why. Nothing a client sends
 * crashes the server.
 */

export function toolResult(structured: Record<string, unknown>, text: string): CallToolResult {
  return {content: [{type: 'text', text}], structuredContent: structured}
}

export function toolError(error: unknown): CallToolResult {
  const text = error instanceof Error ? error.message : String(error)
  return {content: [{type: 'text', text: `plan-lint: ${text}`}], isError: true}
}

/** Run a tool's work; any failure becomes a tool error. */
export async function answer(work: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await work()
  } catch (error) {
    return toolError(error)
  }
}
