import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import type {z} from 'zod'
import {detectionOf} from '../src/views/detect.js'
import {lazySchema} from '../src/support/lazy.js'
import {ruleSettings} from '../src/pipeline/options.js'
import {
  defaultMarkers,
  defaultPlaceholderSettings,
  placeholdersOf,
  type Placeholder,
  type PlaceholderSettings
} from '../src/views/placeholders.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'

/**
 * No placeholder left in a plan: `[bracketed text]` that is not Markdown
 * syntax, link text copied from the template’s placeholders, unresolved
 * template choices (`Low/Med/High`), marker words (`TBD`) and generic shapes
 * (`YYYY-MM-DD`, `X days`). Code is skipped unless `code` is on.
 */

const regExpString = /^\/(.+)\/([dgimsuvy]*)$/s

export const noPlaceholdersOptionsSchema = lazySchema((z) =>
  z
  .object(
    {
      markers: z
        .array(z.string({error: 'a word such as `"TBD"`'}).trim().min(1, {error: 'a non-empty word such as `"TBD"`'}), {
          error: 'an array of words such as `["TBD", "TODO"]`'
        })
        .optional(),
      allow: z
        .array(
          z.string({error: 'a string, or a regular expression written `"/…/flags"`'}).refine((value) => isValidAllowItem(value), {
            error: 'a valid regular expression written `"/…/flags"`, such as `"/^\\\\[US\\\\d+\\\\]$/"`'
          }),
          {error: 'an array of strings and regular expressions written `"/…/flags"`, such as `["[P]", "/^\\\\[US\\\\d+\\\\]$/"]`'}
        )
        .optional(),
      code: z.boolean({error: 'a boolean'}).optional()
    },
    {error: 'an options object such as `{"allow": ["[P]"]}`'}
  )
  .strict()
)

export type NoPlaceholdersOptions = z.input<ReturnType<typeof noPlaceholdersOptionsSchema>>

/** Options validated and compiled once per options object. */
const settingsOf = ruleSettings(noPlaceholdersOptionsSchema, '', compile, defaultPlaceholderSettings)

function compile(options: z.output<ReturnType<typeof noPlaceholdersOptionsSchema>>): PlaceholderSettings {
  if (options.markers === undefined && options.allow === undefined && options.code === undefined) {
    return defaultPlaceholderSettings
  }
  return {
    markers: options.markers ?? defaultMarkers,
    allow: (options.allow ?? []).map((item) => toAllowItem(item)),
    code: options.code ?? false
  }
}

function isValidAllowItem(value: string): boolean {
  try {
    toAllowItem(value)
    return true
  } catch {
    return false
  }
}

/** `"/…/flags"` is a regular expression; any other string is matched as is. */
function toAllowItem(value: string): string | RegExp {
  const match = regExpString.exec(value)
  if (!match) return value
  return new RegExp(match[1]!, match[2]!.replace('g', '').replace('y', ''))
}

const remarkPlanLintNoPlaceholders = lintRule<Root, NoPlaceholdersOptions | undefined>(
  {origin: ruleOrigin('no-placeholders'), url: docUrl('no-placeholders')},
  function (tree, file, options) {
    const settings = settingsOf(options)
    const {template} = detectionOf(tree, file)
    if (!template) return
    const {source, pointAt} = sourcePointsOf(tree, file)
    const view = placeholdersOf(tree, source, template, settings)
    const inTable = new Set(view.sampleTables.flatMap((table) => table.placeholders))
    const findings: Array<{start: number; end: number; reason: string}> = view.sampleTables.map((table) => ({
      start: table.start,
      end: table.end,
      reason: tableReason(table.placeholders)
    }))
    for (const placeholder of [...view.placeholders, ...view.residue]) {
      if (!inTable.has(placeholder)) findings.push({start: placeholder.start, end: placeholder.end, reason: reasonFor(placeholder)})
    }
    for (const {start, end, reason} of findings.sort((a, b) => a.start - b.start)) {
      report(file, reason, {start: pointAt(start), end: pointAt(end)})
    }
  }
)

export default remarkPlanLintNoPlaceholders

function reasonFor(placeholder: Placeholder): string {
  const value = '`' + shown(placeholder.value) + '`'
  switch (placeholder.kind) {
    case 'choice': {
      const alternatives = placeholder.alternatives.map((alternative) => '`' + alternative + '`').join(', ')
      return `Unexpected unresolved choice ${value}, expected one of ${alternatives}`
    }
    case 'question':
      return `Unexpected open question \`${shown(placeholder.alternatives[1] ?? '')}\` (\`${placeholder.alternatives[0] ?? ''}\`), expected the answer in place of the brackets`
    case 'code-residue':
    {
      const others = placeholder.alternatives.length - 1
      const more = others > 0 ? ` and ${String(others)} more line${others === 1 ? '' : 's'} like it` : ''
      return `Unexpected template text ${value}${more} in a code block, expected it removed (keep only what the plan uses)`
    }
    case 'marker':
      return `Unexpected marker ${value}, expected the decision or the missing text`
    case 'link-text':
      return `Unexpected placeholder link text ${value}, expected the title of what it links to`
    case 'date':
      return `Unexpected placeholder ${value}, expected the date`
    case 'duration':
      return `Unexpected placeholder ${value}, expected the estimate`
    case 'bracket':
      return `Unexpected placeholder ${value}, expected the real value`
  }
}

/** One finding for a sample table: its placeholders are one cause. */
function tableReason(placeholders: Placeholder[]): string {
  const first = '`' + shown(placeholders[0]!.value) + '`'
  const more = placeholders.length - 1
  return `Unexpected sample table with only placeholders in its rows (${first} and ${more} more), expected the plan’s own rows or the table removed`
}

const longest = 60

/** The placeholder on one line, shortened when long. */
function shown(value: string): string {
  const text = value.replace(/\s+/g, ' ')
  if (text.length <= longest) return text
  return text.slice(0, longest - 2).trimEnd() + '…' + (text.endsWith(']') ? ']' : '')
}
