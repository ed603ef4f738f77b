import path from 'node:path'
import {UsageError} from './io.js'

/**
 * `--shard <i>/<n>`: a stable share of the files for one CI machine. A file
 * belongs to the shard given by a hash of its path relative to the working
 * folder (with `/` separators), so the same file lands on the same shard in
 * every run and on every machine, and each file on exactly one shard,
 * whatever else is added or removed.
 */
export interface Shard {
  /** 1-based. */
  index: number
  count: number
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value)
  const index = match ? Number(match[1]) : Number.NaN
  const count = match ? Number(match[2]) : Number.NaN
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`Unexpected \`--shard ${value}\`, expected \`<i>/<n>\` with whole numbers 1 ≤ i ≤ n, such as \`1/3\``)
  }
  return {index, count}
}

/** Whether the file at `filePath` (relative to `cwd`, or absolute) is in `shard`. */
export function inShard(shard: Shard, filePath: string, cwd: string): boolean {
  const relative = path.relative(cwd, path.resolve(cwd, filePath)).split(path.sep).join('/')
  return (fnv1a(relative) % shard.count) + 1 === shard.index
}

/** 32-bit FNV-1a over the UTF-16 code units: small, fast and stable everywhere. */
function fnv1a(value: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
