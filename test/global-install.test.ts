import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {DidOpenTextDocumentNotification, type Diagnostic} from 'vscode-languageserver-protocol/node.js'
import {startLanguageServer} from '../scripts/lsp-client.js'
import {root} from './helpers.js'
import {writeFiles} from './packed.js'

/**
 * The packed tarball installed globally (`npm install -g --prefix`, outside
 * any project), run in a project with nothing installed whose
 * `.remarkrc.json` names `remark-plan-lint` (or `plan-lint`) with options, as
 * the README suggests for the language server: both binaries use themselves
 * for that name, with the options, and a plugin that cannot be found is one
 * clear line.
 */
describe('global install with a project configuration', () => {
  let prefix: string
  const bin = (name: string) => path.join(prefix, 'bin', name)
  const good = readFileSync(path.join(root, 'fixtures', 'plans', 'tip', 'filled.md'), 'utf8')
  const withPlaceholder = good.replace(/^## 1\. Context & Problem Analysis$/m, '## 1. Context & Problem Analysis\n\nOwner: [Team name]')
  const configs = {
    warn: {plugins: [['remark-plan-lint', {rules: {'no-placeholders': 'warn'}}]]},
    off: {plugins: {'plan-lint': {rules: {'no-placeholders': 'off'}}}},
    missing: {plugins: ['remark-plan-lint', 'remark-not-installed-anywhere']}
  }
  const projectWith = (config: object | undefined): string => {
    const directory = mkdtempSync(path.join(tmpdir(), 'plan-lint-global-project-'))
    writeFiles(directory, {'plan.md': withPlaceholder, ...(config ? {'.remarkrc.json': JSON.stringify(config)} : {})})
    return directory
  }
  const planLint = (cwd: string, args: string[]) => {
    const result = spawnSync(bin('plan-lint'), args, {cwd, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})
    return {status: result.status, stdout: result.stdout, stderr: result.stderr}
  }

  let installOutput: string

  beforeAll(() => {
    prefix = mkdtempSync(path.join(tmpdir(), 'plan-lint-global-prefix-'))
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', inject('packedTarball')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe']
    })
    if (install.status !== 0) throw new Error(`npm install -g failed:\n${install.stderr}`)
    installOutput = install.stdout + install.stderr
  })

  it('installs without running a script of ours, so npm has no install script to warn about', () => {
    const manifest = JSON.parse(readFileSync(path.join(prefix, 'lib', 'node_modules', 'remark-plan-lint', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    // The build runs on `prepack` (npm pack, pre-commit), never on install.
    expect(manifest.scripts['prepack']).toBe('npm run build --silent')
    const installTime = ['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => name in manifest.scripts)
    expect(installTime).toEqual([])
    expect(installOutput).not.toMatch(/install-scripts|allowScripts/)
  })

  it('ships the language server only as its bundle, the one way its code actions are wired in', () => {
    const installed = path.join(prefix, 'lib', 'node_modules', 'remark-plan-lint')
    expect(existsSync(path.join(installed, 'dist', 'bin', 'language-server.js'))).toBe(true)
    expect(existsSync(path.join(installed, 'dist', 'src', 'server'))).toBe(false)
  })

  it('plan-lint: without a configuration the placeholder is an error', () => {
    const result = planLint(projectWith(undefined), ['plan.md'])
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/13:8-13:19 +error +Unexpected placeholder `\[Team name\]`/)
  })

  it('plan-lint: `remark-plan-lint` with options in .remarkrc.json is the running preset, once, with those options', () => {
    const result = planLint(projectWith(configs.warn), ['--format', 'json', 'plan.md'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const [file] = JSON.parse(result.stdout) as [{messages: Array<{ruleId: string; severity: string}>}]
    // One finding: the preset attached twice would report it twice.
    expect(file.messages).toEqual([expect.objectContaining({ruleId: 'no-placeholders', severity: 'warning'})])
  })

  it('plan-lint: `plan-lint` in a plugin map is the running preset too', () => {
    const result = planLint(projectWith(configs.off), ['plan.md'])
    expect(result.status).toBe(0)
    expect(result.stdout).toBe('plan.md: no issues found\n')
  })

  it('plan-lint: a plugin that cannot be found exits 2 with one line naming it and the config file', () => {
    const result = planLint(projectWith(configs.missing), ['plan.md'])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toBe(
      'plan-lint: Cannot find plugin `remark-not-installed-anywhere` named in `.remarkrc.json`, expected it installed where that file can load it (or removed from it)\n'
    )
  })

  const diagnosticsIn = async (workspace: string): Promise<Diagnostic[]> => {
    const session = await startLanguageServer([bin('plan-lint-language-server'), '--stdio'], workspace)
    try {
      const uri = pathToFileURL(path.join(workspace, 'plan.md')).href
      const published = session.nextDiagnostics(uri)
      await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: {uri, languageId: 'markdown', version: 1, text: withPlaceholder}
      })
      return (await published).diagnostics
    } finally {
      session.close()
    }
  }

  it('language server: `remark-plan-lint` with options in .remarkrc.json is the running preset, once, with those options', async () => {
    const diagnostics = await diagnosticsIn(projectWith(configs.warn))
    expect(diagnostics).toEqual([expect.objectContaining({code: 'no-placeholders', source: 'plan-lint', severity: 2})])
  })

  it('language server: a plugin that cannot be found is one diagnostic naming it and the config file, without a stack trace', async () => {
    const diagnostics = await diagnosticsIn(projectWith(configs.missing))
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]!.message).toBe(
      'Cannot find plugin `remark-not-installed-anywhere` named in `.remarkrc.json`, expected it installed where that file can load it (or removed from it)'
    )
    expect(diagnostics[0]!.severity).toBe(1)
  })
})
