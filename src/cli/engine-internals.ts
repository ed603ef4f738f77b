import {createRequire} from 'node:module'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {VFile} from 'vfile'

/**
 * unified-engine's own finder and ignore files, which it does not export:
 * loaded here by path from its folder. The bundled binaries import the same
 * files statically instead (`scripts/build/engine-internals.bundled.mjs`).
 */

export interface FinderModule {
  finder(
    input: string[],
    options: {cwd: string; extensions: string[]; ignore: unknown; ignorePatterns: string[]; silentlyIgnore: boolean},
    callback: (error: Error | undefined, result?: {files: VFile[]}) => void
  ): void
}

export interface IgnoreModule {
  Ignore: new (options: {cwd: string; detectIgnore: boolean; ignoreName: string; ignorePathResolveFrom: 'dir'}) => unknown
}

/** unified-engine's `Configuration` (`.remarkrc*` and `remarkConfig`), which loads its plugin loader: imported only when a configuration file applies. */
export async function importConfiguration(): Promise<{Configuration: new (options: Record<string, unknown>) => unknown}> {
  const entry = createRequire(import.meta.url).resolve('unified-engine')
  return import(pathToFileURL(path.join(path.dirname(entry), 'lib', 'configuration.js')).href) as Promise<{
    Configuration: new (options: Record<string, unknown>) => unknown
  }>
}

export async function importEngineInternals(): Promise<{finder: FinderModule; ignore: IgnoreModule}> {
  const entry = createRequire(import.meta.url).resolve('unified-engine')
  const lib = path.join(path.dirname(entry), 'lib')
  const [finder, ignore] = await Promise.all([
    import(pathToFileURL(path.join(lib, 'finder.js')).href) as Promise<FinderModule>,
    import(pathToFileURL(path.join(lib, 'ignore.js')).href) as Promise<IgnoreModule>
  ])
  return {finder, ignore}
}
