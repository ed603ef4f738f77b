import {mkdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {Options} from '../index.js'
import {optionsMistake, runEngine} from './engine.js'
import {formatReport} from './formats.js'
import {exitCodes, write, type Io} from './io.js'
import type {CliFlags} from './run.js'

/** `plan-lint [paths…]`: lint, print the report, and say whether the gate passes. */
export async function lintCommand(paths: string[], flags: CliFlags, io: Io): Promise<number> {
  const options: Options = flags.template === undefined ? {} : {template: flags.template}
  const {error, files} = await runEngine(paths.length > 0 ? paths : ['.'], options, io.cwd)

  if (error) return fail(io, error.message)
  const mistake = optionsMistake(files)
  if (mistake) return fail(io, mistake)
  const missing = files.filter((file) => file.messages.some((message) => message.reason === 'No such file or folder'))
  if (missing.length > 0) {
    return fail(io, missing.map((file) => `No such file or folder: \`${file.path}\``).join('\n'))
  }
  if (files.length === 0 && paths.length > 0) {
    return fail(io, `No Markdown files found in ${paths.map((item) => '`' + item + '`').join(', ')}`)
  }

  const report = formatReport(flags.format, files, {cwd: io.cwd, color: flags.color && !flags.outputFile, quiet: flags.quiet})
  if (flags.outputFile) {
    const target = path.resolve(io.cwd, flags.outputFile)
    mkdirSync(path.dirname(target), {recursive: true})
    writeFileSync(target, report)
  } else {
    await write(io.stdout, report)
  }

  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++
      else if (message.fatal === false) warnings++
    }
  }
  const tooManyWarnings = flags.maxWarnings !== undefined && warnings > flags.maxWarnings
  if (tooManyWarnings && flags.format === 'stylish') {
    await write(io.stderr, `plan-lint: ${warnings} warnings, more than --max-warnings ${flags.maxWarnings}\n`)
  }
  return errors > 0 || tooManyWarnings ? exitCodes.findings : exitCodes.pass
}

async function fail(io: Io, text: string): Promise<number> {
  await write(io.stderr, `plan-lint: ${text}\n`)
  return exitCodes.usage
}
