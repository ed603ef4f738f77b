#!/usr/bin/env node
// Entry of the `plan-lint` binary: kept tiny so start-up imports only what
// the command needs.
import {run} from './run.js'

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr
})
