import {UsageError, type Io} from './io.js'
import {fileOnlyFormats, formats, type Format} from './formats.js'
import {parseShard, type Shard} from './shard.js'

/** The command line: help text, flag definitions for `parseArgs`, and the flags as read. */

export const helpText = `Usage: plan-lint [options] [paths or globs…]
       plan-lint which FILE…
       plan-lint templates
       plan-lint new <template> [--title "…"] [--output FILE]
       plan-lint init [paths…] [--id <id>] [--output-dir <dir>] [--min-share <0-1>] [--force]

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
  --shard <i>/<n>        check only shard i of n: a stable share of the files,
                         by path, for a CI matrix (each file on exactly one)
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
  init [paths…]          learn templates from the plans under the paths: one
                         per group of 3 or more plans with similar sections,
                         written to plan-templates/<id>.md and registered in
                         .remarkrc.json; prints each plan's template and
                         coverage and lists the files that fit no group
    --id <id>            the template id (one group only; default: from the
                         plans' common title)
    --output-dir <dir>   where templates are written (default: plan-templates)
    --min-share <0-1>    share of a group's plans that must have a section for
                         it to be required (default: 0.6); sections fewer
                         plans have are optional, those in one plan left out
    --force              overwrite existing template files and replace
                         conflicting entries in .remarkrc.json

Exit codes: 0 no error, 1 errors (or too many warnings), 2 usage, config or
internal error. init: 0 a template was written, 1 no group of 3 or more plans
was found, 2 usage error or a file it would overwrite (nothing is written).

Examples:
  plan-lint docs/plans/
  plan-lint --format sarif --output-file plan-lint.sarif docs/
  plan-lint --format github --max-warnings 0 "docs/**/*.md"
  plan-lint --format gitlab --output-file gl-code-quality-report.json docs/
  plan-lint --format html --output-file plan-report.html docs/plans/
  plan-lint --template technical-plan docs/plans/checkout.md
  plan-lint --cache docs/
  plan-lint --shard 2/4 --format sarif --output-file plan-lint-2.sarif .
  plan-lint --fix docs/plans/
  plan-lint which docs/plans/*.md
  plan-lint templates
  plan-lint new technical-plan --title "Bulk invoice export" --output docs/plans/bulk-export.md
  plan-lint init docs/plans/
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
  shard: {type: 'string'},
  color: {type: 'boolean'},
  'no-color': {type: 'boolean'},
  title: {type: 'string'},
  output: {type: 'string'},
  id: {type: 'string'},
  'output-dir': {type: 'string'},
  'min-share': {type: 'string'},
  force: {type: 'boolean'},
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
  /** `--shard <i>/<n>`. */
  shard: Shard | undefined
  color: boolean
  /** `--fix` writes fixes, `--fix-dry-run` shows them. */
  fix: FixMode | undefined
  title: string | undefined
  output: string | undefined
  /** `init --id`: the learned template's id. */
  id: string | undefined
  /** `init --output-dir`, as given (relative to the cwd). */
  outputDir: string
  /** `init --min-share`: share (0–1) of a group's plans that makes a section required. */
  minShare: number
  /** `init --force`: overwrite existing files. */
  force: boolean
}

/** Default of `init --min-share`. */
export const defaultMinShare = 0.6

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
  let minShare = defaultMinShare
  if (values['min-share'] !== undefined) {
    const given = String(values['min-share'])
    minShare = given.trim() === '' ? Number.NaN : Number(given)
    if (!Number.isFinite(minShare) || minShare < 0 || minShare > 1) {
      throw new UsageError(`Unexpected \`--min-share ${given}\`, expected a number from 0 to 1, such as \`0.6\``)
    }
  }
  if (values['output-dir'] === '') throw new UsageError('Unexpected empty `--output-dir`, expected a folder path')
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
    shard: values.shard === undefined ? undefined : parseShard(values.shard as string),
    color,
    fix: values['fix-dry-run'] ? 'dry-run' : values.fix ? 'write' : undefined,
    title: values.title as string | undefined,
    output: values.output as string | undefined,
    id: values.id as string | undefined,
    outputDir: (values['output-dir'] as string | undefined) ?? 'plan-templates',
    minShare,
    force: Boolean(values.force)
  }
}
