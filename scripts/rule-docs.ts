/**
 * Keeps the examples in `rules/<rule-id>.md` true: the part between
 * `<!-- examples:start -->` and `<!-- examples:end -->` is generated from the
 * rule’s fixtures and their expected reports.
 *
 * `npm run docs` rewrites it; the docs test fails when it is out of date.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ruleIds, ruleMetas} from '../src/pipeline/rule-meta.js'
import {ruleFixtures, type Fixture} from '../test/fixtures.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const start = '<!-- examples:start -->'
const end = '<!-- examples:end -->'
/** Fixtures longer than this are linked, not shown. */
const maximumLines = 45

export function ruleDocPath(ruleId: string): string {
  return path.join(root, 'rules', ruleId + '.md')
}

/** The doc with its examples section regenerated. */
export function renderRuleDoc(ruleId: string): string {
  const doc = readFileSync(ruleDocPath(ruleId), 'utf8')
  const from = doc.indexOf(start)
  const to = doc.indexOf(end)
  if (from === -1 || to === -1) throw new Error(`rules/${ruleId}.md lacks ${start} … ${end}`)
  // ok examples first, then not ok.
  const fixtures = ruleFixtures(ruleId).sort((a, b) => Number(b.name.startsWith('ok')) - Number(a.name.startsWith('ok')))
  const examples = fixtures.map((fixture) => renderExample(fixture)).join('\n')
  return doc.slice(0, from + start.length) + '\n\n' + examples + '\n' + doc.slice(to)
}

function renderExample(fixture: Fixture): string {
  const link = path.relative(path.join(root, 'rules'), fixture.file).split(path.sep).join('/')
  const kind = fixture.name.startsWith('ok') ? 'ok' : 'not ok'
  const lines = [`### ${kind}: [\`${fixture.name}.md\`](${link})`, '']
  const optionKeys = Object.keys(fixture.options)
  if (optionKeys.length > 0) {
    lines.push('With options:', '', fence('json', JSON.stringify(fixture.options)), '')
  }
  const value = fixture.value.replace(/\n$/, '')
  if (value.split('\n').length <= maximumLines) {
    lines.push(fence('markdown', value), '')
  } else {
    lines.push(`(${value.split('\n').length} lines: see the file.)`, '')
  }
  if (fixture.expected.length === 0) {
    lines.push('No messages.', '')
  } else {
    lines.push(fence('text', fixture.expected.join('\n')), '')
  }
  return lines.join('\n')
}

function fence(lang: string, value: string): string {
  const longest = Math.max(2, ...(value.match(/`+/g) ?? []).map((run) => run.length))
  const marker = '`'.repeat(longest + 1)
  return `${marker}${lang}\n${value}\n${marker}`
}

export const readmePath = path.join(root, 'README.md')

/** The README with its rules table regenerated from the rule metadata. */
export function renderReadme(): string {
  const readme = readFileSync(readmePath, 'utf8')
  const from = readme.indexOf(rulesStart)
  const to = readme.indexOf(rulesEnd)
  if (from === -1 || to === -1) throw new Error(`README.md lacks ${rulesStart} … ${rulesEnd}`)
  const rows = ruleMetas.map(
    (meta) => `| [\`${meta.id}\`](rules/${meta.id}.md) | ${meta.defaultSeverity} | ${meta.description} |`
  )
  const table = ['| rule | default | what it checks |', '| --- | --- | --- |', ...rows].join('\n')
  return readme.slice(0, from + rulesStart.length) + '\n\n' + table + '\n\n' + readme.slice(to)
}

const rulesStart = '<!-- rules:start -->'
const rulesEnd = '<!-- rules:end -->'

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const ruleId of ruleIds) {
    writeFileSync(ruleDocPath(ruleId), renderRuleDoc(ruleId))
  }
  writeFileSync(readmePath, renderReadme())
}
