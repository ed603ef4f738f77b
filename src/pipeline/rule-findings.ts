import type {Root} from 'mdast'
import {unified, type Plugin} from 'unified'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {RuleId} from './rule-meta.js'

/**
 * The findings another rule gives on a plan, for `checked-claims`: the rule
 * itself runs, with the run’s options for it, on a scratch file that shares
 * the plan’s tree (and so its views), once per tree and rule. It runs even
 * when it is off: a claim is about the plan, whatever the run reports.
 */
export type RuleFindings = (ruleId: string, tree: Root, file: VFile) => VFileMessage[] | undefined

/**
 * @param configs each rule’s `[severity, options]`, as the preset uses it
 * @param plugins each rule’s plugin (the preset’s list of rules sits above the pipeline, with the rules)
 */
export function createRuleFindings(
  configs: ReadonlyMap<RuleId, [unknown, unknown?]>,
  plugins: ReadonlyMap<RuleId, Plugin<[unknown?], Root>>
): RuleFindings {
  const cache = new WeakMap<Root, Map<string, VFileMessage[] | undefined>>()
  return (ruleId, tree, file) => {
    let byRule = cache.get(tree)
    if (!byRule) {
      byRule = new Map()
      cache.set(tree, byRule)
    }
    if (byRule.has(ruleId)) return byRule.get(ruleId)
    const plugin = plugins.get(ruleId as RuleId)
    let findings: VFileMessage[] | undefined
    if (plugin) {
      const scratch = new VFile(file.path ? {value: file.value, path: file.path} : {value: file.value})
      scratch.data = file.data
      unified().use(plugin, [2, configs.get(ruleId as RuleId)?.[1]]).runSync(tree, scratch)
      findings = scratch.messages
    }
    byRule.set(ruleId, findings)
    return findings
  }
}
