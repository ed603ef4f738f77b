/** What a command may touch: injected so tests can run it in process. */
export interface Io {
  cwd: string
  env: NodeJS.ProcessEnv
  stdout: NodeJS.WritableStream & {isTTY?: boolean}
  stderr: NodeJS.WritableStream & {isTTY?: boolean}
}

/** Exit codes: 0 pass, 1 findings fail the gate, 2 usage, config or internal error. */
export const exitCodes = {pass: 0, findings: 1, usage: 2} as const

/** A mistake in how the CLI was called: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (text === '') resolve()
    else stream.write(text, () => resolve())
  })
}
