import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {TextDocument} from 'vscode-languageserver-textdocument'
import type {CodeAction, CodeActionParams, Diagnostic, TextEdit} from 'vscode-languageserver-protocol'
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {runEngine} from '../cli/engine.js'
import {fixText, type PlanFix} from '../pipeline/fixes.js'
import {sourceName} from '../pipeline/rule-meta.js'

/**
 * plan-lint’s code actions, built from the fixes its rules attach to their
 * findings (`src/pipeline/fixes.ts`), as vscode-eslint does: a quick fix
 * for each fixable finding, the editor-only repairs (remove a guidance
 * section, declare `template: none`), and `source.fixAll.plan-lint`, which
 * applies what `plan-lint --fix` would. Each action names the diagnostics it
 * resolves.
 */

export const fixAllKind = 'source.fixAll.plan-lint'

/** Lint a document’s text as the CLI lints a file (same configuration lookup). */
async function lintText(uri: string, text: string): Promise<VFileMessage[]> {
  // A document not saved yet is checked as if it were in the workspace.
  const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : path.join(process.cwd(), 'untitled.md')
  const file = new VFile({path: filePath, cwd: process.cwd(), value: text})
  const run = await runEngine([file], {}, process.cwd())
  return run.files[0]?.messages.filter((message) => message.source === sourceName) ?? []
}

/** Findings of the last version of each document asked about: an editor asks for code actions as the cursor moves. */
const linted = new Map<string, {version: number; messages: Promise<VFileMessage[]>}>()

function findingsOf(document: TextDocument): Promise<VFileMessage[]> {
  const known = linted.get(document.uri)
  if (known && known.version === document.version) return known.messages
  const messages = lintText(document.uri, document.getText())
  linted.set(document.uri, {version: document.version, messages})
  return messages
}

/** Forget a closed document. */
export function forgetDocument(uri: string): void {
  linted.delete(uri)
}

/** The code actions for a request on `document`. */
export async function planCodeActions(document: TextDocument, params: CodeActionParams): Promise<CodeAction[]> {
  const text = document.getText()
  const messages = await findingsOf(document)
  const bom = text.charCodeAt(0) === 0xfe_ff ? 1 : 0
  const edit = (fix: PlanFix): TextEdit => ({
    range: {start: document.positionAt(fix.range[0] + bom), end: document.positionAt(fix.range[1] + bom)},
    newText: fix.text
  })
  const only = params.context.only
  const wants = (kind: string) => !only || only.some((asked) => kind === asked || kind.startsWith(asked + '.'))
  const actions: CodeAction[] = []

  if (wants('quickfix')) {
    for (const diagnostic of params.context.diagnostics) {
      const message = messages.find((item) => resolves(item, diagnostic, document, bom))
      if (!message) continue
      if (message.fix) actions.push(quickFix(message.fix.title, [edit(message.fix)], diagnostic, document.uri, true))
      for (const suggestion of message.suggestions ?? []) {
        actions.push(quickFix(suggestion.title, [edit(suggestion)], diagnostic, document.uri, false))
      }
    }
  }

  // Fixing everything lints again: only when asked for, or offered next to a fixable finding.
  const nearFix = actions.some((action) => action.isPreferred)
  if (wants(fixAllKind) && (only !== undefined || nearFix) && messages.some((message) => message.fix)) {
    const {output} = await fixText(text, messages, (value) => lintText(document.uri, value))
    if (output !== text) {
      actions.push({
        title: 'Fix all plan-lint findings that have one right fix',
        kind: fixAllKind,
        diagnostics: params.context.diagnostics.filter((diagnostic) =>
          messages.some((message) => message.fix && resolves(message, diagnostic, document, bom))
        ),
        edit: {changes: {[document.uri]: [wholeChange(document, text, output)]}}
      })
    }
  }
  return actions
}

function quickFix(title: string, edits: TextEdit[], diagnostic: Diagnostic, uri: string, isPreferred: boolean): CodeAction {
  return {title, kind: 'quickfix', diagnostics: [diagnostic], isPreferred, edit: {changes: {[uri]: edits}}}
}

/** Whether a diagnostic the client holds is this finding (same rule, text and place). */
function resolves(message: VFileMessage, diagnostic: Diagnostic, document: TextDocument, bom: number): boolean {
  if (diagnostic.source !== sourceName || diagnostic.code !== message.ruleId) return false
  if (!diagnostic.message.startsWith(message.reason)) return false
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  if (!start) return false
  const at = start.offset === undefined ? {line: start.line - 1, character: start.column - 1} : document.positionAt(start.offset + bom)
  return diagnostic.range.start.line === at.line && diagnostic.range.start.character === at.character
}

/** One edit from `before` to `after`: the span between their common start and common end. */
function wholeChange(document: TextDocument, before: string, after: string): TextEdit {
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let end = 0
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++
  return {
    range: {start: document.positionAt(start), end: document.positionAt(before.length - end)},
    newText: after.slice(start, after.length - end)
  }
}
