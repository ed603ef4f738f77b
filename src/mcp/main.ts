#!/usr/bin/env node
// `plan-lint-mcp`: plan-lint for coding agents, as a Model Context Protocol
// server over stdio (README “Use with a coding agent”).
import {StdioServerTransport} from '@modelcontextprotocol/sdk/server/stdio.js'
import {packageVersion} from '../support/package-root.js'
import {createPlanLintServer} from './server.js'

const usage = `Usage: plan-lint-mcp

The plan-lint MCP server over stdio, started by an MCP client (Claude Code,
Cursor, VS Code). Tools: lint, which, templates, new_plan, fix, explain_rule.
Paths are resolved against the client's roots, or this working directory.

  claude mcp add plan-lint -- npx -y -p remark-plan-lint plan-lint-mcp
`

const argv = process.argv.slice(2)
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(usage)
} else if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(packageVersion() + '\n')
} else if (argv.length > 0) {
  process.stderr.write(`plan-lint-mcp: unexpected argument \`${argv[0]}\`\n\n${usage}`)
  process.exitCode = 2
} else {
  const server = createPlanLintServer(process.cwd(), process.env)
  await server.connect(new StdioServerTransport())
}
