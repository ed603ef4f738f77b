import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest'
import {CodeActionRequest, DidOpenTextDocumentNotification, type CodeAction, type Diagnostic} from 'vscode-languageserver-protocol/node.js'
import {startLanguageServer, type LanguageServerSession} from '../scripts/lsp-client.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles} from './packed.js'

/**
 * remark's own language server, which VS Code's remark extension
 * (`unifiedjs.vscode-remark`) runs: the server below is remark-language-server's
 * `index.js` as published (remark-language-server 3), with no preset forced.
 * In the packed project (remark and remark-plan-lint installed), a plan in a
 * folder whose `.remarkrc` names `plan-lint` gets plan-lint's diagnostics.
 */
const remarkLanguageServer = `#!/usr/bin/env node
import process from 'node:process'
import {remark} from 'remark'
import {createUnifiedLanguageServer} from 'unified-language-server'

process.title = 'remark-language-server'

createUnifiedLanguageServer({
  configurationSection: 'remark',
  defaultProcessor: remark,
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  processorName: 'remark',
  processorSpecifier: 'remark',
  rcName: '.remarkrc'
})
`

describe('remark-language-server (as remark builds it) with remark-plan-lint named in .remarkrc', () => {
  let session: LanguageServerSession
  let workspace: string
  const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('renaming'))!

  beforeAll(async () => {
    const project = openPackedProject(inject('packedProject'))
    workspace = path.join(project.directory, 'remark-ls')
    writeFiles(workspace, {
      'remark-language-server.js': remarkLanguageServer,
      // The README's whole setup: the package installed, its name in `.remarkrc`.
      'plans/.remarkrc': JSON.stringify({plugins: ['plan-lint']}, null, 2) + '\n',
      'plans/broken.md': broken.value,
      'notes/broken.md': broken.value
    })
    session = await startLanguageServer([process.execPath, path.join(workspace, 'remark-language-server.js'), '--stdio'], workspace)
  }, 30_000)

  afterAll(() => {
    session?.close()
  })

  const open = async (file: string): Promise<Diagnostic[]> => {
    const uri = pathToFileURL(path.join(workspace, file)).href
    const published = session.nextDiagnostics(uri)
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {uri, languageId: 'markdown', version: 1, text: readFileSync(path.join(workspace, file), 'utf8')}
    })
    return (await published).diagnostics
  }

  it('publishes plan-lint diagnostics with source, rule id and doc link', async () => {
    const diagnostics = await open('plans/broken.md')
    expect(diagnostics).toHaveLength(1)
    const [diagnostic] = diagnostics as [Diagnostic]
    expect(diagnostic).toMatchObject({source: 'plan-lint', code: 'required-headings', severity: 1})
    expect(diagnostic.codeDescription?.href).toMatch(/\/rules\/required-headings\.md$/)
    expect(diagnostic.message).toContain(`expected \`${broken.expected}\``)
    expect(diagnostic.range.start.line).toBe(broken.lines[0]! - 1)
    // The finding's `expected` is a quick fix there too.
    const uri = pathToFileURL(path.join(workspace, 'plans/broken.md')).href
    const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
      textDocument: {uri},
      range: diagnostic.range,
      context: {diagnostics: [diagnostic]}
    })) as CodeAction[]
    expect(actions).toHaveLength(1)
    expect(actions[0]!.edit!.changes![uri]![0]!.newText).toBe(broken.expected)
  })

  it('adds nothing where no configuration names plan-lint (no preset is forced)', async () => {
    expect(await open('notes/broken.md')).toEqual([])
  })
})
