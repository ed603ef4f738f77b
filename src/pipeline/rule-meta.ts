/**
 * Every fact about the rules that is not the rule code itself: ids, one-line
 * descriptions, default severities and doc URLs. The preset, the CLI, SARIF
 * output and the docs test all read this one table.
 */

import {sourceName} from '../support/source-name.js'

export {sourceName}

const docsBase = 'https://github.com/remark-plan-lint/remark-plan-lint/blob/main/rules/'

export type Severity = 'off' | 'warn' | 'error'

export interface RuleMeta {
  id: string
  description: string
  defaultSeverity: Exclude<Severity, 'off'>
}

export const ruleMetas = [
  {
    id: 'required-headings',
    description: 'Required sections of the plan’s template are present, at the right level, under the right parent, in order',
    defaultSeverity: 'error'
  },
  {
    id: 'no-template-guidance',
    description: 'Sections the template marks as guidance for its author are removed from a finished plan',
    defaultSeverity: 'error'
  },
  {
    id: 'no-placeholders',
    description: 'No placeholder is left: bracketed template text, unresolved template choices, marker words such as `TBD`',
    defaultSeverity: 'error'
  },
  {
    id: 'checklist-format',
    description: 'Checklists are GFM task items: no near-miss boxes, no empty tasks, no lists mixing task and plain items',
    defaultSeverity: 'warn'
  },
  {
    id: 'risk-table-columns',
    description: 'Risk tables and risk lists rate every risk’s likelihood and impact on the template’s scale',
    defaultSeverity: 'error'
  },
  {
    id: 'no-empty-sections',
    description: 'No section is left empty',
    defaultSeverity: 'warn'
  },
  {
    id: 'task-ids',
    description: 'Task ids in a task list are unique, ascending and in the template’s format, and every task says what it does',
    defaultSeverity: 'error'
  },
  {
    id: 'requirement-scenarios',
    description: 'Every requirement states SHALL or MUST and has a scenario heading of exactly four `#` (OpenSpec specs and deltas)',
    defaultSeverity: 'error'
  },
  {
    id: 'spec-deltas',
    description: 'Requirements sit in their sections once each, a delta has a delta and well-formed renames, and it agrees with the proposal’s capability lists',
    defaultSeverity: 'error'
  },
  {
    id: 'feature-consistency',
    description: 'The documents of one feature folder agree: story labels name the spec’s stories, every story has a task, ids are defined once',
    defaultSeverity: 'error'
  },
  {
    id: 'ears-criteria',
    description: 'Every requirement has a user story and numbered acceptance criteria, written in EARS (`WHEN … THE … SHALL …`) where the template asks for it',
    defaultSeverity: 'error'
  },
  {
    id: 'requirement-references',
    description: 'Citations of acceptance criteria (`_Requirements: 1.2_`, `(AC: 2)`) name criteria that exist, and every criterion is cited where the template asks for it',
    defaultSeverity: 'error'
  },
  {
    id: 'known-template',
    description: 'The declared template exists, the plan’s status is one its template knows, and a plan matches a template when templates are required',
    defaultSeverity: 'error'
  },
  {
    id: 'no-template-text',
    description: 'No template text is left where the plan’s own content belongs',
    defaultSeverity: 'error'
  },
  {
    id: 'completed-checklists',
    description: 'A plan marked done has every item of its completion checklists (Definition of Done, Acceptance Criteria …) checked',
    defaultSeverity: 'error'
  },
  {
    id: 'checked-claims',
    description: 'A checked self-check the linter can verify (“No placeholders remain”) is true',
    defaultSeverity: 'error'
  }
] as const satisfies readonly RuleMeta[]

export type RuleId = (typeof ruleMetas)[number]['id']

export const ruleIds: readonly RuleId[] = ruleMetas.map((meta) => meta.id)

/** URL of a rule's documentation. */
export function docUrl(ruleId: string): string {
  return docsBase + ruleId + '.md'
}

/** `origin` for `unified-lint-rule`: gives messages `source` and `ruleId`. */
export function ruleOrigin(ruleId: RuleId): string {
  return sourceName + ':' + ruleId
}
