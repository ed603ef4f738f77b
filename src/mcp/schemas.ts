import {z} from 'zod'

/**
 * The tools' input and output shapes: public names (docs/architecture.md,
 * README "Use with a coding agent"). The SDK turns them into the JSON
 * schemas `tools/list` shows and checks every call and result against them.
 */

const pathsInput = z
  .array(z.string().min(1))
  .min(1)
  .max(1000)
  .describe('Files or folders (folders are searched for Markdown files), relative to the first workspace root')

const templateInput = z.string().min(1).describe('Template id (`tip`) or path to a template file, instead of detecting the template')

export const lintInput = {
  paths: pathsInput.optional(),
  content: z.string().optional().describe('Unsaved text to check as if it were the file at `path`'),
  path: z.string().min(1).optional().describe('With `content`: where the text stands (its configuration and template paths apply)'),
  template: templateInput.optional()
}

export const messageOutput = z.object({
  ruleId: z.string().nullable(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int().nullable(),
  endColumn: z.number().int().nullable(),
  expected: z.array(z.string()).nullable().describe('The one right replacement, when there is one'),
  url: z.string().nullable().describe('The rule’s documentation'),
  fixable: z.boolean().describe('`fix` repairs it')
})

export const lintOutput = {
  files: z.array(
    z.object({
      path: z.string(),
      template: z.string().nullable().describe('The template the plan follows; null: not a plan'),
      coverage: z.number().min(0).max(1).describe('Share of the template’s required sections found'),
      status: z.string().nullable().describe('The plan’s status as written (`Draft`)'),
      messages: z.array(messageOutput)
    })
  ),
  errors: z.number().int(),
  warnings: z.number().int()
}

export const whichInput = {paths: pathsInput}

export const whichOutput = {
  files: z.array(
    z.object({
      path: z.string(),
      template: z.string().nullable(),
      coverage: z.number().min(0).max(1),
      reason: z.string().describe('How the template was found, or why none applies')
    })
  )
}

export const templatesOutput = {
  templates: z.array(
    z.object({
      id: z.string(),
      title: z.string().nullable(),
      source: z.string().describe('The template file (`built-in templates/tip.md` for a shipped one)'),
      sections: z.array(z.object({heading: z.string(), depth: z.number().int(), required: z.boolean()}))
    })
  )
}

export const newPlanInput = {
  template: templateInput.describe('Template id (`tip`) or path to a template file'),
  title: z.string().optional().describe('Fills the title’s placeholder')
}

export const newPlanOutput = {text: z.string()}

export const fixInput = {
  path: z.string().min(1).describe('The file to fix (with `content`: where the text stands)'),
  content: z.string().optional().describe('Unsaved text to fix instead of the file’s'),
  write: z.boolean().default(false).describe('Write the fixed text to `path` (atomically); otherwise only return it')
}

export const fixOutput = {
  text: z.string().describe('The fixed text'),
  diff: z.string().describe('Unified diff from the text as read; empty when nothing changed'),
  fixed: z.number().int().describe('How many edits were applied'),
  remaining: z.array(messageOutput).describe('Findings left in the fixed text')
}

export const explainRuleInput = {ruleId: z.string().min(1)}

export const explainRuleOutput = {ruleId: z.string(), doc: z.string().describe('The rule’s documentation (Markdown)')}
