import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {Stage} from '../template/plan-state.js'
import {planStatusOf} from '../views/plan-status.js'
import {sourceName, type RuleId} from './rule-meta.js'

/**
 * Status-aware severity: the `stages` option maps a stage to per-rule
 * severities that replace the configured ones for plans at that stage. A
 * finding whose severity the stage changed says so in its message.
 */

/** `0` off, `1` warning, `2` error. */
export type StageSeverity = 0 | 1 | 2

export type StageSeverities = Record<Stage, Partial<Record<RuleId, StageSeverity>>>

/**
 * Defaults: a draft still shows what is missing, as warnings, so it passes
 * the gate; from `review` on the configured severities hold, and an approved
 * or done plan must not have empty sections either.
 */
export const defaultStageSeverities: StageSeverities = {
  draft: {
    'required-headings': 1,
    'no-template-guidance': 1,
    'no-placeholders': 1,
    'risk-table-columns': 1,
    'no-empty-sections': 1,
    'no-template-text': 1,
    'checked-claims': 1
  },
  review: {},
  approved: {'no-empty-sections': 2},
  done: {'no-empty-sections': 2}
}

/** A severity as options write it (`"warn"`, `1`, `true`, …) as a number. */
export function stageSeverity(value: string | number | boolean): StageSeverity {
  if (value === 'off' || value === 0 || value === false) return 0
  if (value === 'error' || value === 2) return 2
  return 1
}

/** The transformer that applies the stage severities (after the rules, before comment control). */
export function applyStages(severities: StageSeverities): (tree: Root, file: VFile) => void {
  return (tree, file) => {
    let status: ReturnType<typeof planStatusOf> | undefined
    const kept = file.messages.filter((message) => {
      if (message.source !== sourceName || !message.ruleId) return true
      status ??= planStatusOf(tree, file)
      const wanted = severities[status.stage][message.ruleId as RuleId]
      if (wanted === undefined) return true
      if (wanted === 0) return false
      const fatal = wanted === 2
      if (message.fatal === fatal) return true
      message.fatal = fatal
      const reason = `${message.reason} (${fatal ? 'an error' : 'a warning'} at stage \`${status.stage}\`)`
      message.reason = reason
      message.message = reason
      return true
    })
    if (kept.length !== file.messages.length) file.messages = kept
  }
}
