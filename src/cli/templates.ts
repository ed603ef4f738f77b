import path from 'node:path'
import {VFile} from 'vfile'
import type {TemplateRegistry} from '../template/registry.js'
import {runEngineStrict} from './engine.js'
import {exitCodes, UsageError, write, type Io} from './io.js'
import type {CliFlags} from './flags.js'

/**
 * The templates the configuration of `cwd` knows: run the engine on an empty
 * virtual file there, so the same `.remarkrc*` discovery applies.
 */
export async function configuredRegistry(cwd: string): Promise<TemplateRegistry> {
  const probe = new VFile({path: path.join(cwd, 'plan-lint-templates.md'), value: ''})
  const files = await runEngineStrict([probe], {}, cwd)
  // The preset leaves its context on the file.
  const context = files[0]?.data.planLint
  if (!context) throw new UsageError('Cannot read the configuration in ' + cwd)
  return context.registry
}

/** A known template as `plan-lint templates` lists it. */
export interface TemplateEntry {
  id: string
  title: string | undefined
  /** Its file from `cwd` (with `/`), after `built-in ` for a shipped one. */
  source: string
  /** Its file’s absolute path. */
  file: string
}

export function templateEntries(registry: TemplateRegistry, cwd: string): TemplateEntry[] {
  return registry.templates.map((template) => {
    const file = template.builtin ? template.source : path.resolve(cwd, template.source)
    const shown = path.relative(cwd, file).split(path.sep).join('/')
    return {id: template.id, title: template.title, source: (template.builtin ? 'built-in ' : '') + shown, file}
  })
}

/** `plan-lint templates`: id, title and source file of every known template. */
export async function templatesCommand(_flags: CliFlags, io: Io): Promise<number> {
  const entries = templateEntries(await configuredRegistry(io.cwd), io.cwd)
  const lines = entries.map((entry) => [entry.id, entry.title ?? '(no title)', entry.source].join('\t'))
  await write(io.stdout, lines.join('\n') + '\n')
  return exitCodes.pass
}
