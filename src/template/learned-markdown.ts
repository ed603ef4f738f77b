import {yaml} from '../support/lazy.js'
import {headingKey} from './heading-text.js'
import type {LearnedSection, LearnedTemplate} from './learn.js'

/**
 * A learned template as a template file, in the format users write by hand
 * (README "Writing your own template"): front matter with `id`,
 * `description`, `optional` and `risks`, the H1 pattern, and the sections.
 * Each section says in a comment how many plans have it, so the team can see
 * why it is required or optional and edit the file.
 */
export function learnedTemplateMarkdown(learned: LearnedTemplate, id: string, description: string, minShare: number): string {
  const all = learned.sections.flatMap((section) => [section, ...section.children])
  const requiredKeys = new Set(all.filter((section) => section.required).map((section) => headingKey(section.text)))
  // Front matter names optional sections by heading text; a name that is also
  // a required section elsewhere gets the `*(Optional)*` marker instead.
  const optionalNames: string[] = []
  const marked = new Set<LearnedSection>()
  for (const section of all) {
    if (section.required) continue
    if (requiredKeys.has(headingKey(section.text))) marked.add(section)
    else if (!optionalNames.includes(section.text)) optionalNames.push(section.text)
  }

  const frontMatter: Record<string, unknown> = {id, description}
  if (optionalNames.length > 0) frontMatter.optional = optionalNames
  const {risks} = learned
  if (risks) {
    frontMatter.risks = {
      format: 'table',
      likelihood: [risks.likelihood],
      impact: [risks.impact],
      ...(risks.section === undefined ? {} : {sections: [risks.section]})
    }
  }

  const lines: string[] = ['---', yaml().stringify(frontMatter).trimEnd(), '---', '']
  if (learned.title !== undefined) lines.push('# ' + escapeText(learned.title), '')
  lines.push(
    `<!-- Learned by \`plan-lint init\` from ${learned.files.length} plans: a section is required when at least ${Math.round(minShare * 100)} % of them have it. Edit this file as you like. -->`,
    ''
  )
  const riskKey = risks?.section === undefined ? undefined : headingKey(risks.section)
  let riskTableWritten = false
  const writeSection = (section: LearnedSection) => {
    const heading = '#'.repeat(section.depth) + ' ' + section.numbering + escapeText(section.text) + (marked.has(section) ? ' *(Optional)*' : '')
    lines.push(heading, '', `<!-- in ${section.count} of ${section.of} plans${section.required ? '' : ' (optional)'} -->`, '')
    if (risks && !riskTableWritten && riskKey !== undefined && headingKey(section.text) === riskKey) {
      lines.push('| ' + risks.columns.map(escapeCell).join(' | ') + ' |', '|' + risks.columns.map(() => ' --- |').join(''), '')
      riskTableWritten = true
    }
    for (const child of section.children) writeSection(child)
  }
  for (const section of learned.sections) writeSection(section)
  return lines.join('\n').replace(/\n+$/, '\n')
}

/** Heading text as Markdown that reads back as the same text (brackets stay: they are the wildcards). */
function escapeText(text: string): string {
  return text.replace(/[\\*_`<]/g, (character) => '\\' + character).replace(/#+$/, (hashes) => '\\' + hashes)
}

function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, '\\|')
}
