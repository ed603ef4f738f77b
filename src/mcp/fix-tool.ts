import path from 'node:path'
import type {McpServer} from '@modelcontextprotocol/sdk/server/mcp.js'
import type {VFile} from 'vfile'
import {runEngineStrict} from '../cli/engine.js'
import {fixedFile, writeInPlace} from '../cli/fix-files.js'
import type {ToolContext} from './context.js'
import {findingLines, messageData} from './findings.js'
import {contentAt} from './requests.js'
import {fixInput, fixOutput} from './schemas.js'
import {answer, toolResult} from './tool-result.js'
import {resolveInWorkspace, WorkspaceError} from './workspace.js'

/**
 * `fix`: the fixes `plan-lint --fix` applies (the same applier and passes),
 * returned as text and diff; written in place, atomically, only with
 * `write: true`.
 */
export function registerFixTool(server: McpServer, context: ToolContext): void {
  server.registerTool(
    'fix',
    {
      title: 'Fix a plan',
      description:
        'Apply the fixes that have one right answer (the findings `lint` marks fixable) to a plan, as `plan-lint --fix` does: returns the fixed text, the diff and the findings left. Writes the file (atomically) only with `write: true`; never removes or moves the author’s text.',
      inputSchema: fixInput,
      outputSchema: fixOutput,
      annotations: {readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false}
    },
    (input) =>
      answer(async () => {
        const roots = await context.roots()
        if (input.content !== undefined && input.write) {
          throw new WorkspaceError('Unexpected `write: true` with `content`: the file may hold other text, expected `write: false` (the fixed text is returned) or `path` alone')
        }
        const {file, root} =
          input.content === undefined ? await linted(input.path, roots) : await lintedContent(input.content, input.path, roots)
        const {value, output, messages, edits, diff} = await fixedFile(file, {}, root)
        if (input.write && output !== value) {
          const problem = writeInPlace(path.resolve(file.cwd, file.path), value, output)
          if (problem) throw new Error(`Cannot fix \`${input.path}\`: ${problem}`)
        }
        const remaining = messages.map(messageData)
        const written = input.write && output !== value ? 'written' : 'not written'
        const head = edits === 0 ? `${input.path}: nothing to fix` : `${input.path}: ${edits} ${edits === 1 ? 'edit' : 'edits'} applied (${written})`
        const text = [`${head}; ${remaining.length} ${remaining.length === 1 ? 'finding remains' : 'findings remain'}`, ...findingLines(input.path, remaining), diff].join('\n')
        return toolResult({text: output, diff, fixed: edits, remaining}, text.trimEnd())
      })
  )
}

/** The file at a workspace path, linted as the CLI lints it (its text kept for the fix). */
async function linted(given: string, roots: string[]): Promise<{file: VFile; root: string}> {
  const place = resolveInWorkspace(given, roots, true)
  if (place.folder) throw new WorkspaceError(`Unexpected folder \`${given}\`, expected a Markdown file`)
  return checkedRun([place.absolute], place.root)
}

async function lintedContent(content: string, given: string, roots: string[]): Promise<{file: VFile; root: string}> {
  const {file, place} = contentAt(content, given, roots)
  return checkedRun([file], place.root)
}

async function checkedRun(files: Array<string | VFile>, root: string): Promise<{file: VFile; root: string}> {
  const [file] = await runEngineStrict(files, {}, root)
  if (!file) throw new Error('Cannot lint the file: the configuration ignores it (`.remarkignore`)')
  const fatal = file.messages.find((message) => message.fatal === true && message.ruleId === undefined)
  if (fatal) throw new Error(`Cannot read \`${file.path}\`: ${fatal.reason}`)
  return {file, root}
}
