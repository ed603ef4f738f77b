import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import type {z} from 'zod'
import checkedClaims from '../rules/checked-claims.js'
import completedChecklists from '../rules/completed-checklists.js'
import noTemplateText from '../rules/no-template-text.js'
import checklistFormat, {checklistFormatOptionsSchema} from '../rules/checklist-format.js'
import knownTemplate from '../rules/known-template.js'
import noEmptySections from '../rules/no-empty-sections.js'
import noPlaceholders, {noPlaceholdersOptionsSchema} from '../rules/no-placeholders.js'
import noTemplateGuidance from '../rules/no-template-guidance.js'
import requiredHeadings from '../rules/required-headings.js'
import featureConsistency from '../rules/feature-consistency.js'
import taskIds from '../rules/task-ids.js'
import earsCriteria from '../rules/ears-criteria.js'
import requirementReferences from '../rules/requirement-references.js'
import requirementScenarios from '../rules/requirement-scenarios.js'
import specDeltas from '../rules/spec-deltas.js'
import riskTableColumns, {riskTableColumnsOptionsSchema} from '../rules/risk-table-columns.js'
import type {RuleId} from './pipeline/rule-meta.js'

export interface RuleModule {
  plugin: Plugin<[unknown?], Root>
  /** Schema of the rule’s own options; rules without one take none. */
  optionsSchema?: () => z.ZodType
}

/** Every rule plugin by id (metadata lives in `rule-meta.ts`). */
export const ruleModules: Record<RuleId, RuleModule> = {
  'required-headings': {plugin: requiredHeadings as Plugin<[unknown?], Root>},
  'no-template-guidance': {plugin: noTemplateGuidance as Plugin<[unknown?], Root>},
  'no-placeholders': {
    plugin: noPlaceholders as Plugin<[unknown?], Root>,
    optionsSchema: noPlaceholdersOptionsSchema
  },
  'checklist-format': {
    plugin: checklistFormat as Plugin<[unknown?], Root>,
    optionsSchema: checklistFormatOptionsSchema
  },
  'risk-table-columns': {
    plugin: riskTableColumns as Plugin<[unknown?], Root>,
    optionsSchema: riskTableColumnsOptionsSchema
  },
  'no-empty-sections': {plugin: noEmptySections as Plugin<[unknown?], Root>},
  'task-ids': {plugin: taskIds as Plugin<[unknown?], Root>},
  'requirement-scenarios': {plugin: requirementScenarios as Plugin<[unknown?], Root>},
  'spec-deltas': {plugin: specDeltas as Plugin<[unknown?], Root>},
  'feature-consistency': {plugin: featureConsistency as Plugin<[unknown?], Root>},
  'ears-criteria': {plugin: earsCriteria as Plugin<[unknown?], Root>},
  'requirement-references': {plugin: requirementReferences as Plugin<[unknown?], Root>},
  'known-template': {plugin: knownTemplate as Plugin<[unknown?], Root>},
  'no-template-text': {plugin: noTemplateText as Plugin<[unknown?], Root>},
  'completed-checklists': {plugin: completedChecklists as Plugin<[unknown?], Root>},
  'checked-claims': {plugin: checkedClaims as Plugin<[unknown?], Root>}
}
