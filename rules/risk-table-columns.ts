import type {ListItem, Nodes, Paragraph, Root, Table, TableCell, TableRow} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {lintRule} from 'unified-lint-rule'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import {detectionOf} from '../src/views/detect.js'
import {headingKey} from '../src/template/heading-text.js'
import {lazySchema, type ZodApi} from '../src/support/lazy.js'
import {parseRuleOptions} from '../src/pipeline/options.js'
import type {OutlineHeading} from '../src/views/outline.js'
import {findUnresolvedChoices, placeholdersOf, type Placeholder} from '../src/views/placeholders.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {createScale, type Scale} from '../src/template/risk-scale.js'
import {collapseSpaces} from '../src/support/text.js'
import {headingWords, labelKey, riskBlocksOf, type SectionedList} from '../src/views/risk-tables.js'
import {sourcePointsOf, type SourcePoints} from '../src/views/source-points.js'
import type {Template} from '../src/template/template.js'

/**
 * Risk tables have a likelihood and an impact column (names from the
 * template, plus the user’s aliases), and every row rates both on the scale.
 * Numbered risk lists of templates that use them have the template’s fields,
 * each rated on the scale.
 */

/** Words that make a heading about risks; `*` at the end matches a word start (German compounds). */
export const defaultRiskWords = ['risk', 'risks', 'risiko*', 'risiken'] as const
/** Column headers that make a table a risk table wherever it is. */
export const defaultRiskColumns = ['Risk', 'Risks', 'Risk description', 'Risiko', 'Risiken', 'Risikobeschreibung'] as const

const nameList = (z: ZodApi, what: string) =>
  z.array(z.string({error: what}).trim().min(1, {error: what}), {error: `an array of ${what}s`})

export const riskTableColumnsOptionsSchema = lazySchema((z) =>
  z
  .object(
    {
      likelihood: nameList(z, 'likelihood column name').optional(),
      impact: nameList(z, 'impact column name').optional(),
      scale: nameList(z, 'scale value').min(1, {error: 'at least one scale value'}).optional(),
      scaleAliases: z
        .record(z.string().trim().min(1), z.string({error: 'a scale value'}).trim().min(1, {error: 'a scale value'}), {
          error: 'an object mapping words to scale values, such as `{"hoch": "High"}`'
        })
        .optional(),
      riskWords: nameList(z, 'heading word').optional(),
      riskColumns: nameList(z, 'column name').optional()
    },
    {error: 'an options object'}
  )
  .strict()
  .superRefine((options, context) => {
    if (!options.scale || !options.scaleAliases) return
    const scale = new Set(options.scale.map((value) => collapseSpaces(value).toLowerCase()))
    for (const [alias, target] of Object.entries(options.scaleAliases)) {
      if (!scale.has(collapseSpaces(target).toLowerCase())) {
        context.addIssue({
          code: 'custom',
          path: ['scaleAliases', alias],
          message: 'a value of option `scale`: ' + options.scale.map((value) => '`' + value + '`').join(', ')
        })
      }
    }
  })
)

export type Options = z.input<ReturnType<typeof riskTableColumnsOptionsSchema>>
type Settings = z.output<ReturnType<typeof riskTableColumnsOptionsSchema>>

const remarkPlanLintRiskTableColumns = lintRule<Root, Options | undefined>(
  {origin: ruleOrigin('risk-table-columns'), url: docUrl('risk-table-columns')},
  function (tree, file, options) {
    const {template} = detectionOf(tree, file)
    if (!template) return
    const facts = factsOf(template, settingsOf(options))
    const {source, pointAt} = sourcePointsOf(tree, file)
    const blocks = riskBlocksOf(tree)
    let placeholders: Placeholder[] | undefined
    let silentFrom: number | undefined
    const run: Run = {
      facts,
      file,
      source,
      pointAt,
      isLeftToPlaceholderRule(text, start, end) {
        if (findUnresolvedChoices(text, template).length > 0) return true
        if (start === undefined || end === undefined) return false
        placeholders ??= placeholdersOf(tree, source, template).placeholders
        return overlapsAny(placeholders, start, end)
      },
      heard(...places) {
        silentFrom ??= trailingGapStart(tree)
        const limit = silentFrom
        return places.find((place) => place?.start.offset === undefined || place.start.offset < limit) ?? places[0]
      }
    }
    const aboutRisks = new Map<OutlineHeading, boolean>()
    const isAboutRisks = (heading: OutlineHeading | undefined): boolean => {
      if (!heading) return false
      let value = aboutRisks.get(heading)
      if (value === undefined) {
        value = facts.isRiskHeading(heading.text)
        aboutRisks.set(heading, value)
      }
      return value
    }

    for (const {node, heading} of blocks) {
      if (node.type === 'table') {
        checkTable(node, isAboutRisks(heading), run)
      } else if (facts.listFields.length > 0 && isAboutRisks(heading)) {
        checkList({node, heading}, run)
      }
    }
  }
)

export default remarkPlanLintRiskTableColumns

/** A rated property of a risk: likelihood, impact, or another template field. */
interface Dimension {
  /** How messages name it: `likelihood`. */
  name: string
  /** Names a column or field may have, as written in the template and options. */
  aliases: string[]
  keys: Set<string>
}

/** One run of the rule over one file. */
interface Run {
  facts: Facts
  file: VFile
  /** The document as positions count it. */
  source: string
  pointAt: SourcePoints['pointAt']
  /**
   * Unresolved template choices (`Low/Med/High`) and placeholders belong to
   * `no-placeholders`: one finding, from one rule.
   * @param start offset of `text` in the source, when known
   */
  isLeftToPlaceholderRule: (text: string, start: number | undefined, end: number | undefined) => boolean
  /**
   * The first place that comment control does not drop: it ignores messages
   * that start after the document’s last text, which an empty last cell is.
   */
  heard: (...places: Array<Position | undefined>) => Position | undefined
}

interface Facts {
  template: Template
  /** Columns a risk table must have. */
  requiredColumns: Dimension[]
  /** Fields each item of a risk list must have; none: lists are not checked. */
  listFields: Dimension[]
  /** Every dimension whose values are checked, in column-matching order. */
  rated: Dimension[]
  scale: Scale
  riskColumnKeys: Set<string>
  /** Headings of the template’s own risk sections. */
  riskSectionKeys: Set<string>
  isRiskHeading: (text: string) => boolean
}

const settingsCache = new WeakMap<object, Settings>()

/** Options as validated by the preset, or validated here when the rule is used on its own. */
function settingsOf(options: unknown): Settings {
  if (options === undefined || options === null) {
    // Every option is optional: no options need no validation (nor zod).
    return {}
  }
  if (typeof options !== 'object') return parseRuleOptions(riskTableColumnsOptionsSchema, options, 'risk-table-columns')
  let settings = settingsCache.get(options)
  if (!settings) {
    settings = parseRuleOptions(riskTableColumnsOptionsSchema, options, 'risk-table-columns')
    settingsCache.set(options, settings)
  }
  return settings
}

const factsCache = new WeakMap<Settings, WeakMap<Template, Facts>>()

function factsOf(template: Template, settings: Settings): Facts {
  let byTemplate = factsCache.get(settings)
  if (!byTemplate) {
    byTemplate = new WeakMap()
    factsCache.set(settings, byTemplate)
  }
  let facts = byTemplate.get(template)
  if (!facts) {
    facts = buildFacts(template, settings)
    byTemplate.set(template, facts)
  }
  return facts
}

function buildFacts(template: Template, settings: Settings): Facts {
  const {risks} = template
  const likelihood = dimension('likelihood', [...risks.likelihood, ...(settings.likelihood ?? [])])
  const impact = dimension('impact', [...risks.impact, ...(settings.impact ?? [])])
  const fields = unique(
    risks.fields.map((field) => {
      const key = labelKey(field)
      if (likelihood.keys.has(key)) return likelihood
      if (impact.keys.has(key)) return impact
      return dimension(collapseSpaces(field).toLowerCase(), [field])
    })
  )
  // A table template rates likelihood and impact; a list template rates its fields, in lists and tables alike.
  const requiredColumns = risks.format === 'table' ? [likelihood, impact] : fields
  const words = settings.riskWords ?? [...defaultRiskWords]
  const exactWords = new Set(words.filter((word) => !word.endsWith('*')).map((word) => word.toLowerCase()))
  const wordStarts = words.filter((word) => word.endsWith('*')).map((word) => word.slice(0, -1).toLowerCase())
  const riskSectionKeys = new Set(risks.sections.map((text) => headingKey(text)))
  return {
    template,
    requiredColumns,
    listFields: risks.format === 'list' ? fields : [],
    rated: unique([likelihood, impact, ...fields]),
    scale: createScale(settings.scale ?? risks.scale, settings.scaleAliases ?? {}),
    riskColumnKeys: new Set((settings.riskColumns ?? [...defaultRiskColumns]).map((name) => labelKey(name))),
    riskSectionKeys,
    isRiskHeading(text) {
      if (riskSectionKeys.has(headingKey(text))) return true
      return headingWords(text).some(
        (word) => exactWords.has(word) || wordStarts.some((start) => start !== '' && word.startsWith(start))
      )
    }
  }
}

function dimension(name: string, aliases: string[]): Dimension {
  const kept: string[] = []
  const keys = new Set<string>()
  for (const alias of aliases) {
    const key = labelKey(alias)
    if (key === '' || keys.has(key)) continue
    keys.add(key)
    kept.push(alias)
  }
  return {name, aliases: kept, keys}
}

function unique<Value>(values: Value[]): Value[] {
  return [...new Set(values)]
}

// Tables ---------------------------------------------------------------------

function checkTable(table: Table, inRiskSection: boolean, run: Run): void {
  const {facts, file} = run
  const [header, ...rows] = table.children
  if (!header) return
  const keys = header.children.map((cell) => labelKey(toString(cell)))

  if (!inRiskSection) {
    // Outside a risk section, a table is about risks when a column names them,
    // unless that column only holds ratings (a threat model’s `Risk` level).
    const riskColumns = keys.flatMap((key, index) => (facts.riskColumnKeys.has(key) ? [index] : []))
    if (riskColumns.length === 0) return
    if (riskColumns.every((index) => holdsRatings(rows, index, facts.scale))) return
  }

  const columns = new Map<Dimension, number[]>()
  const taken = new Set<number>()
  for (const dimension of facts.rated) {
    const indices: number[] = []
    keys.forEach((key, index) => {
      if (!taken.has(index) && dimension.keys.has(key)) indices.push(index)
    })
    for (const index of indices) taken.add(index)
    columns.set(dimension, indices)
  }

  for (const dimension of facts.requiredColumns) {
    if (columns.get(dimension)!.length > 0) continue
    report(
      file,
      `Unexpected risk table without ${article(dimension.name)} ${dimension.name} column, expected ${article(dimension.aliases[0] ?? '')} ${alternatives(dimension.aliases)} column (template \`${facts.template.id}\`)`,
      header.position
    )
  }

  // Row by row, left to right: findings in document order.
  const checked = [...columns]
    .flatMap(([dimension, indices]) => indices.map((index) => ({dimension, index})))
    .sort((a, b) => a.index - b.index)
    .map(({dimension, index}) => ({dimension, index, column: collapseSpaces(toString(header.children[index]!))}))
  for (const row of rows) {
    for (const {dimension, index, column} of checked) checkCell(table, row, index, dimension, column, run)
  }
}

/** Whether every filled cell of a column is a rating on the scale (and one is filled). */
function holdsRatings(rows: TableRow[], index: number, scale: Scale): boolean {
  let filled = false
  for (const row of rows) {
    const cell = row.children[index]
    if (!cell) continue
    const verdict = scale.check(cellText(cell))
    if (verdict === 'off') return false
    if (verdict === 'on') filled = true
  }
  return filled
}

function checkCell(
  table: Table,
  row: TableRow,
  index: number,
  dimension: Dimension,
  column: string,
  run: Run
): void {
  const cell = row.children[index]
  if (!cell) {
    // A short row: the cell is not there at all. (Not its end point: comment
    // control drops messages in the gap after the document’s last node.)
    reportValue(run, dimension, column, '', run.heard(row.position, table.position))
    return
  }
  const text = cellText(cell)
  const verdict = run.facts.scale.check(text)
  if (verdict === 'on') return
  const start = cell.children[0]?.position?.start.offset
  const end = cell.children.at(-1)?.position?.end.offset
  const written = start === undefined || end === undefined ? text : run.source.slice(start, end)
  if (run.isLeftToPlaceholderRule(written, start, end)) return
  const place = cellPlace(cell, run.source)
  if (verdict === 'empty') reportValue(run, dimension, column, '', run.heard(place, row.position, table.position))
  else reportValue(run, dimension, column, text, place)
}

/** A cell’s text (most cells are one text node). */
function cellText(cell: TableCell): string {
  const only = cell.children.length === 1 ? cell.children[0]! : undefined
  return only?.type === 'text' ? only.value : toString(cell)
}

/** The cell’s content; for an empty cell, the space between its pipes. */
function cellPlace(cell: TableCell, source: string): Position | undefined {
  const first = cell.children[0]?.position
  const last = cell.children.at(-1)?.position
  if (first && last) return {start: first.start, end: last.end}
  const place = cell.position
  if (!place) return undefined
  const offset = place.start.offset
  if (offset !== undefined && source[offset] === '|' && place.end.offset !== undefined && place.end.offset > offset) {
    return {start: {line: place.start.line, column: place.start.column + 1, offset: offset + 1}, end: place.end}
  }
  return place
}

// Lists ----------------------------------------------------------------------

interface Field {
  dimension: Dimension
  /** The label as written (`Probability`). */
  label: string
  value: string
  place: Position | undefined
}

function checkList({node, heading}: SectionedList, run: Run): void {
  const {facts, file} = run
  const items = node.children.map((item) => ({item, fields: fieldsOf(item, facts, run)}))
  // The template’s own risk section holds its risk list; elsewhere (`Timeline
  // Risks`) only a list that uses the fields is one.
  const inTemplateSection = heading !== undefined && facts.riskSectionKeys.has(headingKey(heading.text))
  if (!inTemplateSection && !items.some(({fields}) => fields.length > 0)) return

  for (const {item, fields} of items) {
    for (const dimension of facts.listFields) {
      if (fields.some((field) => field.dimension === dimension)) continue
      report(
        file,
        `Unexpected risk without ${article(dimension.name)} ${dimension.name}, expected ${article(dimension.aliases[0] ?? '')} ${alternatives(dimension.aliases)} field (template \`${facts.template.id}\`)`,
        (item.children[0] ?? item).position
      )
    }
    for (const field of fields) {
      const verdict = facts.scale.check(field.value)
      if (verdict === 'on') continue
      if (run.isLeftToPlaceholderRule(field.value, field.place?.start.offset, field.place?.end.offset)) continue
      reportValue(run, field.dimension, field.label, verdict === 'empty' ? '' : field.value, field.place)
    }
  }
}

/**
 * `Label: value` lines of a risk item: later lines of its own paragraphs
 * (its first line names the risk) and the first line of each nested item.
 */
function fieldsOf(item: ListItem, facts: Facts, run: Run): Field[] {
  const fields: Field[] = []
  item.children.forEach((child, index) => {
    if (child.type === 'paragraph') {
      readLines(child, run, index === 0 ? 1 : 0, Number.POSITIVE_INFINITY, facts, fields)
    } else if (child.type === 'list') {
      for (const nested of child.children) {
        const lead = nested.children[0]
        if (lead?.type === 'paragraph') readLines(lead, run, 0, 1, facts, fields)
      }
    }
  })
  return fields
}

function readLines(
  paragraph: Paragraph,
  run: Run,
  skip: number,
  limit: number,
  facts: Facts,
  fields: Field[]
): void {
  const start = paragraph.position?.start.offset
  const end = paragraph.position?.end.offset
  // Without positions (a generated tree) there is nothing to point at, but the
  // fields still count so that no finding is made up.
  const located = start !== undefined && end !== undefined
  const text = located ? run.source.slice(start, end) : toString(paragraph)
  let lineStart = 0
  let lineNumber = 0
  while (lineStart <= text.length && lineNumber < skip + limit) {
    // Lines end at `\n`, `\r\n` or a lone `\r`.
    let lineEnd = lineStart
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++
    if (lineNumber >= skip) {
      const field = readField(text, lineStart, lineEnd, facts)
      if (field) {
        const place = located ? {start: run.pointAt(start + field.from), end: run.pointAt(start + field.to)} : undefined
        fields.push({dimension: field.dimension, label: field.label, value: field.value, place})
      }
    }
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1)
    lineNumber++
  }
}

const markup = new Set(['*', '_', ' ', '\t', '\r'])

/** `**Impact**: High`, `**Impact:** High`, `Impact: High` on one line. */
function readField(
  text: string,
  lineStart: number,
  lineEnd: number,
  facts: Facts
): {dimension: Dimension; label: string; value: string; from: number; to: number} | undefined {
  // Not `indexOf`: on a line without a colon it would search the lines after.
  let colon = lineStart
  while (colon < lineEnd && text[colon] !== ':') colon++
  if (colon === lineEnd) return undefined
  let labelStart = lineStart
  let labelEnd = colon
  while (labelStart < labelEnd && markup.has(text[labelStart]!)) labelStart++
  while (labelEnd > labelStart && markup.has(text[labelEnd - 1]!)) labelEnd--
  const label = text.slice(labelStart, labelEnd)
  const key = labelKey(label)
  const dimension = facts.rated.find((item) => item.keys.has(key))
  if (!dimension) return undefined
  let from = colon + 1
  let to = lineEnd
  while (from < to && markup.has(text[from]!)) from++
  while (to > from && markup.has(text[to - 1]!)) to--
  // An empty value points at the label.
  if (from === to) return {dimension, label, value: '', from: labelStart, to: labelEnd}
  return {dimension, label, value: text.slice(from, to), from, to}
}

// Shared ---------------------------------------------------------------------

function reportValue(
  run: Run,
  dimension: Dimension,
  column: string,
  value: string,
  place: Position | Point | undefined
): void {
  const where = labelKey(column) === dimension.name ? '' : ` in \`${column}\``
  const expected = `expected one of ${run.facts.scale.values.map((item) => '`' + item + '`').join(', ')}`
  const reason =
    value === ''
      ? `Unexpected empty ${dimension.name}${where}, ${expected}`
      : `Unexpected ${dimension.name} \`${shorten(collapseSpaces(value))}\`${where}, ${expected}`
  report(run.file, reason, place)
}

/**
 * Offset from which `remark-message-control` drops messages as being in the
 * gap after the last node: past the start of the last node and the end of
 * the last leaf (an empty table cell has no leaf).
 */
function trailingGapStart(tree: Root): number {
  const end = tree.position?.end.offset
  const last = tree.children.at(-1)
  if (end === undefined || !last) return Number.POSITIVE_INFINITY
  let reached = 0
  const stack: Nodes[] = [last]
  while (stack.length > 0) {
    const node = stack.pop()!
    reached = Math.max(reached, node.position?.start.offset ?? 0)
    if ('children' in node) stack.push(...node.children)
    else reached = Math.max(reached, node.position?.end.offset ?? 0)
  }
  return reached === end ? Number.POSITIVE_INFINITY : reached
}

/** Whether a placeholder (sorted, none overlapping) overlaps `start`–`end`. */
function overlapsAny(placeholders: Placeholder[], start: number, end: number): boolean {
  let low = 0
  let high = placeholders.length
  // First placeholder that ends after `start`.
  while (low < high) {
    const middle = (low + high) >> 1
    if (placeholders[middle]!.end <= start) low = middle + 1
    else high = middle
  }
  const candidate = placeholders[low]
  return candidate !== undefined && candidate.start < end
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}

function alternatives(names: string[]): string {
  const quoted = names.map((name) => '`' + name + '`')
  if (quoted.length <= 1) return quoted.join('')
  return quoted.slice(0, -1).join(', ') + ' or ' + quoted.at(-1)!
}

function shorten(value: string): string {
  return value.length > 60 ? value.slice(0, 57) + '…' : value
}
