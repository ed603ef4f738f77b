import {readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from './package-root.js'
import {parseTemplate, type Template} from './template.js'

/** Ids of the templates that ship with the package, in `templates/<id>.md`. */
export const builtinTemplateIds = [
  'tip',
  'technical-plan',
  'story-plan',
  'planning-document',
  'implementation-plan'
] as const

let builtins: Template[] | undefined

/** The built-in templates, parsed once per process (they never change). */
export function builtinTemplates(): Template[] {
  builtins ??= builtinTemplateIds.map((id) => {
    const file = path.join(templatesDirectory(), id + '.md')
    return parseTemplate(readFileSync(file, 'utf8'), file, id, true)
  })
  return builtins
}

/** Path of a built-in template file. */
export function builtinTemplatePath(id: string): string {
  return path.join(templatesDirectory(), id + '.md')
}

function templatesDirectory(): string {
  return path.join(packageRoot(), 'templates')
}
