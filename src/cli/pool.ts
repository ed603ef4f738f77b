import {availableParallelism} from 'node:os'
import {Worker} from 'node:worker_threads'
import type {Options} from '../index.js'
import type {FixMode} from './flags.js'
import type {BatchResult} from './lint-batch.js'
import type {BatchJob, WorkerSetup} from './lint-worker.js'
import {toCauseResult} from './results.js'

/**
 * Lint found files in bounded batches: on worker threads when there are
 * enough files to pay for their start-up, else in this thread. Results come
 * back in batch order, so the report and exit code equal a serial run's.
 */

/** Files per batch: small enough to bound memory, large enough to share config lookups. */
export const batchSize = 16
/** Fewer files than this are linted in this thread: starting a worker costs more. */
export const workerThreshold = 24
/** With this many cores or fewer, files are linted in this thread. */
const minimumCores = 2
/**
 * Young generation of a worker’s heap. The parser makes short-lived garbage
 * fast, and with V8’s default each worker held 50–70 MB more of it between
 * collections; time did not change measurably (docs/performance.md).
 */
const workerYoungGenerationMb = 12

/**
 * How many worker threads to use: `PLAN_LINT_WORKERS` if set (`0` lints in
 * this thread), else one per core when the run is large enough and there are
 * more than two cores. On two, one thread already keeps both busy (V8
 * collects garbage on the second) and workers bought no time, only memory
 * (docs/performance.md).
 */
export function workerCount(files: number, env: NodeJS.ProcessEnv): number {
  const batches = Math.ceil(files / batchSize)
  const forced = env.PLAN_LINT_WORKERS
  if (forced !== undefined && forced !== '' && /^\d+$/.test(forced)) return Math.min(Number(forced), batches)
  const cores = availableParallelism()
  if (files < workerThreshold || cores <= minimumCores) return 0
  return Math.min(cores, batches)
}

export function toBatches(paths: string[]): string[][] {
  const batches: string[][] = []
  for (let index = 0; index < paths.length; index += batchSize) batches.push(paths.slice(index, index + batchSize))
  return batches
}

/** Lint `paths` (found files, in report order); resolves to one result per batch, in order. */
export async function lintInBatches(
  paths: string[],
  options: Options,
  cwd: string,
  workers: number,
  fix?: FixMode
): Promise<BatchResult[]> {
  const batches = toBatches(paths)
  if (workers <= 0) {
    const {createBatchLinter} = await import('./lint-batch.js')
    // One set-up for the whole run: processors are reused from batch to batch.
    const lint = createBatchLinter(options, cwd, fix)
    const results: BatchResult[] = []
    for (const batch of batches) results.push(await lint(batch))
    return results
  }
  return runPool(batches, options, cwd, workers, fix)
}

function runPool(batches: string[][], options: Options, cwd: string, count: number, fix: FixMode | undefined): Promise<BatchResult[]> {
  const results: BatchResult[] = new Array(batches.length)
  const setup: WorkerSetup = {options, cwd, fix}
  const workers: Worker[] = []
  let next = 0
  let finished = 0
  return new Promise((resolve) => {
    let settled = false
    const settle = (): void => {
      if (settled) return
      settled = true
      for (const worker of workers) void worker.terminate()
      resolve(results)
    }
    const fail = (error: unknown): void => {
      // A crashed worker fails the run (exit code 2), as an engine failure does.
      for (let index = 0; index < batches.length; index++) results[index] ??= {files: [], error: undefined}
      results[0] = {files: results[0]?.files ?? [], error: toCauseResult(error)}
      settle()
    }
    const feed = (worker: Worker): void => {
      if (next >= batches.length) return
      const job: BatchJob = {index: next, paths: batches[next]!}
      next++
      worker.postMessage(job)
    }
    for (let index = 0; index < count; index++) {
      const worker = new Worker(new URL('./lint-worker.js', import.meta.url), {
        workerData: setup,
        resourceLimits: {maxYoungGenerationSizeMb: workerYoungGenerationMb}
      })
      workers.push(worker)
      worker.on('message', (message: {index: number; result: BatchResult}) => {
        results[message.index] = message.result
        finished++
        if (finished === batches.length) settle()
        else feed(worker)
      })
      worker.on('error', fail)
      worker.on('exit', (code) => {
        if (!settled && code !== 0) fail(new Error(`A lint worker stopped with exit code ${code}`))
      })
      feed(worker)
    }
  })
}
