import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import type {Processor} from 'unified'
import type {PlanContext} from './views/context.js'
import {detectionOf, detectionReason} from './views/detect.js'
import {mayBePlan} from './views/plan-scan.js'
import {skipsNonPlans} from './pipeline/pre-parse.js'
import {planStatusOf} from './views/plan-status.js'
import {guardParser} from './markdown/input-guard.js'
import {parseOptions, parseRuleOptions, OptionsError, type Options, type RuleSetting, type Settings} from './pipeline/options.js'
import {planLintMessageControl} from './pipeline/message-control.js'
import {placeholderSectionFindings} from './pipeline/placeholder-sections.js'
import {presetMarker} from './pipeline/config-plugins.js'
import {frontmatterKinds, usePlanParser} from './markdown/parser.js'
import {createRegistry, loadTemplateFile, type TemplateRegistry} from './template/registry.js'
import {ruleIds, ruleMetas, type RuleId} from './pipeline/rule-meta.js'
import {ruleModules} from './rule-modules.js'
import {createRuleFindings} from './pipeline/rule-findings.js'
import {applyStages} from './pipeline/stages.js'
import {unfilledCopyFindings} from './pipeline/unfilled-copy.js'

export type {Options} from './pipeline/options.js'
export type {Template, TemplateSection} from './template/template.js'
export {ruleMetas, docUrl} from './pipeline/rule-meta.js'

/**
 * remark-plan-lint: check Markdown plans against their templates.
 *
 * A plugin, not a `{plugins}` preset object, so that options reach the rules:
 * `remark --use plan-lint`, `.use(remarkPlanLint, options)` and
 * `['plan-lint', options]` in `.remarkrc.js` all work.
 */
export default function remarkPlanLint(this: Processor, options?: Options | null): undefined {
  // Validate everything before any file is read.
  const settings = parseOptions(options ?? {})
  const cwd = process.cwd()
  const registry = createRegistry(settings.templates, cwd)
  const context = createContext(settings, registry, cwd)

  // Plugins attached from here on are the preset's own (for the pre-parse scan).
  const first = this.attachers.length
  let scanFirst: boolean | undefined
  const own = new Set<unknown>([remarkPlanLint])
  usePlanParser(this)
  // Binary files, and sizes or shapes that would hang the parser, fail the file.
  // A file over the limits that cannot be a plan is skipped with a warning;
  // within them, the binaries skip its parse (src/pipeline/pre-parse.ts).
  guardParser(
    this,
    settings.limits,
    (document, file) => mayBePlan(document, file, context),
    () => (scanFirst ??= skipsNonPlans(this, own))
  )
  this.use(remarkGfm)
  this.use(remarkFrontmatter, [...frontmatterKinds])
  this.use(() => (_tree: Root, file) => {
    file.data.planLint = context
    file.data.planLintDependencies = registry.files
  })
  const configs = new Map(ruleMetas.map((meta) => [meta.id, ruleConfig(meta.id, settings.rules[meta.id] ?? meta.defaultSeverity)] as const))
  context.findingsOf = createRuleFindings(configs, new Map(ruleIds.map((id) => [id, ruleModules[id].plugin])))
  for (const [ruleId, config] of configs) this.use(ruleModules[ruleId].plugin, config)
  // A copy of a template that nothing has filled in: one finding, not one per placeholder.
  this.use(unfilledCopyFindings)
  // A plan’s stage (from its status) sets the severity of the rules’ findings.
  this.use(() => applyStages(settings.stages))
  // Which template the plan follows, for tools that run the preset
  // (`plan-lint which`, the language server).
  this.use(() => (tree: Root, file) => {
    const detection = detectionOf(tree, file)
    file.data.planLintTemplate = {id: detection.template?.id, via: detection.via, coverage: detection.coverage, reason: detectionReason(detection)}
    if (detection.template) {
      const status = planStatusOf(tree, file)
      file.data.planLintStatus = {value: status.value, stage: status.stage}
    }
  })
  // After the rules: it filters the messages they added.
  this.use(planLintMessageControl)
  // After it: a section of placeholders is reported once, where they stand, if `no-placeholders` still reports them.
  this.use(placeholderSectionFindings)
  for (const [plugin] of this.attachers.slice(first)) own.add(plugin)
}

// The binaries recognise any copy of the preset a configuration loads (src/pipeline/config-plugins.ts).
Object.defineProperty(remarkPlanLint, presetMarker, {value: true})

/**
 * `[severity, options]` for unified-lint-rule (which reads a bare string as
 * options), with the rule’s options validated now, before any file is read.
 */
function ruleConfig(ruleId: RuleId, setting: RuleSetting): [unknown, unknown?] {
  const [severity, options] = Array.isArray(setting) ? setting : [setting]
  const where = `rules.${ruleId}[1]`
  const schema = ruleModules[ruleId].optionsSchema
  if (options === undefined) return [severity]
  if (!schema) {
    throw new OptionsError(`Unexpected value for option \`${where}\`, expected no options: rule \`${ruleId}\` takes none`)
  }
  return [severity, parseRuleOptions(schema, options, where)]
}

function createContext(settings: Settings, registry: TemplateRegistry, cwd: string): PlanContext {
  const known = registry.ids().map((id) => '`' + id + '`').join(', ')
  for (const [glob, id] of Object.entries(settings.templateGlobs)) {
    if (!registry.get(id)) {
      throw new OptionsError(
        `Unexpected value \`${JSON.stringify(id)}\` for option \`templateGlobs.${glob}\`, expected a template id: ${known}`
      )
    }
  }
  let forced
  if (settings.template !== undefined) {
    forced = registry.get(settings.template)
    if (!forced && /[\\/]|\.(md|markdown)$/i.test(settings.template)) {
      forced = loadTemplateFile(settings.template, cwd, 'template', registry.files)
    }
    if (!forced) {
      throw new OptionsError(
        `Unexpected value \`${JSON.stringify(settings.template)}\` for option \`template\`, expected a template id (${known}) or a path to a template file`
      )
    }
  }
  return {registry, templateGlobs: settings.templateGlobs, forced, requireTemplate: settings.requireTemplate}
}
