import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
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
    return parseTemplate(readFileSync(file, 'utf8'), 'built-in', id)
  })
  return builtins
}

/** Path of a built-in template file. */
export function builtinTemplatePath(id: string): string {
  return path.join(templatesDirectory(), id + '.md')
}

let directory: string | undefined

/** `templates/` at the package root, from `src/` (tests) or `dist/src/` (built). */
function templatesDirectory(): string {
  if (directory) return directory
  let current = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(current, 'templates', 'tip.md'))) {
    const parent = path.dirname(current)
    if (parent === current) throw new Error('Cannot find the built-in `templates/` folder of remark-plan-lint')
    current = parent
  }
  directory = path.join(current, 'templates')
  return directory
}
