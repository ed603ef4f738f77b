import type {Root} from 'mdast'
import {unified} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {RuleId} from './rule-meta.js'
import {ruleModules} from './rule-modules.js'

/**
 * The findings another rule gives on a plan, for `checked-claims`: the rule
 * itself runs, with the run’s options for it, on a scratch file that shares
 * the plan’s tree (and so its views), once per tree and rule. It runs even
 * when it is off: a claim is about the plan, whatever the run reports.
 */
export type RuleFindings = (ruleId: string, tree: Root, file: VFile) => VFileMessage[] | undefined

/** @param configs each rule’s `[severity, options]`, as the preset uses it */
export function createRuleFindings(configs: ReadonlyMap<RuleId, [unknown, unknown?]>): RuleFindings {
  const cache = new WeakMap<Root, Map<string, VFileMessage[] | undefined>>()
  return (ruleId, tree, file) => {
    let byRule = cache.get(tree)
    if (!byRule) {
      byRule = new Map()
      cache.set(tree, byRule)
    }
    if (byRule.has(ruleId)) return byRule.get(ruleId)
    const module = ruleModules[ruleId as RuleId] as (typeof ruleModules)[RuleId] | undefined
    let findings: VFileMessage[] | undefined
    if (module) {
      const scratch = new VFile(file.path ? {value: file.value, path: file.path} : {value: file.value})
      scratch.data = file.data
      unified().use(module.plugin, [2, configs.get(ruleId as RuleId)?.[1]]).runSync(tree, scratch)
      findings = scratch.messages
    }
    byRule.set(ruleId, findings)
    return findings
  }
}
