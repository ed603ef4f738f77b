import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {builtinTemplateIds, builtinTemplatePath, builtinTemplates} from '../src/template/builtin.js'
import {parseTemplate, type Template} from '../src/template/template.js'
import {compiledTemplates} from '../scripts/compiled-templates.js'
import {root} from './helpers.js'

/** The compiled built-in templates stay true to their Markdown. */
describe('templates/compiled.json', () => {
  it('is up to date (run `npm run compile-templates`)', () => {
    expect(readFileSync(path.join(root, 'templates', 'compiled.json'), 'utf8')).toBe(compiledTemplates())
  })

  it.each(builtinTemplateIds)('builds %s as parsing its Markdown does', (id) => {
    const compiled = builtinTemplates().find((template) => template.id === id)!
    const file = builtinTemplatePath(id)
    const parsed = parseTemplate(readFileSync(file, 'utf8'), file, id, true)
    expect(shape(compiled)).toEqual(shape(parsed))
  })
})

function shape(template: Template) {
  return {
    id: template.id,
    description: template.description,
    title: template.title,
    source: template.source,
    body: template.body,
    risks: template.risks,
    sections: template.sections.map((section) => ({
      ...section,
      pattern: section.pattern.label,
      parent: section.parent?.index,
      children: section.children.map((child) => child.index),
      requiredWith: section.requiredWith.map((other) => other.index)
    })),
    alwaysRequired: template.alwaysRequired.map((section) => section.index),
    choiceVocabulary: [...template.choiceVocabulary].sort(),
    placeholderTexts: [...template.placeholderTexts].sort()
  }
}
