import {TextDocument} from 'vscode-languageserver-textdocument'
import type {
  CodeAction,
  CodeActionParams,
  Command,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  InitializeParams,
  InitializeResult,
  PublishDiagnosticsParams
} from 'vscode-languageserver-protocol'
import {fixAllKind, forgetDocument, planCodeActions} from './code-actions.js'
import {openDocuments as documents, outdatedDiagnostics} from './open-documents.js'

/**
 * unified-language-server takes no hooks for code actions: it creates its
 * connection itself and answers `textDocument/codeAction` with quick fixes
 * from `expected` only. So the server bundle routes its import of
 * vscode-languageserver through `./connection-shim.ts`, whose
 * `createConnection` returns the real connection wrapped here:
 *
 * - `initialize` also advertises `source.fixAll.plan-lint`;
 * - document sync events also keep a copy of each open document’s text
 *   (`./open-documents.ts`), and diagnostics are published only for a
 *   document’s newest version: in a burst of edits a lint of an older one
 *   that ends later is dropped (and `./engine.ts` skips it if it has not begun);
 * - code actions are plan-lint’s (the same fixes as `plan-lint --fix`), plus
 *   its own quick fixes for findings that plan-lint has no fix for.
 */

type Handler<Params, Result> = (params: Params, ...rest: unknown[]) => Result
interface Connection {
  onInitialize(handler: Handler<InitializeParams, InitializeResult | Promise<InitializeResult>>): unknown
  onCodeAction(handler: Handler<CodeActionParams, Array<CodeAction | Command> | null | undefined | Promise<Array<CodeAction | Command> | null | undefined>>): unknown
  onDidOpenTextDocument(handler: Handler<DidOpenTextDocumentParams, void>): unknown
  onDidChangeTextDocument(handler: Handler<DidChangeTextDocumentParams, void>): unknown
  onDidCloseTextDocument(handler: Handler<DidCloseTextDocumentParams, void>): unknown
  sendDiagnostics(params: PublishDiagnosticsParams): Promise<void>
}

/** The connection, with plan-lint's code actions, fix-all kind, document copies and diagnostics of the newest versions only. */
export function wrapConnection(connection: Connection): Connection {
  const onInitialize = connection.onInitialize.bind(connection)
  const onCodeAction = connection.onCodeAction.bind(connection)
  const onDidOpen = connection.onDidOpenTextDocument.bind(connection)
  const onDidChange = connection.onDidChangeTextDocument.bind(connection)
  const onDidClose = connection.onDidCloseTextDocument.bind(connection)
  const sendDiagnostics = connection.sendDiagnostics.bind(connection)

  connection.sendDiagnostics = async (params) => {
    if (!outdatedDiagnostics(params.uri, params.version, params.diagnostics.length)) await sendDiagnostics(params)
  }

  connection.onInitialize = (handler) =>
    onInitialize(async (params, ...rest) => {
      const result = await handler(params, ...rest)
      const provider = result.capabilities.codeActionProvider
      const kinds = typeof provider === 'object' ? (provider.codeActionKinds ?? []) : []
      result.capabilities.codeActionProvider = {
        ...(typeof provider === 'object' ? provider : {}),
        codeActionKinds: [...new Set([...kinds, 'quickfix', fixAllKind])]
      }
      return result
    })

  connection.onDidOpenTextDocument = (handler) =>
    onDidOpen((params, ...rest) => {
      const {uri, languageId, version, text} = params.textDocument
      documents.set(uri, TextDocument.create(uri, languageId, version, text))
      handler(params, ...rest)
    })
  connection.onDidChangeTextDocument = (handler) =>
    onDidChange((params, ...rest) => {
      const document = documents.get(params.textDocument.uri)
      if (document && params.contentChanges.length > 0) {
        documents.set(params.textDocument.uri, TextDocument.update(document, params.contentChanges, params.textDocument.version))
      }
      handler(params, ...rest)
    })
  connection.onDidCloseTextDocument = (handler) =>
    onDidClose((params, ...rest) => {
      documents.delete(params.textDocument.uri)
      forgetDocument(params.textDocument.uri)
      handler(params, ...rest)
    })

  connection.onCodeAction = (handler) =>
    onCodeAction(async (params, ...rest) => {
      const document = documents.get(params.textDocument.uri)
      const own = document ? await planCodeActions(document, params) : []
      // A finding plan-lint repairs gets plan-lint's actions (the same edits as `--fix`), not a second one from `expected`.
      const covered = new Set(own.flatMap((action) => (action.kind === 'quickfix' ? (action.diagnostics ?? []) : [])))
      const others = params.context.diagnostics.filter((diagnostic) => !covered.has(diagnostic))
      const base = (await handler({...params, context: {...params.context, diagnostics: others}}, ...rest)) ?? []
      // unified-language-server's quick fixes ignore `only` (a client asking for `source.fixAll` on save).
      const only = params.context.only
      const asked = base.filter((action) => !only || ('kind' in action && only.some((kind) => action.kind === kind || action.kind?.startsWith(kind + '.'))))
      return [...own, ...asked]
    })

  return connection
}
