import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {DidChangeTextDocumentNotification, DidOpenTextDocumentNotification} from 'vscode-languageserver-protocol/node.js'
import {startLanguageServer} from '../lsp-client.js'

/**
 * Time from `didChange` to the diagnostics for that version, from the built
 * `plan-lint-language-server` over stdio (the client of
 * `test/language-server.test.ts`), in a workspace with no configuration.
 */
export async function languageServerTimes(serverScript: string, documents: Record<string, string>, edits: number): Promise<Record<string, number[]>> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'plan-lint-bench-ls-'))
  const session = await startLanguageServer([process.execPath, serverScript, '--stdio'], workspace)
  const {connection} = session
  /** Diagnostics for `version` or later (an older version's may still arrive). */
  const diagnosticsFor = async (uri: string, version: number): Promise<void> => {
    for (;;) {
      const params = await session.nextDiagnostics(uri)
      if (params.version === undefined || params.version >= version) return
    }
  }

  const times: Record<string, number[]> = {}
  try {
    for (const [name, text] of Object.entries(documents)) {
      const uri = pathToFileURL(path.join(workspace, name + '.md')).href
      let version = 1
      let published = diagnosticsFor(uri, version)
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId: 'markdown', version, text}})
      await published
      times[name] = []
      for (let edit = 0; edit < edits; edit++) {
        version++
        // An edit as a user types it: a word appended to the last line.
        const changed = text + `\nEdit ${edit}.\n`
        published = diagnosticsFor(uri, version)
        const start = performance.now()
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: {uri, version},
          contentChanges: [{text: changed}]
        })
        await published
        times[name].push(performance.now() - start)
      }
    }
  } finally {
    session.close()
    rmSync(workspace, {recursive: true, force: true})
  }
  return times
}

/**
 * Time from starting `plan-lint-language-server` to the first diagnostics
 * of a document opened right after `initialized`: what an editor shows first.
 */
export async function firstDiagnosticsTimes(serverScript: string, text: string, rounds: number): Promise<number[]> {
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const workspace = mkdtempSync(path.join(tmpdir(), 'plan-lint-bench-ls-'))
    const start = performance.now()
    const session = await startLanguageServer([process.execPath, serverScript, '--stdio'], workspace)
    try {
      const uri = pathToFileURL(path.join(workspace, 'plan.md')).href
      const published = session.nextDiagnostics(uri)
      await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {textDocument: {uri, languageId: 'markdown', version: 1, text}})
      await published
      times.push(performance.now() - start)
    } finally {
      session.close()
      rmSync(workspace, {recursive: true, force: true})
    }
  }
  return times
}
