import markdownExtensions from 'markdown-extensions'
import type {VFile} from 'vfile'
import {engineFinding} from './engine-settings.js'
import {importEngineInternals, type FinderModule, type IgnoreModule} from './engine-internals.js'

/**
 * The files a lint run covers, found exactly as unified-engine finds them
 * (globs, folders, `.remarkignore`, `node_modules` skipped, Markdown
 * extensions), in the engine's order, without reading or parsing any of
 * them. The CLI then lints them in bounded batches.
 *
 * unified-engine exports only `engine`, which reads and parses every file it
 * finds before it returns, so its own finder is loaded from its files. When
 * that fails (a future layout), `undefined` tells the caller to hand the
 * paths to the engine in one run, as before.
 */

let internals: Promise<{finder: FinderModule; ignore: IgnoreModule} | undefined> | undefined

function loadInternals() {
  internals ??= (async () => {
    try {
      const {finder, ignore} = await importEngineInternals()
      if (typeof finder.finder !== 'function' || typeof ignore.Ignore !== 'function') return undefined
      return {finder, ignore}
    } catch {
      return undefined
    }
  })()
  return internals
}

/** Found files (missing ones carry the engine's fatal message), or `undefined` when the finder cannot be used. */
export async function discoverFiles(paths: string[], cwd: string): Promise<VFile[] | undefined> {
  const loaded = await loadInternals()
  if (!loaded) return undefined
  const extensions = markdownExtensions.map((value) => (value.startsWith('.') ? value : '.' + value))
  const ignore = new loaded.ignore.Ignore({
    cwd,
    detectIgnore: engineFinding.detectIgnore,
    ignoreName: engineFinding.ignoreName,
    ignorePathResolveFrom: 'dir'
  })
  return new Promise((resolve, reject) => {
    loaded.finder.finder(
      paths,
      {cwd, extensions, ignore, ignorePatterns: [], silentlyIgnore: engineFinding.silentlyIgnore},
      (error, result) => {
        if (error || !result) {
          reject(error ?? new Error('Cannot find files'))
          return
        }
        // The engine's own order (`file-set-pipeline/file-system.js`).
        resolve(result.files.sort((left, right) => (left.path < right.path ? -1 : 1)))
      }
    )
  })
}
