import path from 'node:path'
import {VFile} from 'vfile'
import type {TemplateRegistry} from '../template/registry.js'
import {optionsMistake, runEngine} from './engine.js'
import {exitCodes, UsageError, write, type Io} from './io.js'
import type {CliFlags} from './flags.js'

/**
 * The templates the configuration of `cwd` knows: run the engine on an empty
 * virtual file there, so the same `.remarkrc*` discovery applies.
 */
export async function configuredRegistry(io: Io): Promise<TemplateRegistry> {
  const probe = new VFile({path: path.join(io.cwd, 'plan-lint-templates.md'), value: ''})
  const {error, files} = await runEngine([probe], {}, io.cwd)
  if (error) throw new UsageError(error.message)
  const mistake = optionsMistake(files)
  if (mistake) throw new UsageError(mistake)
  // The preset leaves its context on the file.
  const context = files[0]?.data.planLint
  if (!context) throw new UsageError('Cannot read the configuration in ' + io.cwd)
  return context.registry
}

/** `plan-lint templates`: id, title and source file of every known template. */
export async function templatesCommand(_flags: CliFlags, io: Io): Promise<number> {
  const registry = await configuredRegistry(io)
  const lines = registry.templates.map((template) => {
    const source = template.builtin ? template.source : path.resolve(io.cwd, template.source)
    const shown = path.relative(io.cwd, source).split(path.sep).join('/')
    return [template.id, template.title ?? '(no title)', (template.builtin ? 'built-in ' : '') + shown].join('\t')
  })
  await write(io.stdout, lines.join('\n') + '\n')
  return exitCodes.pass
}
