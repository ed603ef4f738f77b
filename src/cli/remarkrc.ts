import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {UsageError} from './io.js'

/**
 * Registering learned templates in the remark configuration that `plan-lint`
 * and `remark` read for the working directory. Only JSON files are edited
 * (`.remarkrc`, `.remarkrc.json`); a script, YAML or `package.json`
 * configuration gets the lines to add printed instead, and a folder without
 * any gets a new `.remarkrc.json`.
 */

export interface Registration {
  /** Template files, relative to the working directory (`./plan-templates/tip.md`). */
  templates: string[]
  templateGlobs: Record<string, string>
}

export type ConfigChange =
  | {kind: 'write'; file: string; text: string; created: boolean}
  | {kind: 'print'; file: string; reason: string; lines: string}

/** The names unified-engine looks for in each folder, in its order (`lib/configuration.js`). */
export const configNames = ['.remarkrc', '.remarkrc.json', '.remarkrc.cjs', '.remarkrc.mjs', '.remarkrc.js', '.remarkrc.yaml', '.remarkrc.yml', 'package.json']
const jsonNames = new Set(['.remarkrc', '.remarkrc.json'])
/** How a configuration names this plugin. */
const pluginNames = new Set(['remark-plan-lint', 'plan-lint'])
const pluginName = 'remark-plan-lint'

/** The configuration file remark uses for files in `cwd`, as unified-engine finds it. */
export function findConfigFile(cwd: string): string | undefined {
  let folder = path.resolve(cwd)
  for (;;) {
    for (const name of configNames) {
      const file = path.join(folder, name)
      if (!existsSync(file)) continue
      if (name !== 'package.json') return file
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
        if (data.remarkConfig !== undefined) return file
      } catch {
        // An unreadable package.json holds no configuration for remark either.
      }
    }
    const parent = path.dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
}

/**
 * What to do to the configuration: the JSON text to write, or the lines to
 * print. Throws a `UsageError` when the file cannot be read, or (without
 * `force`) when an entry would replace a different one.
 */
export function planConfigChange(cwd: string, registration: Registration, force: boolean): ConfigChange {
  const found = findConfigFile(cwd)
  const lines = JSON.stringify(registration, null, 2)
  if (found === undefined) {
    return {kind: 'write', file: path.join(cwd, '.remarkrc.json'), text: JSON.stringify({plugins: [[pluginName, registration]]}, null, 2) + '\n', created: true}
  }
  const shown = path.relative(cwd, found) || found
  const name = path.basename(found)
  if (path.dirname(found) !== path.resolve(cwd)) {
    return {kind: 'print', file: found, reason: `\`${shown}\` configures remark here, and a \`.remarkrc.json\` in this folder would hide it`, lines}
  }
  if (!jsonNames.has(name)) {
    return {kind: 'print', file: found, reason: `plan-lint does not edit \`${shown}\``, lines}
  }
  let config: unknown
  try {
    config = JSON.parse(readFileSync(found, 'utf8'))
  } catch (error) {
    throw new UsageError(`Cannot read \`${shown}\`: ${(error as Error).message}, expected JSON (nothing was written)`)
  }
  if (!isPlainObject(config)) throw new UsageError(`Unexpected \`${shown}\` that is not a JSON object, expected \`{"plugins": […]}\` (nothing was written)`)
  const merged = mergeConfig(config, registration, force, shown)
  return {kind: 'write', file: found, text: JSON.stringify(merged, null, 2) + '\n', created: false}
}

function mergeConfig(config: Record<string, unknown>, registration: Registration, force: boolean, shown: string): Record<string, unknown> {
  const plugins = config.plugins
  if (plugins === undefined || plugins === null) return {...config, plugins: [[pluginName, registration]]}
  if (Array.isArray(plugins)) {
    const index = plugins.findIndex((entry: unknown) => pluginNames.has(String(Array.isArray(entry) ? entry[0] : entry)))
    if (index < 0) return {...config, plugins: [...plugins, [pluginName, registration]]}
    const entry: unknown = plugins[index]
    const name = String(Array.isArray(entry) ? entry[0] : entry)
    const options: unknown = Array.isArray(entry) ? entry[1] : undefined
    const copy = [...plugins]
    copy[index] = [name, mergeOptions(options, registration, force, shown), ...(Array.isArray(entry) ? entry.slice(2) : [])]
    return {...config, plugins: copy}
  }
  if (isPlainObject(plugins)) {
    const name = Object.keys(plugins).find((key) => pluginNames.has(key)) ?? pluginName
    return {...config, plugins: {...plugins, [name]: mergeOptions(plugins[name], registration, force, shown)}}
  }
  throw new UsageError(`Unexpected \`plugins\` in \`${shown}\`, expected a list or an object of plugins (nothing was written)`)
}

/** The plugin's options with the learned templates added; existing entries stay. */
function mergeOptions(options: unknown, registration: Registration, force: boolean, shown: string): Record<string, unknown> {
  const base = isPlainObject(options) ? options : {}
  const templates = Array.isArray(base.templates) ? [...(base.templates as unknown[])] : []
  const known = new Set(templates.map((item) => path.posix.normalize(String(item))))
  for (const template of registration.templates) if (!known.has(path.posix.normalize(template))) templates.push(template)
  const globs: Record<string, unknown> = isPlainObject(base.templateGlobs) ? {...base.templateGlobs} : {}
  for (const [glob, id] of Object.entries(registration.templateGlobs)) {
    if (globs[glob] !== undefined && globs[glob] !== id && !force) {
      throw new UsageError(
        `Unexpected \`templateGlobs\` entry \`${glob}\` → \`${String(globs[glob])}\` in \`${shown}\`, expected \`${id}\`: run again with \`--force\` to replace it (nothing was written)`
      )
    }
    globs[glob] = id
  }
  return {...base, templates, templateGlobs: globs}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
