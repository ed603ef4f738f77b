import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {packageVersion} from '../../support/package-root.js'
import {pageScript, pageStyle} from './html-assets.js'
import {checkIdOf, countsOf, levelOf, rangeOf, relativePath, shownMessages, type FormatOptions} from './shared.js'

/** One file of the report, as its row shows it. */
interface PlanRow {
  path: string
  /** Template id; `undefined` when the file follows none. */
  template: string | undefined
  /** Where the plan stands, when the preset records it; blank otherwise. */
  status: string
  /** Share of the template's required sections found (0–1), when it follows one. */
  coverage: number | undefined
  errors: number
  warnings: number
  findings: VFileMessage[]
}

/**
 * `--format html`: one self-contained page (inline style and script, nothing
 * loaded) with a row per file: template, status, share of required sections
 * present, errors, warnings and the findings; sortable columns and a filter.
 * Built as a hast tree, so hast-util-to-html does all the escaping.
 */
export function toHtmlPage(files: VFile[], options: FormatOptions): string {
  const rows = files
    .map((file) => rowOf(file, options))
    .sort((a, b) => a.path.localeCompare(b.path))
  const errors = rows.reduce((sum, row) => sum + row.errors, 0)
  const warnings = rows.reduce((sum, row) => sum + row.warnings, 0)
  const plans = rows.filter((row) => row.template !== undefined).length
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: 'en'}, [
        h('head', [
          h('meta', {charset: 'utf-8'}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('title', 'plan-lint report'),
          h('style', pageStyle)
        ]),
        h('body', [
          h('main', [
            h('h1', 'plan-lint report'),
            h(
              'p.summary',
              `${count(rows.length, 'file')}, ${count(plans, 'plan')} following a template; ` +
                `${count(errors, 'error')}, ${count(warnings, 'warning')}. plan-lint ${packageVersion()}.`
            ),
            h('div.controls', [
              h('label', {for: 'filter'}, 'Filter'),
              h('input#filter', {type: 'search', placeholder: 'path, template, rule or text', autocomplete: 'off'})
            ]),
            h('p#shown.shown', {role: 'status', ariaLive: 'polite'}, `Showing ${rows.length} of ${rows.length} files`),
            table(rows)
          ]),
          h('script', pageScript)
        ])
      ])
    ]
  }
  return toHtml(tree) + '\n'
}

function rowOf(file: VFile, options: FormatOptions): PlanRow {
  // In reading order, as the stylish report lists them.
  const findings = shownMessages(file, options).sort((a, b) => {
    const [x, y] = [rangeOf(a), rangeOf(b)]
    return x.line - y.line || x.column - y.column
  })
  const detected = file.data.planLintTemplate
  const template = detected?.id
  return {
    path: relativePath(file, options.cwd),
    template,
    status: file.data.planLintStatus?.value ?? '',
    coverage: template === undefined ? undefined : detected!.coverage,
    ...countsOf(findings),
    findings
  }
}

const columns = [
  {label: 'Plan', type: 'text'},
  {label: 'Template', type: 'text'},
  {label: 'Status', type: 'text'},
  {label: 'Sections present', type: 'number'},
  {label: 'Errors', type: 'number'},
  {label: 'Warnings', type: 'number'}
] as const

function table(rows: PlanRow[]) {
  return h('table#plans', [
    h('caption', 'Plans, one row per file: click a column header to sort'),
    h('thead', [
      h('tr', [
        ...columns.map((column, index) =>
          h(
            'th',
            {scope: 'col', dataType: column.type, ...(index === 0 ? {ariaSort: 'ascending'} : {})},
            h('button', {type: 'button'}, column.label)
          )
        ),
        h('th', {scope: 'col'}, 'Findings')
      ])
    ]),
    h('tbody', rows.map(row))
  ])
}

function row(plan: PlanRow) {
  const percent = plan.coverage === undefined ? undefined : Math.round(plan.coverage * 100)
  return h('tr', [
    h('th', {scope: 'row'}, breakable(plan.path)),
    h('td.template', plan.template ?? 'none'),
    h('td.status', plan.status),
    h(
      'td',
      {dataSort: plan.coverage === undefined ? '-1' : String(plan.coverage)},
      percent === undefined
        ? []
        : h('span.coverage', [
            h('span.bar', {className: percent < 100 ? ['low'] : [], ariaHidden: 'true'}, h('span', {style: `width: ${percent}%`})),
            `${percent}%`
          ])
    ),
    h('td.number', {className: plan.errors > 0 ? ['errors-some'] : []}, String(plan.errors)),
    h('td.number', {className: plan.warnings > 0 ? ['warnings-some'] : []}, String(plan.warnings)),
    h('td', plan.findings.length === 0 ? [] : h('ul.findings', plan.findings.map(finding)))
  ])
}

function finding(message: VFileMessage): ElementContent {
  const range = rangeOf(message)
  const level = levelOf(message)
  const check = checkIdOf(message)
  return h('li', [
    h(`span.level-${level}`, level),
    ' ',
    h('span.place', `${range.line}:${range.column}`),
    ' ',
    message.reason,
    ' (',
    message.url ? h('a', {href: message.url}, check) : check,
    ')'
  ])
}

/** A path that may wrap after each `/` and nowhere else. */
function breakable(path: string): ElementContent[] {
  return path.split('/').flatMap((part, index) => (index === 0 ? [{type: 'text', value: part}] : [h('wbr'), {type: 'text', value: '/' + part}]))
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`
}
