import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import {contextOf} from '../src/views/context.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {citationsOf, type Citation, type CitedNumber} from '../src/views/citations.js'
import {criteriaOf, type CriteriaView} from '../src/views/criteria.js'
import {detectionOf} from '../src/views/detect.js'
import {siblingOf} from '../src/views/feature-sibling.js'
import {outlineOf} from '../src/views/outline.js'
import {sourcePointsOf} from '../src/views/source-points.js'

/**
 * Citations of acceptance criteria name criteria that exist (front matter
 * `references`): Kiro's `_Requirements: 1.2_` in `tasks.md` and
 * `**Validates: Requirements 1.2**` in `design.md` name a criterion of the
 * `requirements.md` beside them; a BMAD story's `(AC: 2)` names one of its
 * own. With `coverage`, every criterion is cited somewhere in the document.
 */
const remarkPlanLintRequirementReferences = lintRule<Root, undefined>(
  {origin: ruleOrigin('requirement-references'), url: docUrl('requirement-references')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    const format = template?.references
    if (!template || !format) return
    let defined: CriteriaView
    let where: string
    let label: string | undefined
    if (format.source) {
      const sibling = siblingOf(tree, file, format.source.file)
      const criteria = contextOf(file).registry.get(format.source.template)?.criteria
      if (!sibling?.tree || !criteria) return
      defined = criteriaOf(sibling.tree, criteria)
      label = criteria.label
      where = '`' + format.source.file + '`'
    } else {
      if (!template.criteria) return
      defined = criteriaOf(tree, template.criteria)
      label = template.criteria.label
      const heading = defined.requirements[0]?.heading
      where = heading ? '`' + '#'.repeat(heading.depth) + ' ' + heading.text.trim() + '`' : 'the document'
    }
    if (defined.ids.size === 0) return
    const citations = citationsOf(tree, file, format, label)
    if (citations.length === 0) return
    checkKnown(file, tree, defined, where, citations)
    if (format.coverage) checkCoverage(file, tree, defined, where, citations)
  }
)

export default remarkPlanLintRequirementReferences

/** Requirement numbers of a view that groups criteria by requirement. */
function requirementNumbers(view: CriteriaView): number[] {
  return view.requirements.flatMap((requirement) => (requirement.number === undefined ? [] : [requirement.number]))
}

/** Whether a cited id names a criterion (or, where criteria are grouped, a whole requirement). */
function isKnown(view: CriteriaView, id: string): boolean {
  if (view.ids.has(id)) return true
  return !id.includes('.') && requirementNumbers(view).includes(Number(id))
}

/** One finding per unknown id, on its first citation. */
function checkKnown(file: VFile, tree: Root, view: CriteriaView, where: string, citations: Citation[]): void {
  const {pointAt} = sourcePointsOf(tree, file)
  const unknown = new Map<string, {number: CitedNumber; count: number}>()
  for (const citation of citations) {
    for (const number of citation.numbers) {
      const missing = number.ids.filter((id) => !isKnown(view, id))
      if (missing.length === 0) continue
      const key = missing.join(',')
      const seen = unknown.get(key)
      if (seen) seen.count++
      else unknown.set(key, {number, count: 1})
    }
  }
  for (const {number, count} of unknown.values()) {
    const others = count > 1 ? ` (and ${count - 1} more ${count === 2 ? 'citation' : 'citations'})` : ''
    report(file, `Unexpected reference to ${unknownReference(view, number, where)}${others}, expected ${expectation(view, number, where)}`, {
      start: pointAt(number.start),
      end: pointAt(number.end)
    })
  }
}

/** The first id of a cited number that names nothing, and its requirement when the view has them. */
function firstUnknown(view: CriteriaView, number: CitedNumber): {id: string; requirement: number | undefined} {
  const id = number.ids.find((item) => !isKnown(view, item))!
  const requirement = requirementNumbers(view).length > 0 ? Number(id.split('.')[0]) : undefined
  return {id, requirement}
}

/** `acceptance criterion `3.1` (`requirements.md` has no requirement 3)`. */
function unknownReference(view: CriteriaView, number: CitedNumber, where: string): string {
  const {id, requirement} = firstUnknown(view, number)
  if (requirement === undefined) return 'acceptance criterion `' + id + '`'
  const exists = view.requirements.some((item) => item.number === requirement)
  const what = id.includes('.') ? 'acceptance criterion `' + id + '`' : 'requirement `' + id + '`'
  return exists ? what : what + ` (${where} has no requirement ${requirement})`
}

function expectation(view: CriteriaView, number: CitedNumber, where: string): string {
  const {id, requirement} = firstUnknown(view, number)
  if (requirement === undefined) {
    return `one of the acceptance criteria of ${where} (${span(view.requirements.flatMap((item) => item.criteria.map((criterion) => criterion.id)))})`
  }
  const numbers = requirementNumbers(view).map(String)
  const found = view.requirements.find((item) => item.number === requirement)
  if (!found) return id.includes('.') ? `a criterion of ${numbers.length === 1 ? 'requirement' : 'requirements'} ${span(numbers)}` : `one of requirements ${span(numbers)}`
  const ids = found.criteria.map((criterion) => criterion.id)
  if (ids.length === 0) return `a requirement with criteria: requirement ${requirement} of ${where} has none`
  return `one of the criteria of requirement ${requirement} in ${where} (${span(ids)})`
}

/** `1` to `6`, or `1`, `3`, `4` when they are not consecutive. */
function span(ids: string[]): string {
  const last = (id: string): number => Number(id.split('.').at(-1))
  const consecutive = ids.every((id, index) => index === 0 || last(id) === last(ids[index - 1]!) + 1)
  const quoted = ids.map((id) => '`' + id + '`')
  if (ids.length > 2 && consecutive) return quoted[0] + ' to ' + quoted.at(-1)
  return quoted.join(', ')
}

/**
 * Every criterion is cited (a whole requirement cites all of its criteria).
 * One finding for the document, on its title: the fix is one review of the
 * task list against the requirements.
 */
function checkCoverage(file: VFile, tree: Root, view: CriteriaView, where: string, citations: Citation[]): void {
  const cited = new Set<string>()
  for (const citation of citations) for (const number of citation.numbers) for (const id of number.ids) cited.add(id)
  // A task list that cites fewer than half of the requirements is one slice of the feature (a phase, one page): not checked.
  const touched = view.requirements.filter(
    (requirement) => cited.has(String(requirement.number)) || requirement.criteria.some((criterion) => cited.has(criterion.id))
  )
  if (touched.length * 2 < view.requirements.length) return
  const parts: string[] = []
  let count = 0
  let firstId: string | undefined
  for (const requirement of view.requirements) {
    if (requirement.number !== undefined && cited.has(String(requirement.number))) continue
    const uncited = requirement.criteria.filter((criterion) => !cited.has(criterion.id)).map((criterion) => criterion.id)
    if (uncited.length === 0) continue
    count += uncited.length
    firstId ??= uncited[0]
    parts.push(span(uncited))
  }
  if (count === 0) return
  const outline = outlineOf(tree)
  const place = outline.title?.node.position ?? outline.headings[0]?.node.position
  const listed = parts.slice(0, coverageListed).join(', ') + (parts.length > coverageListed ? ', …' : '')
  const example = citations.filter((citation) => citation.numbers.length > 0).sort((a, b) => a.text.length - b.text.length)[0]
  report(
    file,
    `Unexpected ${count === 1 ? 'acceptance criterion' : count + ' acceptance criteria'} of ${where} that no task cites (${listed}), expected a task citing ${count === 1 ? 'it' : 'each'}${citeLike(example, firstId!)}`,
    place
  )
}

/** Requirements whose uncited criteria a coverage finding lists before `…`. */
const coverageListed = 8

/** `` as `_Requirements: 2.3_` ``: the document's own way of citing, with another id. */
function citeLike(example: Citation | undefined, id: string): string {
  if (!example) return ''
  const first = example.numbers[0]!
  const last = example.numbers.at(-1)!
  const text = example.text
  const from = first.start - example.start
  const to = last.end - example.start
  return ' as `' + text.slice(0, from) + id + text.slice(to) + '`'
}
