import {readFile, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Plugin} from 'unified'
import remarkPlanLint from '../index.js'
import {planLintConfigTransform} from '../pipeline/config-plugins.js'
import {engineFinding} from './engine-settings.js'
import {importConfiguration} from './engine-internals.js'
import {configNames} from './remarkrc.js'

/**
 * The configuration `remark` gives a file, for the CLI's own file loop
 * (`src/cli/lint-batch.ts`): whether any configuration file applies, found
 * without loading unified-engine (most runs have none, and its plugin
 * loader, with yaml, `@npmcli/config` and semver, is the largest part of
 * start-up), then, when one does, unified-engine's own `Configuration`, so
 * `.remarkrc*` and `remarkConfig` read exactly as the engine reads them.
 */

/** A loaded configuration: unified-engine's `ConfigResult`. */
export interface LoadedConfig {
  filePath: string | undefined
  plugins: Array<[Plugin<unknown[]>, ...unknown[]]>
  settings: Record<string, unknown>
}

/** Per folder: whether a configuration file may apply there (checked upwards, as unified-engine's `FindUp` does). */
const folders = new Map<string, Promise<boolean>>()

/**
 * Whether a configuration file may apply to the file: a `.remarkrc*` in its
 * folder or above, or a `package.json` with `remarkConfig` (or one that
 * cannot be read as JSON: the engine then says why).
 */
export function hasConfigFile(file: string): Promise<boolean> {
  return inFolder(path.dirname(file))
}

function inFolder(folder: string): Promise<boolean> {
  let found = folders.get(folder)
  if (!found) {
    found = (async () => {
      for (const name of configNames) {
        const candidate = path.join(folder, name)
        if (name !== 'package.json') {
          if (await exists(candidate)) return true
          continue
        }
        let text: string
        try {
          text = await readFile(candidate, 'utf8')
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
          return true
        }
        try {
          if ((JSON.parse(text) as Record<string, unknown> | null)?.[engineFinding.packageField] !== undefined) return true
        } catch {
          return true
        }
      }
      const parent = path.dirname(folder)
      return parent === folder ? false : inFolder(parent)
    })()
    folders.set(folder, found)
  }
  return found
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch (error) {
    // Anything but a missing file is the engine's to report.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT'
  }
}

interface Configuration {
  load(filePath: string, callback: (error: Error | undefined, result?: LoadedConfig) => void): void
}

const configurations = new Map<string, Configuration>()

/**
 * The file's configuration through unified-engine's `Configuration` (one
 * per run and working directory, which caches each folder's), or `'engine'`
 * when it fails to load: the engine then runs the file and reports why.
 */
export async function loadConfiguration(file: string, cwd: string, given: LoadedConfig['plugins']): Promise<LoadedConfig | 'engine'> {
  let configuration = configurations.get(cwd)
  if (!configuration) {
    const {Configuration} = await importConfiguration()
    configuration = new Configuration({
      cwd,
      rcName: engineFinding.rcName,
      packageField: engineFinding.packageField,
      pluginPrefix: engineFinding.pluginPrefix,
      detectConfig: engineFinding.detectConfig,
      configTransform: planLintConfigTransform(remarkPlanLint as Plugin<never[]>),
      plugins: given,
      settings: {}
    }) as Configuration
    configurations.set(cwd, configuration)
  }
  return new Promise((resolve) => {
    configuration.load(file, (error, result) => resolve(error || !result ? 'engine' : result))
  })
}
