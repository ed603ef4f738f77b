import {isUtf8} from 'node:buffer'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {builtinTemplates} from './builtin.js'
import {parseTemplate, TemplateError, type Template} from './template.js'

/** The templates a run knows: the built-in ones plus the user’s own files. */
export interface TemplateRegistry {
  templates: Template[]
  /**
   * Absolute paths of the user's template files read for this run (the
   * `templates` option, and a `template` option given as a path): the CLI
   * cache must check them again before it trusts a cached result.
   */
  files: string[]
  get(id: string): Template | undefined
  ids(): string[]
}

/**
 * Build the registry. A user template with a built-in id replaces it.
 * @param files paths of the user’s template files, relative to `cwd`
 * @param option the option the paths came from, for messages
 */
export function createRegistry(files: readonly string[], cwd: string, option = 'templates'): TemplateRegistry {
  const byId = new Map<string, Template>()
  const read: string[] = []
  for (const template of builtinTemplates()) byId.set(template.id, template)
  files.forEach((file, index) => {
    const template = loadTemplateFile(file, cwd, `${option}[${index}]`, read)
    byId.set(template.id, template)
  })
  const templates = [...byId.values()]
  return {
    templates,
    files: read,
    get: (id) => byId.get(id),
    ids: () => templates.map((template) => template.id)
  }
}

/**
 * Read one template file; the file name is its id unless the front matter says otherwise.
 * @param read if given, collects the file's absolute path (for the CLI cache)
 */
export function loadTemplateFile(file: string, cwd: string, option: string, read?: string[]): Template {
  const absolute = path.resolve(cwd, file)
  read?.push(absolute)
  const cannotRead = (reason: string) =>
    new TemplateError(
      `Cannot read template \`${file}\` from option \`${option}\` (${reason}), expected a path to a Markdown template relative to \`${cwd}\``
    )
  let bytes: Buffer
  try {
    bytes = readFileSync(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw cannotRead(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : String(code ?? error))
  }
  if (bytes.includes(0) || !isUtf8(bytes)) throw cannotRead('not UTF-8 text')
  const fallbackId = path.basename(absolute).replace(/\.(md|markdown|txt)$/i, '').toLowerCase()
  try {
    const template = parseTemplate(bytes.toString('utf8'), file, fallbackId, false, path.dirname(absolute))
    // Its older versions’ text is part of it (front matter `versions`).
    for (const version of template.versionFiles) {
      if (!existsSync(version)) {
        throw new TemplateError(
          `Cannot read \`${path.relative(cwd, version)}\` named in front matter \`versions\` of template \`${file}\` (no such file), expected a path relative to the template`
        )
      }
    }
    read?.push(...template.versionFiles)
    return template
  } catch (error) {
    // Name the option, so the user knows where the template came from.
    if (error instanceof TemplateError) throw new TemplateError(`${error.message} (option \`${option}\`)`)
    throw error
  }
}

let builtinRegistry: TemplateRegistry | undefined

/** Registry with only the built-in templates (rules used on their own). */
export function defaultRegistry(): TemplateRegistry {
  builtinRegistry ??= createRegistry([], process.cwd())
  return builtinRegistry
}
