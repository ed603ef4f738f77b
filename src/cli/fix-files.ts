import {createHash, randomBytes} from 'node:crypto'
import {chmodSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {createTwoFilesPatch} from 'diff'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {Options} from '../index.js'
import {fixText} from '../pipeline/fixes.js'
import {runEngine} from './engine.js'
import type {FixMode} from './flags.js'
import {toFileResult, type FileResult, type FixOutcome} from './results.js'

/**
 * `--fix` and `--fix-dry-run` for one linted file: apply its fixes (and those
 * later passes find), lint the result with the same configuration, and write
 * it in place atomically, or only show the diff.
 */
export function hasFix(messages: ReadonlyArray<{fix?: unknown}>): boolean {
  return messages.some((message) => message.fix !== undefined)
}

/** A linted file’s text with its fixes applied, and the findings left in it. */
export interface FixedFile {
  /** The text as read. */
  value: string
  output: string
  /** Findings of `output` (of `value` when nothing was fixed). */
  messages: VFileMessage[]
  /** How many edits were applied, over all passes. */
  edits: number
  /** Unified diff of `output` against `value`, with the path from `cwd`; empty when nothing changed. */
  diff: string
}

/**
 * Apply a linted file’s fixes (and those later passes find), linting each
 * result with the same configuration: what `--fix` writes and the MCP
 * server’s `fix` returns.
 */
export async function fixedFile(file: VFile, options: Options, cwd: string): Promise<FixedFile> {
  const value = String(file.value ?? '')
  const lint = async (text: string): Promise<VFileMessage[]> => {
    const run = await runEngine([new VFile({path: file.path, cwd: file.cwd, value: text})], options, cwd)
    if (run.error) throw run.error
    return run.files[0]?.messages ?? []
  }
  const {output, messages, passes} = await fixText(value, file.messages, lint)
  const name = path.relative(cwd, path.resolve(file.cwd, file.path)).split(path.sep).join('/')
  const diff = output === value ? '' : createTwoFilesPatch(name, name, value, output)
  return {value, output, messages, edits: passes.reduce((sum, pass) => sum + pass.length, 0), diff}
}

export async function fixFile(file: VFile, options: Options, cwd: string, mode: FixMode): Promise<FileResult> {
  const {value, output, messages, diff} = await fixedFile(file, options, cwd)
  const original = toFileResult(file)
  if (output === value) return original
  if (mode === 'dry-run') return {...original, fixed: {status: 'dry-run', diff}}
  const problem = writeInPlace(path.resolve(file.cwd, file.path), value, output)
  if (problem) return {...original, fixed: {status: 'refused', diff, problem}}
  const fixed = new VFile({path: file.path, cwd: file.cwd, value: output})
  fixed.messages = messages
  fixed.data = file.data
  const hash = createHash('sha1').update(output).digest('hex')
  return {...toFileResult(fixed), fixed: {status: 'written', diff, hash}}
}

/**
 * Write `output` over the file that held `value`: through a symbolic link to
 * its target (the link stays a link), with the file’s mode, as a temporary
 * file in the same folder renamed over it, so a reader never sees half a
 * file. A file whose bytes are no longer `value` (changed since it was read)
 * is not written. Returns why it was not written, if it was not.
 */
export function writeInPlace(file: string, value: string, output: string): string | undefined {
  let target: string
  try {
    target = realpathSync(file)
  } catch (error) {
    return `cannot resolve \`${file}\`: ${(error as Error).message}`
  }
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
  try {
    const bytes = readFileSync(target)
    if (!bytes.equals(Buffer.from(value, 'utf8'))) {
      return bytes.toString('utf8') === value
        ? 'it is not valid UTF-8 (not written)'
        : 'it changed on disk after it was read (not written: run again)'
    }
    const mode = statSync(target).mode & 0o7777
    writeFileSync(temporary, output, {mode})
    // The umask may have narrowed the mode given above.
    chmodSync(temporary, mode)
    renameSync(temporary, target)
    return undefined
  } catch (error) {
    rmSync(temporary, {force: true})
    return `cannot write it: ${(error as Error).message}`
  }
}
