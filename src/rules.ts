import type {Root} from 'mdast'
import type {Plugin} from 'unified'
import type {z} from 'zod'
import knownTemplate from '../rules/known-template.js'
import noTemplateGuidance from '../rules/no-template-guidance.js'
import requiredHeadings from '../rules/required-headings.js'
import type {RuleId} from './rule-meta.js'

export interface RuleModule {
  plugin: Plugin<[unknown?], Root>
  /** Schema of the rule’s own options; rules without one take none. */
  optionsSchema?: z.ZodType
}

/** Every rule plugin by id (metadata lives in `rule-meta.ts`). */
export const ruleModules: Record<RuleId, RuleModule> = {
  'required-headings': {plugin: requiredHeadings as Plugin<[unknown?], Root>},
  'no-template-guidance': {plugin: noTemplateGuidance as Plugin<[unknown?], Root>},
  'known-template': {plugin: knownTemplate as Plugin<[unknown?], Root>}
}
