import {isUtf8} from 'node:buffer'
import {randomBytes} from 'node:crypto'
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {toString} from 'mdast-util-to-string'
import {defaultLimits} from '../markdown/input-guard.js'
import {parseMarkdown} from '../markdown/parser.js'
import {builtinTemplateIds} from '../template/builtin.js'
import {riskWordMatcher} from '../template/risk-facts.js'
import {learnTemplates, type LearnedTemplate, type PlanOutline} from '../template/learn.js'
import {learnedTemplateMarkdown} from '../template/learned-markdown.js'
import {outlineOf} from '../views/outline.js'
import {riskBlocksOf} from '../views/risk-tables.js'
import {discoverFiles} from './discover.js'
import {exitCodes, UsageError, write, type Io} from './io.js'
import type {CliFlags} from './flags.js'
import {planConfigChange, type Registration} from './remarkrc.js'
import {whichLines} from './which.js'

/**
 * `plan-lint init [paths…]`: learn templates from the plans under the paths
 * (`src/template/learn.ts`), write them, register them in `.remarkrc.json`,
 * and show what each plan now follows. Every target is checked before
 * anything is written; each write is atomic.
 */

/** Fewest plans that make a format worth a template. */
export const minimumGroup = 3
/** Grouping compares every pair of outlines: about 3 s and 130 MB at 4,000 distinct ones. */
export const maximumFiles = 5000
const idPattern = /^[a-z0-9][a-z0-9-]*$/

interface Planned {
  learned: LearnedTemplate
  id: string
  /** Absolute path of the template file, and how it is shown and registered. */
  file: string
  shown: string
  text: string
}

export async function initCommand(paths: string[], flags: CliFlags, io: Io): Promise<number> {
  if (flags.id !== undefined && !idPattern.test(flags.id)) {
    throw new UsageError(`Unexpected \`--id ${flags.id}\`, expected a kebab-case id such as \`team-plan\``)
  }
  const searched = paths.length > 0 ? paths : ['.']
  const outputDir = path.resolve(io.cwd, flags.outputDir)
  const files = await findMarkdown(searched, io)
  // Templates written by an earlier run are not plans to learn from.
  const candidates = files.filter((file) => !isWithin(path.resolve(io.cwd, file), outputDir))
  if (candidates.length === 0) throw new UsageError(`No Markdown files found in ${searched.map((item) => '`' + item + '`').join(', ')}`)
  if (candidates.length > maximumFiles) {
    throw new UsageError(
      `Unexpected ${candidates.length} Markdown files, expected at most ${maximumFiles}: run \`plan-lint init\` on the folders that hold plans`
    )
  }

  const outlines: PlanOutline[] = []
  const unreadable: Array<{path: string; reason: string}> = []
  for (const file of candidates) {
    const read = readOutline(file, io.cwd)
    if (typeof read === 'string') unreadable.push({path: file, reason: read})
    else outlines.push(read)
  }
  const {templates, outliers} = learnTemplates(outlines, {minShare: flags.minShare, minGroup: minimumGroup})
  const leftOut = [...unreadable, ...outliers]

  if (templates.length === 0) {
    await write(io.stdout, leftOutReport(leftOut))
    await write(
      io.stderr,
      `plan-lint: no group of ${minimumGroup} or more plans with similar sections among ${candidates.length} Markdown files; nothing written\n`
    )
    return exitCodes.findings
  }
  if (flags.id !== undefined && templates.length > 1) {
    throw new UsageError(
      `Unexpected \`--id ${flags.id}\` for ${templates.length} groups of plans (${templates.map((template) => '`' + template.files[0] + '` …').join(', ')}), expected one group: run \`init\` on each group's folder, or without \`--id\``
    )
  }

  const planned = planTemplates(templates, flags, io, outputDir)
  const registration: Registration = {
    templates: planned.map((item) => (item.shown.startsWith('../') || path.isAbsolute(item.shown) ? item.shown : './' + item.shown)),
    templateGlobs: Object.fromEntries(planned.flatMap((item) => globsFor(item.learned.files, files).map((glob) => [glob, item.id])))
  }
  const change = planConfigChange(io.cwd, registration, flags.force)

  // Check every target before writing any.
  const existing = planned.filter((item) => existsSync(item.file)).map((item) => '`' + item.shown + '`')
  if (existing.length > 0 && !flags.force) {
    throw new UsageError(`Cannot write ${existing.join(', ')}: the file exists; run again with \`--force\` to overwrite (nothing was written)`)
  }
  for (const item of planned) writeAtomic(item.file, item.text)
  if (change.kind === 'write') writeAtomic(change.file, change.text)

  const report: string[] = []
  for (const item of planned) {
    const sections = item.learned.sections.flatMap((section) => [section, ...section.children])
    const required = sections.filter((section) => section.required).length
    report.push(
      `wrote ${item.shown}: template \`${item.id}\` from ${item.learned.files.length} plans, ${required} required and ${sections.length - required} optional sections`
    )
    for (const [kept, merged] of item.learned.merged) report.push(`  read \`${merged}\` as \`${kept}\` (near-identical headings)`)
  }
  const configShown = path.relative(io.cwd, change.file) || change.file
  if (change.kind === 'write') {
    report.push(`${change.created ? 'created' : 'updated'} ${configShown}: \`templates\` and \`templateGlobs\``)
  } else {
    report.push(`${change.reason}: add these options to its \`remark-plan-lint\` entry:`, change.lines)
  }

  // What each plan follows now, as `plan-lint` will see it.
  const options = change.kind === 'write' ? {} : registration
  const skipped = new Set(unreadable.map((item) => item.path))
  try {
    const {lines, unreadable: failed} = await whichLines(candidates.filter((file) => !skipped.has(file)), options, io)
    report.push('', ...lines, ...failed)
  } catch (error) {
    // The templates are written: say why the check could not run rather than fail the command.
    report.push('', `cannot show which template each plan follows: ${(error as Error).message}`)
  }
  await write(io.stdout, report.join('\n') + '\n' + (leftOut.length > 0 ? '\n' + leftOutReport(leftOut) : ''))
  return exitCodes.pass
}

/** Markdown files under the paths, as `plan-lint` finds them, relative to the cwd. */
async function findMarkdown(paths: string[], io: Io): Promise<string[]> {
  const found = await discoverFiles(paths, io.cwd)
  if (!found) {
    // The engine's finder could not be loaded: let one engine run find them.
    const {runEngine} = await import('./engine.js')
    const run = await runEngine(paths, {}, io.cwd)
    if (run.error) throw new UsageError(run.error.message)
    return run.files.map((file) => relative(io.cwd, path.resolve(file.cwd, file.path)))
  }
  const given = new Set(paths.map((item) => path.resolve(io.cwd, item)))
  const missing = found.filter(
    (file) => given.has(path.resolve(file.cwd, file.path)) && file.messages.some((message) => message.fatal === true)
  )
  if (missing.length > 0) throw new UsageError(missing.map((file) => `No such file or folder: \`${file.path}\``).join('\n'))
  return found
    .filter((file) => !file.messages.some((message) => message.fatal === true))
    .map((file) => relative(io.cwd, path.resolve(file.cwd, file.path)))
}

/** The outline of one file, or why it cannot be read. */
function readOutline(file: string, cwd: string): PlanOutline | string {
  const absolute = path.resolve(cwd, file)
  let bytes: Buffer
  try {
    if (!statSync(absolute).isFile()) return 'not a regular file'
    bytes = readFileSync(absolute)
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`
  }
  if (bytes.length > defaultLimits.bytes) return `larger than ${defaultLimits.bytes} bytes`
  if (bytes.includes(0) || !isUtf8(bytes)) return 'not UTF-8 text'
  const tree = parseMarkdown(bytes.toString('utf8'))
  const outline = outlineOf(tree)
  const title = outline.title
  const headings = outline.headings.filter((heading) => heading !== title).map((heading) => ({text: heading.text, depth: heading.depth}))
  let riskTable: PlanOutline['riskTable']
  const aboutRisks = riskWordMatcher()
  for (const block of riskBlocksOf(tree)) {
    if (block.node.type !== 'table') continue
    const columns = (block.node.children[0]?.children ?? []).map((cell) => toString(cell))
    if ((block.heading && aboutRisks(block.heading.text)) || columns.some((column) => aboutRisks(column))) {
      riskTable = {columns, section: block.heading?.text}
      break
    }
  }
  return {path: file, title: title?.text, headings, riskTable}
}

/** Ids, files and text of the templates to write. */
function planTemplates(templates: LearnedTemplate[], flags: CliFlags, io: Io, outputDir: string): Planned[] {
  const taken = new Set<string>(builtinTemplateIds)
  return templates.map((learned) => {
    let id = flags.id ?? idFrom(learned, taken)
    if (flags.id === undefined && taken.has(id)) {
      let suffix = 2
      while (taken.has(`${id}-${suffix}`)) suffix++
      id = `${id}-${suffix}`
    }
    taken.add(id)
    const file = path.join(outputDir, id + '.md')
    const from = commonFolder(learned.files)
    const description = `Learned by plan-lint init from ${learned.files.length} plans${from === '' ? '' : ' in ' + from}`
    return {learned, id, file, shown: relative(io.cwd, file), text: learnedTemplateMarkdown(learned, id, description, flags.minShare)}
  })
}

/**
 * `TIP: [Title]` → `tip`; without a common title, or when that id is taken
 * (a built-in id would replace the built-in template for every plan in the
 * project), the plans' folder (`docs/rfcs` → `rfcs`).
 */
function idFrom(learned: LearnedTemplate, taken: Set<string>): string {
  const kebab = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
  const fromTitle = kebab(learned.titleStem)
  const fromFolder = kebab(path.posix.basename(commonFolder(learned.files)))
  if (fromTitle !== '' && !taken.has(fromTitle)) return fromTitle
  if (fromFolder !== '' && !taken.has(fromFolder)) return fromFolder
  return fromTitle || fromFolder || 'plan'
}

/**
 * Globs that map the group's plans to its template: the group's common
 * folder when every Markdown file in it belongs to the group (so new plans
 * there follow the template too), else each folder that holds only the
 * group's plans, else the plans by name. The working directory itself is
 * never globbed whole: other Markdown files land there.
 */
export function globsFor(group: string[], all: string[]): string[] {
  const members = new Set(group)
  const extensions = [...new Set(group.map((file) => path.posix.extname(file).slice(1)))].sort()
  const pattern = extensions.length === 1 ? `*.${extensions[0]!}` : `*.{${extensions.join(',')}}`
  const common = commonFolder(group)
  const under = (folder: string, file: string) => file.startsWith(folder + '/')
  if (common !== '' && all.filter((file) => under(common, file)).every((file) => members.has(file))) {
    return [`${escapeGlob(common)}/**/${pattern}`]
  }
  const globs: string[] = []
  const byFolder = new Map<string, string[]>()
  for (const file of group) {
    const folder = path.posix.dirname(file)
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file])
  }
  for (const [folder, files] of byFolder) {
    const inFolder = all.filter((file) => path.posix.dirname(file) === folder)
    if (folder !== '.' && inFolder.every((file) => members.has(file))) globs.push(`${escapeGlob(folder)}/${pattern}`)
    else globs.push(...files.map((file) => escapeGlob(file)))
  }
  return globs
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]{}()!+@\\]/g, (character) => '\\' + character)
}

/** The deepest folder holding all the files (`''` for the working directory). */
function commonFolder(files: string[]): string {
  const folders = files.map((file) => path.posix.dirname(file).split('/'))
  const first = folders[0] ?? []
  let length = 0
  while (length < first.length && folders.every((parts) => parts[length] === first[length])) length++
  const common = first.slice(0, length).join('/')
  return common === '.' ? '' : common
}

function leftOutReport(leftOut: Array<{path: string; reason: string}>): string {
  if (leftOut.length === 0) return ''
  return (
    `left out (no group of ${minimumGroup} or more plans with similar sections):\n` +
    leftOut.map((item) => `  ${item.path}: ${item.reason}`).join('\n') +
    '\n'
  )
}

/** Write through a temporary file in the same folder and rename: readers never see half a file. */
function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), {recursive: true})
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    writeFileSync(temporary, text)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw new UsageError(`Cannot write \`${file}\`: ${(error as Error).message}`)
  }
}

function relative(cwd: string, file: string): string {
  return path.relative(cwd, file).split(path.sep).join('/')
}

function isWithin(file: string, folder: string): boolean {
  const relation = path.relative(folder, file)
  return relation !== '' && !relation.startsWith('..') && !path.isAbsolute(relation)
}
