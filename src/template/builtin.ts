import {readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../support/package-root.js'
import {buildTemplate, parseTemplate, type Template, type TemplateData} from './template.js'

/** Ids of the templates that ship with the package, in `templates/<id>.md`. */
export const builtinTemplateIds = [
  'tip',
  'technical-plan',
  'story-plan',
  'planning-document',
  'implementation-plan',
  'spec-kit-plan',
  'spec-kit-spec',
  'spec-kit-tasks',
  'kiro-requirements',
  'kiro-design',
  'kiro-tasks',
  'openspec-proposal',
  'openspec-delta',
  'openspec-spec',
  'openspec-design',
  'openspec-tasks',
  'bmad-story',
  'bmad-prd',
  'kep',
  'rfc'
] as const

/**
 * `templates/compiled.json`: the built-in templates as data, made by
 * `npm run compile-templates`. Parsing five templates cold costs more than
 * linting a plan, so a one-file run reads this instead. An entry is used only
 * while the hash of its Markdown matches; otherwise the Markdown is parsed.
 */
export interface CompiledTemplates {
  templates: Record<string, {hash: string; data: TemplateData}>
}

export const compiledTemplatesFile = 'compiled.json'

let builtins: Template[] | undefined

/** The built-in templates, built once per process (they never change). */
export function builtinTemplates(): Template[] {
  if (builtins) return builtins
  const compiled = readCompiled()
  builtins = builtinTemplateIds.map((id) => {
    const file = builtinTemplatePath(id)
    const value = readFileSync(file, 'utf8')
    const entry = compiled?.templates[id]
    if (entry && entry.hash === contentHash(value)) return buildTemplate(entry.data, file, true)
    return parseTemplate(value, file, id, true)
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

function readCompiled(): CompiledTemplates | undefined {
  try {
    return JSON.parse(readFileSync(path.join(templatesDirectory(), compiledTemplatesFile), 'utf8')) as CompiledTemplates
  } catch {
    return undefined
  }
}

/** FNV-1a over the text: enough to notice an edited template. */
export function contentHash(value: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0') + ':' + value.length
}
