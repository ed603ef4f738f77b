import type {Options} from '../index.js'
import {runEngine} from './engine.js'
import type {FixMode} from './flags.js'
import {toCauseResult, toFileResult, type CauseResult, type FileResult} from './results.js'

/** What linting one batch of files gives: per file its messages, or a failure of the run. */
export interface BatchResult {
  files: FileResult[]
  error: CauseResult | undefined
}

/**
 * Lint a batch of found files with unified-engine (so `.remarkrc*`,
 * `remarkConfig` and `.remarkignore` apply as for `remark`). A bounded batch
 * keeps the engine's per-run file queue, which is quadratic in its files
 * and holds every tree to the end, small.
 */
export async function lintBatch(paths: string[], options: Options, cwd: string, fix?: FixMode): Promise<BatchResult> {
  try {
    const {error, files} = await runEngine(paths, options, cwd)
    if (!fix || error) return {files: files.map((file) => toFileResult(file)), error: toCauseResult(error)}
    const {fixFile, hasFix} = await import('./fix-files.js')
    const results: FileResult[] = []
    for (const file of files) results.push(hasFix(file.messages) ? await fixFile(file, options, cwd, fix) : toFileResult(file))
    return {files: results, error: undefined}
  } catch (error) {
    return {files: [], error: toCauseResult(error)}
  }
}
