import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'

/** Timing helpers: commands run interleaved, medians reported. */

export interface CommandRun {
  ms: number
  /** Peak resident memory in MB, when `/usr/bin/time` is there. */
  peakMb: number | undefined
  /**
   * CPU time (user + system, all threads) in ms, when `/usr/bin/time` is
   * there: on a shared machine wall time mostly measures the other jobs.
   */
  cpuMs: number | undefined
  status: number | null
}

const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

export function runCommand(command: string[], cwd: string, env: Record<string, string> = {}): CommandRun {
  const [file, ...args] = timeBinary ? [timeBinary, '-f', 'peak-kb %M cpu-s %U %S', ...command] : command
  const start = performance.now()
  const result = spawnSync(file!, args, {
    cwd,
    env: {...process.env, NO_COLOR: '1', ...env},
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8'
  })
  const ms = performance.now() - start
  if (result.error) throw result.error
  const match = /peak-kb (\d+) cpu-s ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '')
  return {
    ms,
    peakMb: match ? Number(match[1]) / 1024 : undefined,
    cpuMs: match ? (Number(match[2]) + Number(match[3])) * 1000 : undefined,
    status: result.status
  }
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Run every command `rounds` times, interleaved (a round runs each once, in
 * a rotating order), and give each one's runs.
 */
export function interleave(commands: Record<string, () => CommandRun>, rounds: number): Record<string, CommandRun[]> {
  const names = Object.keys(commands)
  const runs: Record<string, CommandRun[]> = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < names.length; index++) {
      const name = names[(index + round) % names.length]!
      runs[name]!.push(commands[name]!())
    }
  }
  return runs
}

export async function interleaveAsync(commands: Record<string, () => Promise<number>>, rounds: number): Promise<Record<string, number[]>> {
  const names = Object.keys(commands)
  const runs: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < names.length; index++) {
      const name = names[(index + round) % names.length]!
      runs[name]!.push(await commands[name]!())
    }
  }
  return runs
}

export const medianMs = (runs: CommandRun[]): number => median(runs.map((run) => run.ms))
export const medianCpuMs = (runs: CommandRun[]): number => median(runs.map((run) => run.cpuMs ?? Number.NaN))
export const peakMb = (runs: CommandRun[]): number | undefined => {
  const values = runs.map((run) => run.peakMb).filter((value) => value !== undefined)
  return values.length > 0 ? Math.max(...values) : undefined
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? (ms / 1000).toFixed(1) + ' s' : ms >= 100 ? ms.toFixed(0) + ' ms' : ms.toFixed(1) + ' ms'
}

export function formatRatio(value: number): string {
  return value.toFixed(2) + '×'
}
