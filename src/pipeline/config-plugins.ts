import path from 'node:path'
import type {Plugin} from 'unified'
import type {ConfigTransform, Preset} from 'unified-engine'
import type {VFile} from 'vfile'
import {ConfigError} from '../support/errors.js'

/**
 * What the binaries do with the plugins a remark configuration names
 * (`.remarkrc*`, `package.json` `remarkConfig`), through unified-engine's
 * `configTransform` hook:
 *
 * - `plan-lint` and `remark-plan-lint`, and a copy of the preset imported by
 *   a `.remarkrc.js`, become the running preset itself, wherever it is
 *   installed (a global prefix, `npx`, a monorepo root), so the project needs
 *   no local install and the preset is never attached twice; the options
 *   given there are kept (the engine merges the binary's own on top);
 * - another plugin that cannot be found becomes one clear configuration
 *   error naming it and the file that names it, without a stack trace.
 */

/** Carried by the preset function, so that any copy of it is recognised. */
export const presetMarker = Symbol.for('remark-plan-lint.preset')

const ownNames = new Set(['plan-lint', 'remark-plan-lint'])

/** Which configuration file named each plugin specifier (this process). */
const namedIn = new Map<string, string>()

export function planLintConfigTransform(preset: Plugin<never[]>): ConfigTransform {
  const own = (value: unknown): boolean =>
    (typeof value === 'string' && ownNames.has(value)) ||
    (typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[presetMarker] === true)
  const swap = (value: unknown, filePath: string): unknown => {
    if (own(value)) return preset
    if (typeof value === 'string' && !namedIn.has(value)) namedIn.set(value, filePath)
    return value
  }
  return (config: unknown, filePath: string): Preset => {
    // Anything else is the engine's to refuse, with its own message.
    if (config === null || typeof config !== 'object') return config as Preset
    const {plugins, ...rest} = config as {plugins?: unknown}
    if (plugins === null || typeof plugins !== 'object') return config as Preset
    // A map (`{"remark-plan-lint": {…}}`) becomes the list the engine reads it as.
    const list: unknown[] = Array.isArray(plugins) ? plugins : Object.entries(plugins)
    const swapped = list.map((entry) =>
      Array.isArray(entry) ? [swap(entry[0], filePath), ...entry.slice(1)] : swap(entry, filePath)
    )
    return {...rest, plugins: swapped} as Preset
  }
}

/**
 * Turn unified-engine's "Cannot find module `x`" (a fatal message with a
 * stack trace, on every file the configuration applies to) into one line
 * that names the plugin and the configuration file, with a `ConfigError`
 * cause (exit code 2 in the CLI).
 */
export function explainMissingPlugins(files: Iterable<VFile>, cwd: string): void {
  for (const file of files) {
    for (const message of file.messages) {
      // The engine reports "Cannot process file", caused by "Cannot find module `x`".
      const cause = message.cause instanceof Error ? message.cause.message : ''
      const match = /^Cannot find module `(.+)`$/.exec(cause) ?? /^Cannot find module `(.+)`$/.exec(message.reason)
      const configFile = match ? namedIn.get(match[1]!) : undefined
      if (!match || configFile === undefined) continue
      const where = path.relative(cwd, configFile) || configFile
      const text = `Cannot find plugin \`${match[1]}\` named in \`${where}\`, expected it installed where that file can load it (or removed from it)`
      message.reason = text
      message.message = text
      message.cause = new ConfigError(text)
      message.stack = ''
    }
  }
}
