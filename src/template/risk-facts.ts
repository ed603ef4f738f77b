import {collapseSpaces, headingWords, labelKey} from '../support/text.js'
import {headingKey} from './heading-text.js'
import {createScale, type Scale} from './risk-scale.js'
import type {Template} from './template.js'

/**
 * How a template writes risks, with the user’s aliases: which columns or
 * fields rate a risk, on which scale, and which headings and columns mark a
 * table or list as being about risks.
 */

/** Words that make a heading about risks; `*` at the end matches a word start (German compounds). */
export const defaultRiskWords = ['risk', 'risks', 'risiko*', 'risiken'] as const
/** Column headers that make a table a risk table wherever it is. */
export const defaultRiskColumns = ['Risk', 'Risks', 'Risk description', 'Risiko', 'Risiken', 'Risikobeschreibung'] as const

/** Likelihood and impact columns in German, beside the template’s own names (risk words are German too). */
export const defaultLikelihoodNames = ['Wahrscheinlichkeit', 'Eintrittswahrscheinlichkeit', 'Wahrsch.'] as const
export const defaultImpactNames = ['Auswirkung', 'Auswirkungen', 'Schadensausmaß', 'Tragweite'] as const

/**
 * Rating words for a `Low`, `Medium`, `High` scale that authors use in its
 * place: words beyond its ends (`Critical`), German words, traffic-light
 * symbols. An alias of a value that is not on the scale is ignored, so they
 * change nothing for another scale.
 */
export const defaultScaleAliases: Readonly<Record<string, string>> = {
  minimal: 'Low',
  negligible: 'Low',
  niedrig: 'Low',
  gering: 'Low',
  '🟢': 'Low',
  moderate: 'Medium',
  mittel: 'Medium',
  '🟡': 'Medium',
  critical: 'High',
  severe: 'High',
  hoch: 'High',
  kritisch: 'High',
  '🟠': 'High',
  '🔴': 'High'
}

/** Whether a heading or column header has a risk word (`Technical Risks`, `Risikobewertung`). */
export function riskWordMatcher(words: readonly string[] = defaultRiskWords): (text: string) => boolean {
  const exactWords = new Set(words.filter((word) => !word.endsWith('*')).map((word) => word.toLowerCase()))
  const wordStarts = words.filter((word) => word.endsWith('*')).map((word) => word.slice(0, -1).toLowerCase())
  return (text) =>
    headingWords(text).some((word) => exactWords.has(word) || wordStarts.some((start) => start !== '' && word.startsWith(start)))
}

/** The options of `risk-table-columns` that shape these facts (validated by the rule). */
export interface RiskFactSettings {
  likelihood?: readonly string[] | undefined
  impact?: readonly string[] | undefined
  scale?: readonly string[] | undefined
  scaleAliases?: Readonly<Record<string, string>> | undefined
  riskWords?: readonly string[] | undefined
  riskColumns?: readonly string[] | undefined
}

/** A rated property of a risk: likelihood, impact, or another template field. */
export interface Dimension {
  /** How messages name it: `likelihood`. */
  name: string
  /** Names a column or field may have, as written in the template and options. */
  aliases: string[]
  keys: Set<string>
}

export interface RiskFacts {
  template: Template
  /** Columns a risk table must have. */
  requiredColumns: Dimension[]
  /** Fields each item of a risk list must have; none: lists are not checked. */
  listFields: Dimension[]
  /** Every dimension whose values are checked, in column-matching order. */
  rated: Dimension[]
  scale: Scale
  /** Whose scale it is, for messages: ``the scale of template `technical-plan` `` or ``option `scale` ``. */
  scaleSource: string
  riskColumnKeys: Set<string>
  /** Headings of the template’s own risk sections. */
  riskSectionKeys: Set<string>
  isRiskHeading: (text: string) => boolean
}

const factsCache = new WeakMap<RiskFactSettings, WeakMap<Template, RiskFacts>>()

/** What a template (and the rule’s options) say about risks, computed once per template and options object. */
export function riskFactsOf(template: Template, settings: RiskFactSettings): RiskFacts {
  let byTemplate = factsCache.get(settings)
  if (!byTemplate) {
    byTemplate = new WeakMap()
    factsCache.set(settings, byTemplate)
  }
  let facts = byTemplate.get(template)
  if (!facts) {
    facts = buildFacts(template, settings)
    byTemplate.set(template, facts)
  }
  return facts
}

function buildFacts(template: Template, settings: RiskFactSettings): RiskFacts {
  const {risks} = template
  const likelihood = dimension('likelihood', [...risks.likelihood, ...(settings.likelihood ?? [])], defaultLikelihoodNames)
  const impact = dimension('impact', [...risks.impact, ...(settings.impact ?? [])], defaultImpactNames)
  const fields = unique(
    risks.fields.map((field) => {
      const key = labelKey(field)
      if (likelihood.keys.has(key)) return likelihood
      if (impact.keys.has(key)) return impact
      return dimension(collapseSpaces(field).toLowerCase(), [field])
    })
  )
  // A table template rates likelihood and impact; a list template rates its fields, in lists and tables alike.
  const requiredColumns = risks.format === 'table' ? [likelihood, impact] : fields
  const namesRisks = riskWordMatcher(settings.riskWords ?? defaultRiskWords)
  const riskSectionKeys = new Set(risks.sections.map((text) => headingKey(text)))
  return {
    template,
    requiredColumns,
    listFields: risks.format === 'list' ? fields : [],
    rated: unique([likelihood, impact, ...fields]),
    scale: createScale(settings.scale ?? risks.scale, {...defaultScaleAliases, ...settings.scaleAliases}),
    scaleSource: settings.scale ? 'option `scale`' : `the scale of template \`${template.id}\``,
    riskColumnKeys: new Set((settings.riskColumns ?? [...defaultRiskColumns]).map((name) => labelKey(name))),
    riskSectionKeys,
    isRiskHeading(text) {
      if (riskSectionKeys.has(headingKey(text))) return true
      return namesRisks(text)
    }
  }
}

/** @param others names it also has, which messages do not offer (`Wahrscheinlichkeit`) */
function dimension(name: string, aliases: string[], others: readonly string[] = []): Dimension {
  const kept: string[] = []
  const keys = new Set<string>()
  for (const alias of aliases) {
    const key = labelKey(alias)
    if (key === '' || keys.has(key)) continue
    keys.add(key)
    kept.push(alias)
  }
  for (const other of others) keys.add(labelKey(other))
  return {name, aliases: kept, keys}
}

function unique<Value>(values: Value[]): Value[] {
  return [...new Set(values)]
}
