import {createRequire} from 'node:module'
import {TextDocument} from 'vscode-languageserver-textdocument'
import type {
  CodeAction,
  CodeActionParams,
  Command,
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  InitializeParams,
  InitializeResult
} from 'vscode-languageserver-protocol'
import {fixAllKind, forgetDocument, planCodeActions} from './code-actions.js'

/**
 * unified-language-server takes no hooks for code actions: it creates its
 * connection itself and answers `textDocument/codeAction` with quick fixes
 * from `expected` only. So, before it loads, wrap the `createConnection` it
 * imports (the copy of vscode-languageserver it resolves): the connection it
 * gets is the real one, except that
 *
 * - `initialize` also advertises `source.fixAll.plan-lint`;
 * - document sync events also keep a copy of each open document’s text;
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
}

/** Set by the binaries' bundler (scripts/build-bins.mjs), where `./connection-shim.ts` does this instead. */
declare const __PLAN_LINT_BUNDLE__: boolean | undefined

export function extendConnection(): void {
  if (typeof __PLAN_LINT_BUNDLE__ !== 'undefined' && __PLAN_LINT_BUNDLE__) return
  const require = createRequire(import.meta.url)
  // The very module unified-language-server imports, wherever npm put it.
  const fromServer = createRequire(require.resolve('unified-language-server'))
  const languageServer = fromServer('vscode-languageserver/node.js') as {createConnection: (...args: unknown[]) => Connection}
  const createConnection = languageServer.createConnection
  languageServer.createConnection = (...args: unknown[]) => wrapConnection(createConnection(...args))
}

/** The connection, with plan-lint's code actions, fix-all kind and document copies. */
export function wrapConnection(connection: Connection): Connection {
  const documents = new Map<string, TextDocument>()
  const onInitialize = connection.onInitialize.bind(connection)
  const onCodeAction = connection.onCodeAction.bind(connection)
  const onDidOpen = connection.onDidOpenTextDocument.bind(connection)
  const onDidChange = connection.onDidChangeTextDocument.bind(connection)
  const onDidClose = connection.onDidCloseTextDocument.bind(connection)

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
