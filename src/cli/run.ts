import {parseArgs} from 'node:util'
import {helpText, optionsConfig, readFlags} from './flags.js'
import {exitCodes, UsageError, write, type Io} from './io.js'

/** Run the CLI; resolves to the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const {values, positionals} = parseArgs({args: argv, options: optionsConfig, allowPositionals: true, strict: true})
    if (values.help) {
      await write(io.stdout, helpText)
      return exitCodes.pass
    }
    if (values.version) {
      const {packageVersion} = await import('../support/package-root.js')
      await write(io.stdout, packageVersion() + '\n')
      return exitCodes.pass
    }
    const flags = readFlags(values, io)
    const [command, ...rest] = positionals
    switch (command) {
      case 'which': {
        const {whichCommand} = await import('./which.js')
        return await whichCommand(rest, flags, io)
      }
      case 'templates': {
        if (rest.length > 0) throw new UsageError('`plan-lint templates` takes no arguments')
        const {templatesCommand} = await import('./templates.js')
        return await templatesCommand(flags, io)
      }
      case 'new': {
        if (rest.length !== 1) throw new UsageError('`plan-lint new` takes one template id or path, such as `plan-lint new tip`')
        const {newCommand} = await import('./new-plan.js')
        return await newCommand(rest[0]!, flags, io)
      }
      case 'init': {
        const {initCommand} = await import('./init.js')
        return await initCommand(rest, flags, io)
      }
      default: {
        const {lintCommand} = await import('./lint.js')
        return await lintCommand(positionals, flags, io)
      }
    }
  } catch (error) {
    const usage =
      error instanceof UsageError ||
      (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    const text = error instanceof Error ? (usage ? error.message : (error.stack ?? error.message)) : String(error)
    await write(io.stderr, `plan-lint: ${text}\n${usage ? 'Run `plan-lint --help` for usage.\n' : ''}`)
    return exitCodes.usage
  }
}
