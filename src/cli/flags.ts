import {UsageError, type Io} from './io.js'
import {fileOnlyFormats, formats, type Format} from './formats.js'

/** The command line: help text, flag definitions for `parseArgs`, and the flags as read. */

export const helpText = `Usage: plan-lint [options] [paths or globs…]
       plan-lint which FILE…
       plan-lint templates
       plan-lint new <template> [--title "…"] [--output FILE]

Lint Markdown implementation plans against their templates. Paths default to
the current folder; only Markdown files are checked, .remarkignore is honoured
and node_modules is skipped. Configuration comes from .remarkrc* or
package.json "remarkConfig", as for remark.

Options:
  --format <name>        stylish (default), json, sarif, github, junit
                         (JUnit XML), gitlab (GitLab Code Quality) or html
                         (an overview page; needs --output-file)
  --output-file <file>   write the report to a file instead of stdout
  --max-warnings <n>     fail when there are more than n warnings
  --quiet                report errors only
  --template <id|path>   check every file against this template
  --fix                  fix what has one right fix (headings, missing
                         sections, checkboxes) in place, then report what
                         is left
  --fix-dry-run          print what --fix would change as a diff per file,
                         and write nothing
  --cache                report files unchanged since the last clean run
                         (content, configuration, templates, version) from a
                         cache instead of linting them again
  --cache-location <file>
                         where --cache keeps results (default:
                         node_modules/.cache/plan-lint/results.json in the
                         project)
  --color, --no-color    force colours on or off (default: on for a terminal
                         without NO_COLOR)
  -h, --help             show this help
  -v, --version          show the version

Commands:
  which FILE…            print path, template id (or none) and the share of
                         that template's required sections found
  templates              list built-in and configured templates
  new <template>         print a new plan from a template (--title sets the
                         title, --output writes a file and never overwrites)

Exit codes: 0 no error, 1 errors (or too many warnings), 2 usage, config or
internal error.

Examples:
  plan-lint docs/plans/
  plan-lint --format sarif --output-file plan-lint.sarif docs/
  plan-lint --format github --max-warnings 0 "docs/**/*.md"
  plan-lint --format gitlab --output-file gl-code-quality-report.json docs/
  plan-lint --format html --output-file plan-report.html docs/plans/
  plan-lint --template technical-plan docs/plans/checkout.md
  plan-lint --cache docs/
  plan-lint --fix docs/plans/
  plan-lint which docs/plans/*.md
  plan-lint templates
  plan-lint new technical-plan --title "Bulk invoice export" --output docs/plans/bulk-export.md
`

export const optionsConfig = {
  format: {type: 'string'},
  'output-file': {type: 'string'},
  'max-warnings': {type: 'string'},
  quiet: {type: 'boolean'},
  template: {type: 'string'},
  cache: {type: 'boolean'},
  fix: {type: 'boolean'},
  'fix-dry-run': {type: 'boolean'},
  'cache-location': {type: 'string'},
  color: {type: 'boolean'},
  'no-color': {type: 'boolean'},
  title: {type: 'string'},
  output: {type: 'string'},
  help: {type: 'boolean', short: 'h'},
  version: {type: 'boolean', short: 'v'}
} as const

export type FixMode = 'write' | 'dry-run'

export interface CliFlags {
  format: Format
  outputFile: string | undefined
  maxWarnings: number | undefined
  quiet: boolean
  template: string | undefined
  /** `--cache`: reuse results of unchanged files. */
  cache: boolean
  /** `--cache-location`, as given (relative to the cwd). */
  cacheLocation: string | undefined
  color: boolean
  /** `--fix` writes fixes, `--fix-dry-run` shows them. */
  fix: FixMode | undefined
  title: string | undefined
  output: string | undefined
}

export function readFlags(values: Record<string, string | boolean | undefined>, io: Io): CliFlags {
  const format = (values.format as string | undefined) ?? 'stylish'
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`Unexpected format \`${format}\`, expected one of ${formats.map((name) => '`' + name + '`').join(', ')}`)
  }
  if ((fileOnlyFormats as readonly string[]).includes(format) && values['output-file'] === undefined) {
    throw new UsageError(`Unexpected \`--format ${format}\` without \`--output-file\`, expected a file to write the page to, such as \`--output-file plan-report.html\``)
  }
  let maxWarnings: number | undefined
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings'])
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(`Unexpected \`--max-warnings ${String(values['max-warnings'])}\`, expected a whole number 0 or more`)
    }
  }
  if (values['cache-location'] === '') throw new UsageError('Unexpected empty `--cache-location`, expected a file path')
  const tty = Boolean(io.stdout.isTTY)
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== ''
  const color = values['no-color'] ? false : values.color ? true : tty && !noColor
  return {
    format: format as Format,
    outputFile: values['output-file'] as string | undefined,
    maxWarnings,
    quiet: Boolean(values.quiet),
    template: values.template as string | undefined,
    cache: Boolean(values.cache),
    cacheLocation: values['cache-location'] as string | undefined,
    color,
    fix: values['fix-dry-run'] ? 'dry-run' : values.fix ? 'write' : undefined,
    title: values.title as string | undefined,
    output: values.output as string | undefined
  }
}
