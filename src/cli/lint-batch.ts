import {readFile} from 'node:fs'
import path from 'node:path'
import {remark} from 'remark'
import type {Plugin, Processor} from 'unified'
import {VFile} from 'vfile'
import remarkPlanLint, {type Options} from '../index.js'
import {preParseScan} from '../pipeline/pre-parse.js'
import {hasConfigFile, loadConfiguration, type LoadedConfig} from './config-lookup.js'
import type {FixMode} from './flags.js'
import {toCauseResult, toFileResult, type CauseResult, type FileResult} from './results.js'

/** What linting one batch of files gives: per file its messages, or a failure of the run. */
export interface BatchResult {
  files: FileResult[]
  error: CauseResult | undefined
}

/**
 * Lints batches of found files for one run (in this thread, or in one
 * worker). Files get the configuration `remark` would give them
 * (`.remarkrc*`, `remarkConfig`); where that is the preset alone, as in
 * most runs, one processor per configuration lints file after file, the
 * way unified-engine's file pipeline does (same reading, same messages for
 * a failure), without setting the engine and the preset up again for each
 * file and each batch, and without the engine's queue, which holds every
 * tree until the last file is done. Files whose configuration has other
 * plugins, or fails to load, go through unified-engine itself, in the batch.
 */
export type BatchLinter = (paths: string[]) => Promise<BatchResult>

export function createBatchLinter(options: Options, cwd: string, fix?: FixMode): BatchLinter {
  const given: LoadedConfig['plugins'] = [[remarkPlanLint as Plugin<unknown[]>, options], [preParseScan as Plugin<unknown[]>]]
  const processors = new Map<LoadedConfig | undefined, Processor | undefined>()
  const processorFor = async (file: string): Promise<Processor | undefined> => {
    // Most runs have no configuration file: then the engine's plugin loader (yaml, load-plugin) is not even loaded.
    const config = (await hasConfigFile(path.resolve(cwd, file))) ? await loadConfiguration(file, cwd, given) : undefined
    if (config === 'engine') return undefined
    if (!processors.has(config)) processors.set(config, config ? processorOf(config) : processorOf({plugins: given, settings: {}}))
    return processors.get(config)
  }
  return async (paths) => {
    try {
      const results = new Map<string, FileResult>()
      const viaEngine: string[] = []
      // Every file of the batch is read at once: the reads overlap the parse of the files before them, as in the engine.
      const texts = new Map(paths.map((item) => [item, settled(readText(path.resolve(cwd, item)))]))
      for (const item of paths) {
        const processor = await processorFor(item)
        if (!processor) {
          viaEngine.push(item)
          continue
        }
        const file = await lintFile(processor, item, cwd, texts.get(item)!)
        results.set(item, fix ? await fixed(file, options, cwd, fix) : toFileResult(file))
      }
      if (viaEngine.length > 0) {
        const {runEngine} = await import('./engine.js')
        const {error, files} = await runEngine(viaEngine, options, cwd)
        if (error) return {files: files.map((file) => toFileResult(file)), error: toCauseResult(error)}
        for (const file of files) results.set(file.path, fix ? await fixed(file, options, cwd, fix) : toFileResult(file))
      }
      return {files: paths.map((item) => results.get(item)).filter((result) => result !== undefined), error: undefined}
    } catch (error) {
      return {files: [], error: toCauseResult(error)}
    }
  }
}

/** A processor with a configuration's plugins and settings, as unified-engine's file pipeline sets one up. */
function processorOf(config: Pick<LoadedConfig, 'plugins' | 'settings'>): Processor | undefined {
  const own = new Set<unknown>([remarkPlanLint, preParseScan])
  if (!config.plugins.every(([plugin, options]) => own.has(plugin) || options === false)) return undefined
  const processor = remark().data('settings', config.settings) as unknown as Processor
  for (const [plugin, options] of config.plugins) {
    if (options === false) continue
    // The engine passes empty options as none.
    processor.use(plugin, isEmpty(options) ? undefined : options)
  }
  return processor.freeze() as Processor
}

/** One file through read, parse and transform, with unified-engine's messages for a failure. */
async function lintFile(processor: Processor, item: string, cwd: string, text: Promise<Settled<string>>): Promise<VFile> {
  const file = new VFile({path: item, cwd})
  try {
    const read = await text
    if (!read.ok) throw read.error
    file.value = read.value
    const tree = processor.parse(file)
    await processor.run(tree, file)
  } catch (error) {
    if (file.messages.includes(error as never)) {
      ;(error as {fatal: boolean}).fatal = true
    } else {
      const message = file.message('Cannot process file', {cause: error as Error})
      message.fatal = true
    }
  }
  return file
}

/** Read as unified-engine reads (`fs.readFile` with a callback: the promise API costs more per file). */
function readText(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    readFile(file, 'utf8', (error, value) => (error ? reject(error) : resolve(value)))
  })
}

type Settled<T> = {ok: true; value: T} | {ok: false; error: unknown}

/** A promise that never rejects: a read started ahead must not fail the run before its file's turn. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ok: true, value}),
    (error: unknown) => ({ok: false, error})
  )
}

async function fixed(file: VFile, options: Options, cwd: string, fix: FixMode): Promise<FileResult> {
  const {fixFile, hasFix} = await import('./fix-files.js')
  return hasFix(file.messages) ? fixFile(file, options, cwd, fix) : toFileResult(file)
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)
}
