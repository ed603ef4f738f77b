import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lint, root} from './helpers.js'
import {defaultRegistry} from '../src/template/registry.js'
import {headingKey} from '../src/template/heading-text.js'

/**
 * Parity with kubernetes/enhancements' structure check
 * (`hack/verify-toc-vs-template.sh`): it lists every heading of the template
 * and of a KEP as a table of contents (`mdtoc`, indented by level), diffs the
 * two, ignores `(Optional)` lines, and reports each template line missing
 * from the KEP; extra headings are allowed. The upstream script needs Go and
 * the repository's history, so this test implements that documented rule
 * independently (no upstream code) and compares it with plan-lint's
 * `required-headings` on KEPs written for the test, restricted to what
 * plan-lint checks: `##`/`###` headings, less the sections `templates/kep.md`
 * declares optional because some template versions lack them.
 */

interface TocLine {
  depth: number
  key: string
  text: string
}

/** Every ATX heading outside fenced code, as the TOC lists it. */
function toc(markdown: string): TocLine[] {
  const lines: TocLine[] = []
  let fence = false
  for (const line of markdown.split('\n')) {
    if (/^ {0,3}(```|~~~)/.test(line)) fence = !fence
    const heading = fence ? undefined : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line)
    if (heading) lines.push({depth: heading[1]!.length, key: headingKey(heading[2]!), text: heading[2]!})
  }
  return lines
}

/** Template TOC lines missing from the KEP's, by a longest-common-subsequence diff; `(Optional)` lines ignored. */
function upstreamMissing(template: string, kep: string): TocLine[] {
  const a = toc(template).slice(1)
  const b = toc(kep).slice(1)
  const same = (x: TocLine, y: TocLine) => x.depth === y.depth && x.key === y.key
  const table = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) table[i]![j] = same(a[i]!, b[j]!) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!)
  const missing: TocLine[] = []
  let i = 0
  let j = 0
  while (i < a.length) {
    if (j < b.length && same(a[i]!, b[j]!)) {
      i++
      j++
    } else if (j < b.length && table[i]![j + 1]! >= table[i + 1]![j]!) j++
    else missing.push(a[i++]!)
  }
  return missing.filter((line) => !/\(optional\)/i.test(line.text))
}

const template = defaultRegistry().get('kep')!
const templateText = readFileSync(path.join(root, 'templates', 'kep.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')
const optionalKeys = new Set(template.sections.filter((section) => section.optional).map((section) => headingKey(section.text)))
const filled = readFileSync(path.join(root, 'fixtures', 'plans', 'kep', 'filled.md'), 'utf8')

/** The KEP with the `##`/`###` sections named removed (heading and body). */
function without(names: string[]): string {
  const lines = filled.split('\n')
  const out: string[] = []
  let skipDepth = 0
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading && skipDepth && heading[1]!.length <= skipDepth) skipDepth = 0
    if (heading && names.includes(heading[2]!.trim())) skipDepth = heading[1]!.length
    if (!skipDepth) out.push(line)
  }
  return out.join('\n')
}

const cases: Array<[string, string[]]> = [
  ['complete', []],
  ['without Drawbacks', ['Drawbacks']],
  ['without Goals and Test Plan', ['Goals', 'Test Plan']],
  ['without an optional section', ['Infrastructure Needed (Optional)']],
  ['without the PRR questionnaire (older template versions)', ['Production Readiness Review Questionnaire']],
  ['without Summary and Implementation History', ['Summary', 'Implementation History']]
]

describe('KEP structure: plan-lint agrees with the upstream rule', () => {
  it.each(cases)('%s', async (_, removed) => {
    const kep = without(removed)
    const upstream = upstreamMissing(templateText, kep)
      .filter((line) => line.depth >= 2 && line.depth <= 3 && !optionalKeys.has(line.key))
      .map((line) => line.key)
      .sort()
    const file = await lint('---\ntemplate: kep\n---\n\n' + kep, {rules: {'required-headings': 'error'}}, 'kep.md')
    const reported = file.messages
      .filter((message) => message.ruleId === 'required-headings')
      .flatMap((message) => {
        // `Unexpected missing sections `## A`, `## B` (template `kep`), expected them after …`: the names before `(template`.
        const names = /missing sections? (.*?) \(template/.exec(String(message.reason))?.[1] ?? ''
        return [...names.matchAll(/`#{2,3} ([^`]+)`/g)].map((match) => headingKey(match[1]!))
      })
      .sort()
    expect(reported).toEqual(upstream)
  })
})
