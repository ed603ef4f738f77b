import type {TextDocument} from 'vscode-languageserver-textdocument'

/**
 * The newest text and version of each open document, as the client last sent
 * it (kept by `./extend-connection.ts`). unified-language-server starts a lint
 * for every version in a burst of edits and publishes each when it is done;
 * these let the server skip a lint of text that is already superseded
 * (`./engine.ts`) and drop diagnostics for any version but the newest.
 */
export const openDocuments = new Map<string, TextDocument>()

/** Whether `text` is not the newest text of document `uri` (or the document is closed): nobody will see its findings. */
export function superseded(uri: string, text: string): boolean {
  return openDocuments.get(uri)?.getText() !== text
}

/** Whether diagnostics for `version` of document `uri` are out of date: an older version, or findings for a closed document. */
export function outdatedDiagnostics(uri: string, version: number | undefined, count: number): boolean {
  const document = openDocuments.get(uri)
  if (!document) return count > 0
  return version !== undefined && version !== document.version
}
