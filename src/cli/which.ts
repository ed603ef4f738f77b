import path from 'node:path'
import type {VFile} from 'vfile'
import type {Options} from '../index.js'
import {runEngineStrict} from './engine.js'
import {exitCodes, UsageError, write, type Io} from './io.js'
import type {CliFlags} from './flags.js'

/** `plan-lint which FILE…`: path, tab, template id or `none`, tab, share of its sections found. */
export async function whichCommand(paths: string[], flags: CliFlags, io: Io): Promise<number> {
  if (paths.length === 0) throw new UsageError('`plan-lint which` needs at least one file')
  const {lines, unreadable} = await whichLines(paths, flags.template === undefined ? {} : {template: flags.template}, io)
  for (const line of unreadable) await write(io.stderr, `plan-lint: ${line}\n`)
  await write(io.stdout, lines.length > 0 ? lines.join('\n') + '\n' : '')
  return unreadable.length > 0 ? exitCodes.usage : exitCodes.pass
}

/** Which template one file follows (`template` undefined: none), or why it could not be checked. */
export interface WhichEntry {
  /** From the cwd, with `/`. */
  path: string
  template: string | undefined
  /** Share (0–1) of the template’s required sections found; 0 without a template. */
  coverage: number
  /** How the template was found, or why none applies, or why the file could not be read. */
  reason: string
  unreadable: boolean
}

/**
 * One `path<TAB>template<TAB>coverage` line per file (also what `init`
 * prints), and `path: reason` for files that cannot be read.
 */
export async function whichLines(paths: string[], options: Options, io: Io): Promise<{lines: string[]; unreadable: string[]}> {
  const entries = await whichEntries(paths, options, io.cwd)
  const lines = entries
    .filter((entry) => !entry.unreadable)
    .map((entry) => `${entry.path}\t${entry.template ?? 'none'}\t${entry.coverage.toFixed(2)}`)
  const unreadable = entries.filter((entry) => entry.unreadable).map((entry) => `${entry.path}: ${entry.reason}`)
  return {lines, unreadable}
}

/** The template of each file, in the order the files were named (shared by `plan-lint which` and the MCP server). */
export async function whichEntries(paths: string[], options: Options, cwd: string): Promise<WhichEntry[]> {
  const files = await runEngineStrict(paths, options, cwd)
  return inArgumentOrder(files, paths, cwd).map((file) => {
    const shown = path.relative(cwd, path.resolve(file.cwd, file.path)).split(path.sep).join('/')
    const detected = file.data.planLintTemplate
    if (!detected) return {path: shown, template: undefined, coverage: 0, reason: failure(file), unreadable: true}
    return {
      path: shown,
      template: detected.id,
      coverage: detected.id ? detected.coverage : 0,
      reason: detected.reason ?? '',
      unreadable: false
    }
  })
}

/** Why the engine could not check a file; the engine's own `Cannot process file` says why through its causes (a configuration that fails to load). */
function failure(file: VFile): string {
  const message = file.messages.find((item) => item.fatal)
  if (!message) return 'cannot be read'
  const reasons = [message.reason]
  let cause: unknown = message.reason === 'Cannot process file' ? message.cause : undefined
  while (cause instanceof Error && reasons.length < 4) {
    reasons.push(cause.message)
    cause = cause.cause
  }
  return reasons.join(': ')
}

/** Files in the order they were named (globs keep the engine’s order). */
function inArgumentOrder(files: VFile[], paths: string[], cwd: string): VFile[] {
  const rank = new Map(paths.map((item, index) => [path.resolve(cwd, item), index]))
  const rankOf = (file: VFile) => rank.get(path.resolve(file.cwd, file.path)) ?? paths.length
  return [...files].sort((a, b) => rankOf(a) - rankOf(b))
}
