import {createHash, randomBytes} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {Options} from '../index.js'
import {packageVersion} from '../support/package-root.js'
import type {FileResult} from './results.js'

/**
 * `plan-lint --cache`: results of earlier clean runs, kept per file, so a
 * file whose bytes, configuration, user templates and plan-lint version are
 * unchanged is reported again without being linted. The cache stores each
 * file's `FileResult`, so its report is the one a new lint gives.
 */

/** Layout of the cache file; a file with another layout (or another package version) is rebuilt. */
// 2: messages carry their fixes (`--fix` relints a cached file only when it has some).
const cacheFormat = 2

/** Config files unified-engine may read for a file, in each folder from the file's up to the root. */
const configNames = [
  '.remarkrc',
  '.remarkrc.json',
  '.remarkrc.cjs',
  '.remarkrc.mjs',
  '.remarkrc.js',
  '.remarkrc.yaml',
  '.remarkrc.yml',
  'package.json'
] as const

export interface CacheEntry {
  /** sha1 of the file's bytes. */
  hash: string
  /** sha1 of what else decides the result: version, options, cwd, config files. */
  config: string
  /** sha1 of each user template the result depends on (`null`: it could not be read). */
  dependencies: Record<string, string | null>
  result: FileResult
}

interface CacheData {
  format: number
  version: string
  files: Record<string, CacheEntry>
}

/** What a file looked like when it was looked up, to store its new result under. */
interface FileKey {
  hash: string
  config: string
}

export interface LintCache {
  location: string
  /** Entries by absolute file path. */
  entries: Map<string, CacheEntry>
  /** Files looked up in this run that missed and are readable: their key, to store the new result under. */
  keys: Map<string, FileKey>
  /** Whether `entries` differs from the file read. */
  changed: boolean
  configOf: (folder: string) => string
  hashOf: (file: string) => string | null
}

/**
 * `node_modules/.cache/plan-lint/results.json` in the nearest folder from
 * `cwd` up that holds a `package.json` (the project), else in `cwd`; as
 * ESLint and `find-cache-dir` do.
 */
export function defaultCacheLocation(cwd: string): string {
  let folder = path.resolve(cwd)
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder)
    if (parent === folder) {
      folder = path.resolve(cwd)
      break
    }
    folder = parent
  }
  return path.join(folder, 'node_modules', '.cache', 'plan-lint', 'results.json')
}

/** Read the cache at `location` for a run with these preset options; an unusable file gives an empty cache. */
export function openCache(location: string, options: Options, cwd: string): LintCache {
  const version = packageVersion()
  const hashOf = memoise(hashFileOrNull)
  // Everything but the config files: the same for every file of the run.
  // The cwd counts because `templates` and `templateGlobs` are relative to it.
  const base = sha1(JSON.stringify([cacheFormat, version, cwd, options]))
  const configOf = memoise((folder: string): string => {
    const parent = path.dirname(folder)
    // One walk per folder: a folder's fingerprint builds on its parent's.
    const hash = createHash('sha1').update(parent === folder ? base : configOf(parent))
    for (const name of configNames) hash.update('\0' + name + '\0' + configFileState(path.join(folder, name)))
    return hash.digest('hex')
  })
  return {location, entries: readEntries(location, version), keys: new Map(), changed: false, configOf, hashOf}
}

/**
 * The cached result of `file` (absolute) if it is still valid; otherwise
 * remember its key for `remember` and forget the stale entry.
 */
export function lookUp(cache: LintCache, file: string): FileResult | undefined {
  const hash = cache.hashOf(file)
  const entry = cache.entries.get(file)
  if (hash === null) {
    // Unreadable now: lint it (the engine reports why), and store nothing.
    forget(cache, file)
    return undefined
  }
  const config = cache.configOf(path.dirname(file))
  if (
    entry &&
    entry.hash === hash &&
    entry.config === config &&
    Object.entries(entry.dependencies).every(([dependency, expected]) => cache.hashOf(dependency) === expected)
  ) {
    return entry.result
  }
  forget(cache, file)
  cache.keys.set(file, {hash, config})
  return undefined
}

/** The file’s bytes are now these (`--fix` wrote them): store its result under their hash. */
export function rekey(cache: LintCache, file: string, hash: string): void {
  const key = cache.keys.get(file)
  if (key) cache.keys.set(file, {...key, hash})
}

/** Store the new result of a file that `lookUp` missed. */
export function remember(cache: LintCache, file: string, result: FileResult): void {
  const key = cache.keys.get(file)
  if (!key) return
  const dependencies: Record<string, string | null> = {}
  for (const dependency of result.dependencies ?? []) dependencies[dependency] = cache.hashOf(dependency)
  cache.entries.set(file, {...key, dependencies, result})
  cache.changed = true
}

/**
 * Write the cache after a clean run: atomically (a temporary file in the
 * same folder, then a rename), without entries for files that are gone.
 * Returns the error when it cannot be written.
 */
export function saveCache(cache: LintCache): Error | undefined {
  for (const file of cache.entries.keys()) {
    // Entries of files not linted in this run stay (another folder may be linted next), unless the file is gone.
    if (!existsSync(file)) forget(cache, file)
  }
  if (!cache.changed && existsSync(cache.location)) return undefined
  const data: CacheData = {format: cacheFormat, version: packageVersion(), files: Object.fromEntries(cache.entries)}
  const temporary = `${cache.location}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  try {
    mkdirSync(path.dirname(cache.location), {recursive: true})
    writeFileSync(temporary, JSON.stringify(data))
    renameSync(temporary, cache.location)
    return undefined
  } catch (error) {
    removeQuietly(temporary)
    return error instanceof Error ? error : new Error(String(error))
  }
}

/** Remove a left-over temporary file; its folder may not even exist. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, {force: true})
  } catch {
    // Nothing to clean up.
  }
}

function forget(cache: LintCache, file: string): void {
  if (cache.entries.delete(file)) cache.changed = true
}

/** Entries of a readable cache file of this layout and version; anything else is ignored and rebuilt. */
function readEntries(location: string, version: string): Map<string, CacheEntry> {
  const entries = new Map<string, CacheEntry>()
  let data: unknown
  try {
    data = JSON.parse(readFileSync(location, 'utf8'))
  } catch {
    return entries
  }
  if (!isRecord(data) || data.format !== cacheFormat || data.version !== version || !isRecord(data.files)) return entries
  for (const [file, entry] of Object.entries(data.files)) {
    if (isEntry(entry)) entries.set(file, entry)
  }
  return entries
}

function isEntry(value: unknown): value is CacheEntry {
  return (
    isRecord(value) &&
    typeof value.hash === 'string' &&
    typeof value.config === 'string' &&
    isRecord(value.dependencies) &&
    isRecord(value.result) &&
    typeof value.result.path === 'string' &&
    typeof value.result.cwd === 'string' &&
    Array.isArray(value.result.messages)
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A config file's bytes as a hash, or why there are none (usually: absent). */
function configFileState(file: string): string {
  try {
    return sha1(readFileSync(file))
  } catch (error) {
    return 'unreadable:' + String((error as NodeJS.ErrnoException).code ?? error)
  }
}

function hashFileOrNull(file: string): string | null {
  try {
    return sha1(readFileSync(file))
  } catch {
    return null
  }
}

function sha1(value: string | Buffer): string {
  return createHash('sha1').update(value).digest('hex')
}

function memoise<Result>(compute: (key: string) => Result): (key: string) => Result {
  const results = new Map<string, Result>()
  return (key) => {
    if (!results.has(key)) results.set(key, compute(key))
    return results.get(key) as Result
  }
}
