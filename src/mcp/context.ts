/** What every tool reads besides its arguments. */
export interface ToolContext {
  /** The workspace folders now: the client's roots, or the server's cwd. */
  roots(): Promise<string[]>
  /** The server's environment (the CLI's worker count setting applies). */
  env: NodeJS.ProcessEnv
}

/** Annotations of a tool that changes nothing. */
export const readOnly = {readOnlyHint: true, openWorldHint: false} as const
