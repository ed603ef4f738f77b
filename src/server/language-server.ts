#!/usr/bin/env node
// `plan-lint-language-server`: plan-lint in any editor with an LSP client.
// Built on unified-language-server (the server behind remark’s own), so it
// finds configuration as remark does; code actions (quick fixes, editor-only
// repairs and `source.fixAll.plan-lint`) come from src/server/code-actions.ts.
import {remark} from 'remark'
import type {Plugin} from 'unified'
import remarkPlanLint from '../index.js'

const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe=']
const argv = process.argv.slice(2)

if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(usage())
} else if (!argv.some((argument) => transports.some((transport) => argument.startsWith(transport)))) {
  // vscode-languageserver would throw about an unset input stream here.
  process.stderr.write('plan-lint-language-server: missing transport, expected `--stdio`, `--node-ipc` or `--socket=<port>`\n\n' + usage())
  process.exitCode = 2
} else {
  // Loaded only to serve (not for `--help`). In the bundle (scripts/build-bins.mjs) its
  // connection carries plan-lint's code actions (./connection-shim.ts) and its engine
  // plan-lint's configured-plugin handling (./engine.ts).
  const {createUnifiedLanguageServer} = await import('unified-language-server')
  createUnifiedLanguageServer({
    configurationSection: 'remark',
    ignoreName: '.remarkignore',
    packageField: 'remarkConfig',
    pluginPrefix: 'remark',
    rcName: '.remarkrc',
    // A workspace’s own `remark` is used when it has one; otherwise ours, so
    // the server works in a folder with nothing installed.
    processorName: 'remark',
    processorSpecifier: 'remark',
    defaultProcessor: remark,
    plugins: [[remarkPlanLint as Plugin<unknown[]>, {}]]
  })
}

function usage(): string {
  return `Usage: plan-lint-language-server --stdio | --node-ipc | --socket=<port>

Language server for remark-plan-lint: diagnostics as you type, quick fixes
where the fix is known (the same as plan-lint --fix), and a fix-all action
(source.fixAll.plan-lint). Configuration comes from .remarkrc*, package.json
"remarkConfig" and .remarkignore, as for remark and plan-lint.
`
}
