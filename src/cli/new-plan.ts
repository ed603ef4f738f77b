import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {loadTemplateFile, type TemplateRegistry} from '../template/registry.js'
import type {Template} from '../template/template.js'
import {exitCodes, UsageError, write, type Io} from './io.js'
import type {CliFlags} from './flags.js'
import {configuredRegistry} from './templates.js'

/**
 * `plan-lint new <template>`: a fresh plan from the template. It declares its
 * template in front matter, has every section, and keeps the placeholders for
 * the author to fill (the linter reports them until then).
 */
export async function newCommand(name: string, flags: CliFlags, io: Io): Promise<number> {
  const template = templateNamed(name, await configuredRegistry(io.cwd), io.cwd)
  const plan = renderPlan(template, flags.title)
  if (flags.output === undefined) {
    await write(io.stdout, plan)
    return exitCodes.pass
  }
  const target = path.resolve(io.cwd, flags.output)
  try {
    mkdirSync(path.dirname(target), {recursive: true})
    // `wx`: never overwrite a plan someone already wrote.
    writeFileSync(target, plan, {flag: 'wx'})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`Cannot write \`${flags.output}\`: the file exists, and plan-lint never overwrites it`)
    }
    throw new UsageError(`Cannot write \`${flags.output}\`: ${(error as Error).message}`)
  }
  await write(io.stderr, `plan-lint: wrote ${flags.output} from template \`${template.id}\`\n`)
  return exitCodes.pass
}

/** A template by id, or by the path of its file (relative to `cwd`). */
export function templateNamed(name: string, registry: TemplateRegistry, cwd: string): Template {
  const template = registry.get(name) ?? (isTemplatePath(name) ? loadTemplateFile(name, cwd, 'new') : undefined)
  if (template) return template
  const known = registry.ids().map((id) => '`' + id + '`').join(', ')
  throw new UsageError(`Unexpected template \`${name}\`, expected one of ${known} or a path to a template file`)
}

/** Whether a template name is a path (`docs/rfc.md`) rather than an id. */
export function isTemplatePath(name: string): boolean {
  return /[\\/]|\.(md|markdown)$/i.test(name)
}

export function renderPlan(template: Template, title: string | undefined): string {
  let body = template.body
  // One line of text: a line ending or a control character in `--title` would break the heading.
  const text = title === undefined ? '' : title.replace(/[\s\u0000-\u001F\u007F]+/g, ' ').trim()
  if (text !== '') {
    // Fill the title's placeholder, or replace a title without one (a function: `$&` in a title is text).
    body = body.replace(/^# (.*)$/m, (_, heading: string) =>
      '# ' + (/\[[^\]]*\]/.test(heading) ? heading.replace(/\[[^\]]*\]/, () => text) : text)
    )
  }
  return `---\ntemplate: ${template.id}\n---\n\n${body.endsWith('\n') ? body : body + '\n'}`
}
