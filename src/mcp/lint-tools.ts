import type {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import type {VFile} from 'vfile'
import type {Options} from '../index.js'
import {runEngineStrict} from '../cli/engine.js'
import {lintPaths} from '../cli/lint.js'
import {whichEntries} from '../cli/which.js'
import {readOnly, type ToolContext} from './context.js'
import {findingLines, lintData} from './findings.js'
import {contentAt, pathsByRoot, templateOptions} from './requests.js'
import {lintInput, lintOutput, whichInput, whichOutput} from './schemas.js'
import {answer, toolResult} from './tool-result.js'

/** `lint` and `which`: the CLI's lint run and `plan-lint which`, on workspace paths or unsaved text. */
export function registerLintTools(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'lint',
    {
      title: 'Lint plans',
      description:
        'Check Markdown plans against the template each follows (spec-kit, OpenSpec, Kiro, the team’s own): missing or misplaced sections, placeholders left, broken checklists, risk tables. Give `paths` (files or folders), or `content` and `path` for unsaved text. Findings marked fixable are repaired by `fix`.',
      inputSchema: lintInput,
      outputSchema: lintOutput,
      annotations: readOnly
    },
    (input) =>
      answer(async () => {
        const roots = await context.roots()
        const options = templateOptions(input.template, roots)
        const files = await lintRequest(input, options, roots, context.env)
        const data = lintData(files)
        return toolResult(data, lintSummary(data))
      })
  )

  server.registerTool(
    'which',
    {
      title: 'Which template',
      description: 'Say which template each Markdown file follows, how that was found, and the share of its required sections present.',
      inputSchema: whichInput,
      outputSchema: whichOutput,
      annotations: readOnly
    },
    (input) =>
      answer(async () => {
        const roots = await context.roots()
        const files = []
        for (const [root, relatives] of await pathsByRoot(input.paths, roots)) {
          for (const entry of await whichEntries(relatives, {}, root)) {
            files.push({path: entry.path, template: entry.template ?? null, coverage: entry.coverage, reason: entry.reason})
          }
        }
        const text = files.map((file) => `${file.path}\t${file.template ?? 'none'}\t${file.coverage.toFixed(2)}\t${file.reason}`).join('\n')
        return toolResult({files}, text)
      })
  )
}

async function lintRequest(
  input: {paths?: string[] | undefined; content?: string | undefined; path?: string | undefined},
  options: Options,
  roots: string[],
  env: NodeJS.ProcessEnv
): Promise<Array<{file: VFile; cwd: string}>> {
  if (input.content !== undefined) {
    if (input.path === undefined) throw new Error('Unexpected `content` without `path`, expected the path the text stands for')
    if (input.paths !== undefined) throw new Error('Unexpected `paths` with `content`, expected one of them')
    const {file, place} = contentAt(input.content, input.path, roots)
    const ran = await runEngineStrict([file], options, place.root)
    return ran.map((item) => ({file: item, cwd: place.root}))
  }
  if (input.paths === undefined) throw new Error('Expected `paths` (files or folders), or `content` and `path`')
  const files: Array<{file: VFile; cwd: string}> = []
  for (const [root, relatives] of await pathsByRoot(input.paths, roots)) {
    const run = await lintPaths(relatives, options, {cwd: root, env})
    if (run.problem !== undefined) throw new Error(run.problem)
    for (const file of run.files) files.push({file, cwd: root})
  }
  return files
}

function lintSummary(data: ReturnType<typeof lintData>): string {
  const plans = data.files.filter((file) => file.template !== null).length
  const head = `${data.files.length} ${data.files.length === 1 ? 'file' : 'files'} (${plans} ${plans === 1 ? 'plan' : 'plans'}): ${data.errors} ${data.errors === 1 ? 'error' : 'errors'}, ${data.warnings} ${data.warnings === 1 ? 'warning' : 'warnings'}`
  return [head, ...data.files.flatMap((file) => findingLines(file.path, file.messages))].join('\n')
}
