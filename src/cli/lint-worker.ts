// A worker thread of the lint pool: lints the batches the main thread sends.
import {parentPort, workerData} from 'node:worker_threads'
import type {Options} from '../index.js'
import type {FixMode} from './flags.js'
import {createBatchLinter} from './lint-batch.js'

export interface WorkerSetup {
  options: Options
  cwd: string
  fix: FixMode | undefined
}

export interface BatchJob {
  index: number
  paths: string[]
}

const {options, cwd, fix} = workerData as WorkerSetup
const lint = createBatchLinter(options, cwd, fix)

parentPort?.on('message', (job: BatchJob) => {
  void lint(job.paths).then((result) => parentPort?.postMessage({index: job.index, result}))
})
