import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'
import type {Options} from '../index.js'
import {defaultCacheLocation, lookUp, openCache, rekey, remember, saveCache, type LintCache} from './cache.js'
import {discoverFiles} from './discover.js'
import {refuseFolderPaths, refuseSpecialFiles} from './file-check.js'
import {formatReport} from './formats.js'
import {countsOf} from './formats/shared.js'
import {exitCodes, write, type Io} from './io.js'
import {lintInBatches, workerCount} from './pool.js'
import {fromCauseResult, fromFileResult, optionsMistake, toFileResult} from './results.js'
import type {CliFlags, FixMode} from './flags.js'
import {inShard, type Shard} from './shard.js'

/** `plan-lint [paths…]`: lint, print the report, and say whether the gate passes. */
export async function lintCommand(paths: string[], flags: CliFlags, io: Io): Promise<number> {
  const options: Options = flags.template === undefined ? {} : {template: flags.template}
  const cache = flags.cache ? openLintCache(flags, options, io) : undefined
  const {files, problem} = await lintPaths(paths, options, io, {cache, shard: flags.shard, fix: flags.fix})
  if (problem !== undefined) return fail(io, problem)

  const report = await formatReport(flags.format, files, {
    cwd: io.cwd,
    color: flags.color && !flags.outputFile,
    quiet: flags.quiet,
    dryRun: flags.fix === 'dry-run'
  })
  if (flags.outputFile) {
    const target = path.resolve(io.cwd, flags.outputFile)
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, report)
  } else {
    await write(io.stdout, report)
  }

  const {errors, warnings} = countsOf(files.flatMap((file) => file.messages))
  const tooManyWarnings = flags.maxWarnings !== undefined && warnings > flags.maxWarnings
  if (tooManyWarnings && flags.format === 'stylish') {
    await write(io.stderr, `plan-lint: ${warnings} warnings, more than --max-warnings ${flags.maxWarnings}\n`)
  }
  // A fix not written (the file changed since it was read) fails the run.
  const unfixed = files.filter((file) => file.data.planLintFixed?.status === 'refused')
  if (unfixed.length > 0) {
    return fail(io, unfixed.map((file) => `cannot fix \`${file.path}\`: ${file.data.planLintFixed!.problem}`).join('\n'))
  }
  // Only a clean run (no exit code 2 above) updates the cache.
  if (cache) await storeLintCache(cache, io)
  return errors > 0 || tooManyWarnings ? exitCodes.findings : exitCodes.pass
}

/** How a lint run goes besides its paths and options (`plan-lint` flags). */
export interface LintRunSettings {
  cache?: LintCache | undefined
  shard?: Shard | undefined
  fix?: FixMode | undefined
}

/**
 * Lint `paths` (the cwd when none): the files to report, or the problem that
 * stops the run (exit code 2 in the CLI, a tool error in the MCP server).
 */
export async function lintPaths(
  paths: string[],
  options: Options,
  io: Pick<Io, 'cwd' | 'env'>,
  settings: LintRunSettings = {}
): Promise<{files: VFile[]; problem?: undefined} | {files?: undefined; problem: string}> {
  // A folder named like a Markdown file is one file that cannot be read, not a folder to search.
  const {paths: searched, refused} = refuseFolderPaths(paths, io.cwd)
  const {shard, fix, cache} = settings
  const run =
    searched.length > 0 || paths.length === 0
      ? await lintFiles(paths.length > 0 ? searched : ['.'], options, io, cache, shard, fix)
      : undefined
  const shardOf = (file: VFile) => !shard || inShard(shard, file.path, io.cwd)
  const files = [...refused.filter(shardOf), ...(run?.files ?? [])]

  if (run?.error) return {problem: run.error.message}
  const mistake = optionsMistake(files)
  if (mistake) return {problem: mistake}
  // A path given that does not exist is a usage error; a file found in a folder that cannot be read (a broken link) is a finding.
  const given = new Set(paths.map((item) => path.resolve(io.cwd, item)))
  const missing = files.filter((file) => given.has(path.resolve(file.cwd, file.path)) && isMissing(file))
  if (missing.length > 0) return {problem: missing.map((file) => `No such file or folder: \`${file.path}\``).join('\n')}
  // A shard may be empty; the run as a whole may not.
  if (files.length === 0 && refused.length === 0 && (run?.found ?? 0) === 0 && paths.length > 0) {
    return {problem: `No Markdown files found in ${paths.map((item) => '`' + item + '`').join(', ')}`}
  }
  return {files}
}

function isMissing(file: VFile): boolean {
  return file.messages.some((message) => message.reason === 'No such file or folder')
}

function openLintCache(flags: CliFlags, options: Options, io: Io): LintCache {
  const location = flags.cacheLocation === undefined ? defaultCacheLocation(io.cwd) : path.resolve(io.cwd, flags.cacheLocation)
  return openCache(location, options, io.cwd)
}

async function storeLintCache(cache: LintCache, io: Io): Promise<void> {
  const problem = saveCache(cache)
  // The report is right either way: a cache that cannot be written only costs the next run time.
  if (problem) await write(io.stderr, `plan-lint: cannot write cache \`${cache.location}\`: ${problem.message}\n`)
}

async function fail(io: Io, text: string): Promise<number> {
  await write(io.stderr, `plan-lint: ${text}\n`)
  return exitCodes.usage
}

/**
 * Find the files, then lint them in bounded batches (on worker threads for
 * large runs); the files come back in the engine's order with only their
 * messages, so memory stays flat in the number of files. With a cache, files
 * whose cached result is still valid are not linted.
 */
async function lintFiles(
  paths: string[],
  options: Options,
  io: Pick<Io, 'cwd' | 'env'>,
  cache: LintCache | undefined,
  shard: Shard | undefined,
  fix: FixMode | undefined
): Promise<{error: Error | undefined; files: VFile[]; found: number}> {
  const everything = await discoverFiles(paths, io.cwd)
  // A path that does not exist fails every shard; any other file is on one.
  const mine = (file: VFile) => !shard || isMissing(file) || inShard(shard, file.path, io.cwd)
  if (!everything) {
    // The engine's finder could not be loaded: one engine run, as `remark` does.
    const {runEngine} = await import('./engine.js')
    const run = await runEngine(paths, options, io.cwd)
    const ran = run.files.filter(mine)
    if (!fix || run.error) return {error: run.error, files: ran.map((file) => fromFileResult(toFileResult(file))), found: run.files.length}
    const {fixFile, hasFix} = await import('./fix-files.js')
    const files: VFile[] = []
    for (const file of ran) {
      files.push(fromFileResult(hasFix(file.messages) ? await fixFile(file, options, io.cwd, fix) : toFileResult(file)))
    }
    return {error: undefined, files, found: run.files.length}
  }
  const found = everything.filter(mine)
  // Named pipes and devices would block the read or never end.
  refuseSpecialFiles(found)
  // Files the finder already failed (missing) are reported as they are.
  const failed = (file: VFile) => file.messages.some((message) => message.fatal === true)
  const lintable = found.filter((file) => !failed(file))
  const linted = new Map<string, VFile>()
  const toLint: string[] = []
  if (cache) {
    for (const file of lintable) {
      const cached = lookUp(cache, path.resolve(file.cwd, file.path))
      // Reported under this run's path, as a new lint would; with `--fix`, a file with fixes is linted and fixed.
      if (cached && !(fix && cached.messages.some((message) => message.fix !== undefined))) linted.set(file.path, fromFileResult({...cached, path: file.path, cwd: file.cwd}))
      else toLint.push(file.path)
    }
  } else {
    for (const file of lintable) toLint.push(file.path)
  }
  const batches = toLint.length > 0 ? await lintInBatches(toLint, options, io.cwd, workerCount(toLint.length, io.env), fix) : []
  let error: Error | undefined
  for (const batch of batches) {
    error ??= fromCauseResult(batch.error)
    for (const result of batch.files) {
      linted.set(result.path, fromFileResult(result))
      if (!cache) continue
      const file = path.resolve(result.cwd, result.path)
      // A fixed file is remembered as written, so the next run does not lint it again.
      if (result.fixed?.status === 'written' && result.fixed.hash) rekey(cache, file, result.fixed.hash)
      if (result.fixed?.status !== 'refused') remember(cache, file, result)
    }
  }
  const files = found.map((file) => (failed(file) ? file : linted.get(file.path))).filter((file) => file !== undefined)
  return {error, files, found: everything.length}
}
