import type {Root, Table, TableRow} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {lintRule} from 'unified-lint-rule'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import {detectionOf} from '../src/views/detect.js'
import {headingKey} from '../src/template/heading-text.js'
import {lazySchema, type ZodApi} from '../src/support/lazy.js'
import {trailingGapStart} from '../src/pipeline/message-control.js'
import {ruleSettings} from '../src/pipeline/options.js'
import type {OutlineHeading} from '../src/views/outline.js'
import {findUnresolvedChoices, overlapsAny, placeholdersOf, type Placeholder} from '../src/views/placeholders.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {riskFactsOf, type Dimension, type RiskFacts} from '../src/template/risk-facts.js'
import type {Scale} from '../src/template/risk-scale.js'
import {collapseSpaces, labelKey} from '../src/support/text.js'
import {cellPlace, cellText, riskFieldsOf} from '../src/views/risk-fields.js'
import {riskBlocksOf, type SectionedList} from '../src/views/risk-tables.js'
import {sourcePointsOf, type SourcePoints} from '../src/views/source-points.js'

/**
 * Risk tables have a likelihood and an impact column (names from the
 * template, plus the user’s aliases), and every row rates both on the scale.
 * Numbered risk lists of templates that use them have the template’s fields,
 * each rated on the scale.
 */

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
    const facts = riskFactsOf(template, settingsOf(options))
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

/** One run of the rule over one file. */
interface Run {
  facts: RiskFacts
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

/** Options as validated by the preset, or validated here when the rule is used on its own; none need no zod. */
const settingsOf = ruleSettings(riskTableColumnsOptionsSchema, 'risk-table-columns', (options): Settings => options, {})

// Tables ---------------------------------------------------------------------

function checkTable(table: Table, inRiskSection: boolean, run: Run): void {
  const {facts, file} = run
  const [header, ...rows] = table.children
  if (!header) return
  const keys = header.children.map((cell) => labelKey(toString(cell)))

  if (!inRiskSection) {
    // Outside a risk section, a table is about risks when a column names them
    // and its rows are risks: the column leads (after an id column, if any),
    // and holds more than ratings (a threat model’s `Risk` level). A `Risk`
    // column further right says what each row (package, option, step) risks.
    const lead = idColumn.test(keys[0] ?? '') ? 1 : 0
    const riskColumns = keys.flatMap((key, index) => (index <= lead && facts.riskColumnKeys.has(key) ? [index] : []))
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

/** Headers of a column that numbers rows: `#`, `ID`, `No.`, `Nr.`. */
const idColumn = /^(?:#|id|no|nr|n°|number|ref)$/

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

// Lists ----------------------------------------------------------------------

function checkList({node, heading}: SectionedList, run: Run): void {
  const {facts, file} = run
  const items = node.children.map((item) => ({item, fields: riskFieldsOf(item, facts.rated, run)}))
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

// Shared ---------------------------------------------------------------------

function reportValue(
  run: Run,
  dimension: Dimension,
  column: string,
  value: string,
  place: Position | Point | undefined
): void {
  const where = labelKey(column) === dimension.name ? '' : ` in \`${column}\``
  const expected = `expected one of ${run.facts.scale.values.map((item) => '`' + item + '`').join(', ')} (${run.facts.scaleSource})`
  const reason =
    value === ''
      ? `Unexpected empty ${dimension.name}${where}, ${expected}`
      : `Unexpected ${dimension.name} \`${shorten(collapseSpaces(value))}\`${where}, ${expected}`
  report(run.file, reason, place)
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
