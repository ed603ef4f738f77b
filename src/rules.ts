import type {Plugin} from 'unified'
import type {Root} from 'mdast'
import knownTemplate from '../rules/known-template.js'
import noTemplateGuidance from '../rules/no-template-guidance.js'
import requiredHeadings from '../rules/required-headings.js'
import type {RuleId} from './rule-meta.js'

/** Every rule plugin by id (metadata lives in `rule-meta.ts`). */
export const rulePlugins: Record<RuleId, Plugin<[unknown?], Root>> = {
  'required-headings': requiredHeadings as Plugin<[unknown?], Root>,
  'no-template-guidance': noTemplateGuidance as Plugin<[unknown?], Root>,
  'known-template': knownTemplate as Plugin<[unknown?], Root>
}
