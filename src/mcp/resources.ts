import {readFileSync} from 'node:fs'
import {ResourceTemplate, type McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import {configuredRegistry, templateEntries, type TemplateEntry} from '../cli/templates.js'
import {ruleIds, ruleMetas} from '../pipeline/rule-meta.js'
import type {ToolContext} from './context.js'
import {ruleDoc} from './rule-docs.js'

const markdown = 'text/markdown'

/** Each template's Markdown as `plan-lint://templates/<id>`, each rule's doc as `plan-lint://rules/<id>`. */
export function registerResources(server: McpServer, context: ToolContext): void {
  const templates = async (): Promise<TemplateEntry[]> => {
    const [root] = await context.roots()
    return templateEntries(await configuredRegistry(root!), root!)
  }
  server.registerResource(
    'template',
    new ResourceTemplate('plan-lint://templates/{id}', {
      list: async () => ({
        resources: (await templates()).map((entry) => ({
          uri: `plan-lint://templates/${entry.id}`,
          name: entry.id,
          ...(entry.title ? {title: entry.title} : {}),
          description: `Template \`${entry.id}\` (${entry.source})`,
          mimeType: markdown
        }))
      })
    }),
    {title: 'Plan template', description: 'A template plans follow, as its Markdown file', mimeType: markdown},
    async (uri, variables) => {
      const entry = (await templates()).find((item) => item.id === variables['id'])
      if (!entry) throw new Error(`Unexpected template \`${String(variables['id'])}\`, expected one the \`templates\` tool lists`)
      return {contents: [{uri: uri.href, mimeType: markdown, text: readFileSync(entry.file, 'utf8')}]}
    }
  )
  server.registerResource(
    'rule',
    new ResourceTemplate('plan-lint://rules/{id}', {
      list: () => ({
        resources: ruleMetas.map((meta) => ({uri: `plan-lint://rules/${meta.id}`, name: meta.id, description: meta.description, mimeType: markdown}))
      })
    }),
    {title: 'Rule documentation', description: `The documentation of a rule (${ruleIds.length} rules)`, mimeType: markdown},
    (uri, variables) => ({contents: [{uri: uri.href, mimeType: markdown, text: ruleDoc(String(variables['id']))}]})
  )
}
