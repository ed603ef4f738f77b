import type {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import {isTemplatePath, renderPlan, templateNamed} from '../cli/new-plan.js'
import {configuredRegistry, templateEntries} from '../cli/templates.js'
import {readOnly, type ToolContext} from './context.js'
import {ruleDoc} from './rule-docs.js'
import {explainRuleInput, explainRuleOutput, newPlanInput, newPlanOutput, templatesOutput} from './schemas.js'
import {answer, toolResult} from './tool-result.js'
import {resolveInWorkspace} from './workspace.js'

/**
 * `templates`, `new_plan` and `explain_rule`: what `plan-lint templates`
 * and `plan-lint new` give, with the configuration of the first workspace
 * folder, and the rules' docs.
 */
export function registerTemplateTools(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'templates',
    {
      title: 'List templates',
      description: 'The plan templates the workspace’s configuration knows (built-in and the team’s own), with their sections.',
      outputSchema: templatesOutput,
      annotations: readOnly
    },
    () =>
      answer(async () => {
        const [root] = await context.roots()
        const registry = await configuredRegistry(root!)
        const entries = templateEntries(registry, root!)
        const templates = registry.templates.map((template, index) => ({
          id: template.id,
          title: template.title ?? null,
          source: entries[index]!.source,
          sections: template.sections.map((section) => ({heading: section.text, depth: section.depth, required: !section.optional}))
        }))
        const text = templates.map((template) => `${template.id}\t${template.title ?? '(no title)'}\t${template.source}`).join('\n')
        return toolResult({templates}, text)
      })
  )

  server.registerTool(
    'new_plan',
    {
      title: 'New plan',
      description: 'A new plan from a template: front matter naming the template, every section, and the placeholders to fill. Returns the text; writes nothing.',
      inputSchema: newPlanInput,
      outputSchema: newPlanOutput,
      annotations: readOnly
    },
    (input) =>
      answer(async () => {
        const roots = await context.roots()
        const root = roots[0]!
        // A template file named by path must be in the workspace.
        const name = isTemplatePath(input.template) ? resolveInWorkspace(input.template, roots, true).absolute : input.template
        const text = renderPlan(templateNamed(name, await configuredRegistry(root), root), input.title)
        return toolResult({text}, text)
      })
  )

  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description: 'The documentation of a plan-lint rule (a finding’s `ruleId`): what it checks, why, its options, and examples.',
      inputSchema: explainRuleInput,
      outputSchema: explainRuleOutput,
      annotations: readOnly
    },
    (input) =>
      answer(async () => {
        const doc = ruleDoc(input.ruleId)
        return toolResult({ruleId: input.ruleId, doc}, doc)
      })
  )
}
