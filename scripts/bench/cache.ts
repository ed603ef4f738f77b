import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {median, runCommand, type CommandRun} from './measure.js'

/** `plan-lint --cache`: a run that fills the cache against runs over the same, unchanged files. */
export interface CacheTimes {
  /** Runs with an empty cache (each one fills it). */
  first: CommandRun[]
  /** Runs right after a first run, every file unchanged. */
  repeated: CommandRun[]
  /** Medians, in ms. */
  firstMs: number
  repeatedMs: number
  /** `repeatedMs / firstMs` (the target: below 0.1). */
  ratio: number
}

/**
 * Time `plan-lint --cache .` in `directory` (the generated plans): per round,
 * one run with an empty cache, then `repeats` runs that find every file in
 * it. The cache lives in a temporary folder, so the corpus is left as it is.
 * @param planLint path of the built binary (`dist/src/cli/main.js`)
 * @param args more flags for every run, such as `['--format', 'json']`
 */
export function cacheTimes(
  directory: string,
  planLint: string,
  {rounds = 1, repeats = 3, args = []}: {rounds?: number; repeats?: number; args?: string[]} = {}
): CacheTimes {
  const folder = mkdtempSync(path.join(tmpdir(), 'plan-lint-cache-'))
  const location = path.join(folder, 'results.json')
  const command = [process.execPath, planLint, '--cache', '--cache-location', location, ...args, '.']
  const first: CommandRun[] = []
  const repeated: CommandRun[] = []
  try {
    for (let round = 0; round < rounds; round++) {
      rmSync(location, {force: true})
      first.push(runCommand(command, directory))
      for (let index = 0; index < repeats; index++) repeated.push(runCommand(command, directory))
    }
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
  const firstMs = median(first.map((run) => run.ms))
  const repeatedMs = median(repeated.map((run) => run.ms))
  return {first, repeated, firstMs, repeatedMs, ratio: repeatedMs / firstMs}
}
