import {readFileSync} from 'node:fs'
import {builtinTemplateIds, builtinTemplatePath, contentHash, type CompiledTemplates} from '../src/template/builtin.js'
import {templatePlaceholderFacts} from '../src/template/placeholder-facts.js'
import {buildTemplate, readTemplateData, sectionTextsOf} from '../src/template/template.js'
import {compileTemplateText} from '../src/template/versions.js'

/** The text of `templates/compiled.json` for the current templates. */
export function compiledTemplates(): string {
  const compiled: CompiledTemplates = {templates: {}}
  for (const id of builtinTemplateIds) {
    const value = readFileSync(builtinTemplatePath(id), 'utf8')
    const {data, tree} = readTemplateData(value, id + '.md', id)
    const facts = templatePlaceholderFacts(tree, value)
    // Its text across versions and each section's Markdown: a run then parses no template.
    const template = buildTemplate(data, builtinTemplatePath(id), true)
    compiled.templates[id] = {
      hash: contentHash(value),
      data: {
        ...data,
        choiceVocabulary: [...facts.choiceVocabulary],
        placeholderTexts: [...facts.placeholderTexts],
        text: compileTemplateText(template),
        sectionTexts: sectionTextsOf(template)
      }
    }
  }
  return JSON.stringify(compiled, null, 2) + '\n'
}
