import {distance} from 'fastest-levenshtein'
import {displayText, headingKey, leadingNumbering} from './heading-text.js'
import {clusterBySimilarity} from './outline-clusters.js'

/**
 * Learn templates from a team's plans (`plan-lint init`): group the plans by
 * their section outline, then take each group's consensus (title pattern,
 * sections in order with levels and parents, required or optional, numbered
 * groups, risk-table columns). Works on plain outlines, so it knows nothing
 * of files or of the CLI.
 */

/** What `init` reads from one Markdown file. */
export interface PlanOutline {
  /** How the file is shown (relative, `/`-separated). */
  path: string
  /** Text of the first H1, if any. */
  title: string | undefined
  /** Root-level headings after the title, in order (H1 to H6). */
  headings: Array<{text: string; depth: number}>
  /** Header cells of the plan's first risk table, and the heading of its section. */
  riskTable: {columns: string[]; section: string | undefined} | undefined
}

export interface LearnOptions {
  /** Share (0–1) of a group's plans that must have a section for it to be required. */
  minShare: number
  /** Fewest plans that make a group. */
  minGroup: number
}

export interface LearnedSection {
  /** Heading text to write (`Risk Assessment`, `Task 1: [Name]`). */
  text: string
  /** Numbering most plans give it (`1. `), or an empty string. */
  numbering: string
  depth: 2 | 3
  /** Plans that have it, and the plans that could (those with its parent). */
  count: number
  of: number
  required: boolean
  /** A numbered group (`Task 1`, `Task 2`, … → `Task 1: [Name]`). */
  repeated: boolean
  children: LearnedSection[]
}

export interface LearnedRisks {
  /** The shared risk-table columns, in order. */
  columns: string[]
  likelihood: string
  impact: string
  /** Heading of the section that holds the table in most plans. */
  section: string | undefined
}

export interface LearnedTemplate {
  /** The plans of the group, in input order. */
  files: string[]
  /** H1 pattern (`TIP: [Title]`), or `undefined` when too few plans have a title. */
  title: string | undefined
  /** The literal part of the title the id can come from (`TIP`), or an empty string. */
  titleStem: string
  sections: LearnedSection[]
  risks: LearnedRisks | undefined
  /** Headings recognised as the same section, as `[kept, merged]` keys. */
  merged: Array<[string, string]>
}

export interface Outlier {
  path: string
  reason: string
}

export interface LearnResult {
  templates: LearnedTemplate[]
  outliers: Outlier[]
}

/** Two plans are of one format when their outlines are at least this similar (see `similarity` in `outline-clusters.ts`). */
export const sameFormatSimilarity = 0.5
/** H3 headings vary more from plan to plan than H2 headings: they weigh less in the comparison. */
const subsectionWeight = 0.25

/** One heading of a plan, keyed for comparison. */
interface Heading {
  depth: 2 | 3
  /** `headingKey`, or `<prefix>#` for a numbered group. */
  token: string
  /** Token of its H2 (for an H3), else an empty string. */
  parent: string
  text: string
  /** The heading as written, for the group's text. */
  raw: string
  position: number
}

interface Plan {
  outline: PlanOutline
  headings: Heading[]
  features: Map<string, number>
}

export function learnTemplates(outlines: PlanOutline[], options: LearnOptions): LearnResult {
  const outliers: Outlier[] = []
  const groupPrefixes = numberedGroupPrefixes(outlines)
  const plans: Plan[] = []
  for (const outline of outlines) {
    const headings = sectionHeadings(outline, groupPrefixes)
    if (headings.filter((heading) => heading.depth === 2).length < 2) {
      outliers.push({path: outline.path, reason: 'fewer than two `##` sections'})
      continue
    }
    plans.push({outline, headings, features: featuresOf(headings)})
  }

  const templates: LearnedTemplate[] = []
  for (const cluster of clusterBySimilarity(plans, (plan) => plan.features, sameFormatSimilarity)) {
    if (cluster.length < options.minGroup) {
      for (const plan of cluster) {
        outliers.push({
          path: plan.outline.path,
          reason:
            cluster.length === 1
              ? 'its sections match no other plan'
              : `its format is shared by ${cluster.length} plans, fewer than ${options.minGroup}`
        })
      }
      continue
    }
    templates.push(consensus(cluster, options))
  }
  templates.sort((left, right) => right.files.length - left.files.length)
  const order = new Map(outlines.map((outline, index) => [outline.path, index]))
  outliers.sort((left, right) => (order.get(left.path) ?? 0) - (order.get(right.path) ?? 0))
  return {templates, outliers}
}

// Numbered groups --------------------------------------------------------------------------------

/** `task 1: parse input` → prefix `task `, as the template model reads `Task 1: [Name]`. */
const numberedHeading = /^(.*?[^\d\s] )(\d+)(?=$|[\s:.\-–—)])/

/**
 * Prefixes (per level) that some plan numbers at least twice (`Task 1`,
 * `Task 2`): those headings are one repeated group in every plan. A lone
 * `Top 10 risks` is an ordinary heading.
 */
function numberedGroupPrefixes(outlines: PlanOutline[]): Set<string> {
  const prefixes = new Set<string>()
  for (const outline of outlines) {
    const numbers = new Map<string, Set<string>>()
    for (const heading of outline.headings) {
      const match = numberedHeading.exec(headingKey(heading.text))
      if (!match) continue
      const id = `${heading.depth}|${match[1]!}`
      const seen = numbers.get(id) ?? new Set<string>()
      seen.add(match[2]!)
      numbers.set(id, seen)
      if (seen.size >= 2) prefixes.add(id)
    }
  }
  return prefixes
}

/** The H2 and H3 sections of a plan (the levels a template checks), keyed. */
function sectionHeadings(outline: PlanOutline, groupPrefixes: Set<string>): Heading[] {
  const headings: Heading[] = []
  let parent = ''
  let position = 0
  for (const heading of outline.headings) {
    if (heading.depth <= 1) {
      parent = ''
      continue
    }
    if (heading.depth > 3) continue
    const depth = heading.depth as 2 | 3
    const key = headingKey(heading.text)
    if (key === '') continue
    const match = numberedHeading.exec(key)
    const token = match && groupPrefixes.has(`${depth}|${match[1]!}`) ? match[1]! + '#' : key
    if (depth === 2) {
      parent = token
    } else if (parent === '') {
      // An H3 before any H2 cannot be placed in a template (it would nest under the next H2).
      continue
    }
    headings.push({depth, token, parent: depth === 3 ? parent : '', text: displayText(heading.text), raw: heading.text.trim(), position: position++})
  }
  return headings
}

function identity(heading: {depth: number; token: string; parent: string}): string {
  return heading.depth === 2 ? heading.token : heading.parent + '\u0000' + heading.token
}

/** What grouping compares: each section once, plurals read as singular (`Risk` and `Risks` are one format). */
function featuresOf(headings: Heading[]): Map<string, number> {
  const features = new Map<string, number>()
  for (const heading of headings) {
    const loose = identity({depth: heading.depth, token: singularWords(heading.token), parent: singularWords(heading.parent)})
    features.set(loose, heading.depth === 2 ? 1 : subsectionWeight)
  }
  return features
}

// Consensus --------------------------------------------------------------------------------------

interface Candidate {
  depth: 2 | 3
  token: string
  parent: string
  /** Plans (by index in the group) that have it, with its first position there. */
  positions: Map<number, number>
  headings: Heading[]
}

function consensus(plans: Plan[], options: LearnOptions): LearnedTemplate {
  const merged = mergeNearIdentical(plans)
  const candidates = new Map<string, Candidate>()
  plans.forEach((plan, index) => {
    for (const heading of plan.headings) {
      const key = identity(heading)
      let candidate = candidates.get(key)
      if (!candidate) {
        candidate = {depth: heading.depth, token: heading.token, parent: heading.parent, positions: new Map(), headings: []}
        candidates.set(key, candidate)
      }
      if (!candidate.positions.has(index)) candidate.positions.set(index, heading.position)
      candidate.headings.push(heading)
    }
  })

  const all = [...candidates.values()]
  const sections: LearnedSection[] = []
  const topLevel = ordered(all.filter((candidate) => candidate.depth === 2 && candidate.positions.size >= 2))
  for (const top of topLevel) {
    const section = learnedSection(top, plans.length, options)
    const children = ordered(
      all.filter((candidate) => candidate.depth === 3 && candidate.parent === top.token && candidate.positions.size >= 2)
    )
    section.children = children.map((child) => learnedSection(child, top.positions.size, options))
    sections.push(section)
  }

  return {
    files: plans.map((plan) => plan.outline.path),
    ...titleOf(plans, options),
    sections,
    risks: risksOf(plans, options),
    merged
  }
}

function learnedSection(candidate: Candidate, of: number, options: LearnOptions): LearnedSection {
  const count = candidate.positions.size
  const repeated = candidate.token.endsWith('#')
  return {
    text: repeated ? groupText(candidate.headings) : mostCommon(candidate.headings.map((heading) => heading.text)),
    numbering: numberingOf(candidate.headings),
    depth: candidate.depth,
    count,
    of,
    required: count / of >= options.minShare,
    repeated,
    children: []
  }
}

/**
 * Sections in the order most plans give them: each is ranked by how many
 * others it comes before, summed over the plans that have both (a Copeland
 * count), ties by first appearance.
 */
function ordered(candidates: Candidate[]): Candidate[] {
  const score = new Map<Candidate, number>()
  const first = new Map<Candidate, number>()
  for (const candidate of candidates) {
    let wins = 0
    for (const other of candidates) {
      if (other === candidate) continue
      let before = 0
      let after = 0
      for (const [plan, position] of candidate.positions) {
        const otherPosition = other.positions.get(plan)
        if (otherPosition === undefined) continue
        if (position < otherPosition) before++
        else after++
      }
      if (before > after) wins++
      else if (before < after) wins--
    }
    score.set(candidate, wins)
    first.set(candidate, Math.min(...candidate.headings.map((heading) => heading.position)))
  }
  return [...candidates].sort((a, b) => score.get(b)! - score.get(a)! || first.get(a)! - first.get(b)!)
}

/** `Task 1: [Name]` when most plans name their numbered sections, else `Phase 1`. */
function groupText(headings: Heading[]): string {
  const parts = headings.map((heading) => numberedParts(heading.text))
  const named = parts.filter((part) => part.tail !== '')
  const prefix = mostCommon(parts.map((part) => part.prefix))
  if (named.length * 2 < parts.length) return prefix + '1'
  const separator = mostCommon(named.map((part) => part.separator))
  return prefix + '1' + (separator === '' ? ' ' : separator + ' ') + '[Name]'
}

/** `Task 12: Add route` → prefix `Task `, separator `:`, tail `Add route` (as `numberedHeading` reads the key). */
function numberedParts(text: string): {prefix: string; separator: string; tail: string} {
  const match = /^(.*?[^\d\s] )(\d+)\s*([:.\-–—]?)\s*(.*)$/.exec(text)
  if (!match) return {prefix: text + ' ', separator: '', tail: ''}
  return {prefix: match[1]!, separator: match[3]!, tail: match[4]!}
}

function numberingOf(headings: Heading[]): string {
  const numberings = headings.map((heading) => leadingNumbering(heading.raw))
  // Keep the plans' own numbering only where it never changes (`## 1. Context` in every plan).
  const [firstNumbering] = numberings
  return firstNumbering !== undefined && numberings.every((value) => value === firstNumbering) ? firstNumbering : ''
}

// Near-identical headings -------------------------------------------------------------------------

/** `dependencies` and `dependency`, `risks` and `risk`. */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y'
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

function singularWords(key: string): string {
  return key.split(' ').map((word) => singular(word)).join(' ')
}

/**
 * The same heading spelt another way: the same words up to plural `s`, or
 * within the edit distance `required-headings` reads as a typo (a fifth of
 * the length). A heading with added words (`Context` and `Domain Context`)
 * is another section: see the README.
 */
export function isNearIdentical(left: string, right: string): boolean {
  if (left === right) return true
  if (left.endsWith('#') || right.endsWith('#')) return false
  if (singularWords(left) === singularWords(right)) return true
  const limit = Math.floor(Math.max(left.length, right.length) * 0.2)
  return limit >= 1 && Math.abs(left.length - right.length) <= limit && distance(left, right) <= limit
}

/**
 * Rewrite the group's headings so that near-identical spellings of one
 * section share a token: the spelling more plans use wins. Two spellings
 * that one plan uses side by side are two sections.
 */
function mergeNearIdentical(plans: Plan[]): Array<[string, string]> {
  const merged: Array<[string, string]> = []
  for (const depth of [2, 3] as const) {
    const byParent = new Map<string, Map<string, Set<number>>>()
    plans.forEach((plan, index) => {
      for (const heading of plan.headings) {
        if (heading.depth !== depth) continue
        const tokens = byParent.get(heading.parent) ?? new Map<string, Set<number>>()
        const owners = tokens.get(heading.token) ?? new Set<number>()
        owners.add(index)
        tokens.set(heading.token, owners)
        byParent.set(heading.parent, tokens)
      }
    })
    const rename = new Map<string, string>()
    for (const [parent, tokens] of byParent) {
      const byCount = [...tokens].sort((a, b) => b[1].size - a[1].size)
      const kept: Array<{token: string; owners: Set<number>}> = []
      for (const [token, owners] of byCount) {
        const into = kept.find(
          (entry) => isNearIdentical(entry.token, token) && ![...owners].some((owner) => entry.owners.has(owner))
        )
        if (into) {
          for (const owner of owners) into.owners.add(owner)
          rename.set(parent + '\u0000' + token, into.token)
          merged.push([into.token, token])
        } else if (owners.size >= 2) {
          // Only a spelling two plans share can take others in: one that a single plan uses is left out anyway.
          kept.push({token, owners: new Set(owners)})
        }
      }
    }
    if (rename.size === 0) continue
    for (const plan of plans) {
      let parent = ''
      for (const heading of plan.headings) {
        if (heading.depth === depth) heading.token = rename.get(heading.parent + '\u0000' + heading.token) ?? heading.token
        // An H3 follows its H2's new name.
        if (heading.depth === 2) parent = heading.token
        else heading.parent = parent
      }
    }
  }
  return merged
}

// Title ------------------------------------------------------------------------------------------

/**
 * The H1 pattern: the words every title starts with (`TIP: [Title]`), else
 * the words they all end with (`[Title] Design Doc`), else a wildcard. A
 * group where fewer than `minShare` of the plans have a title gets no H1.
 */
function titleOf(plans: Plan[], options: LearnOptions): {title: string | undefined; titleStem: string} {
  const titles = plans.map((plan) => plan.outline.title).filter((title): title is string => title !== undefined && displayText(title) !== '')
  if (titles.length === 0 || titles.length / plans.length < options.minShare) return {title: undefined, titleStem: ''}
  const words = titles.map((title) => displayText(title).split(' '))
  const same = (index: (list: string[]) => string | undefined) => {
    const first = index(words[0]!)
    return first !== undefined && words.every((list) => index(list)?.toLowerCase() === first.toLowerCase())
  }
  let prefix = 0
  while (same((list) => list[prefix])) prefix++
  const shortest = Math.min(...words.map((list) => list.length))
  if (prefix >= shortest && words.every((list) => list.length === shortest)) {
    const text = words[0]!.join(' ')
    return {title: text, titleStem: text}
  }
  if (prefix > 0) {
    const stem = words[0]!.slice(0, Math.min(prefix, shortest - 1)).join(' ')
    if (stem !== '') return {title: stem + ' [Title]', titleStem: stem}
  }
  let suffix = 0
  while (same((list) => list[list.length - 1 - suffix])) suffix++
  if (suffix > 0) {
    const stem = words[0]!.slice(Math.max(words[0]!.length - Math.min(suffix, shortest - 1), 0)).join(' ')
    if (stem !== '') return {title: '[Title] ' + stem, titleStem: stem}
  }
  return {title: '[Title]', titleStem: ''}
}

// Risks ------------------------------------------------------------------------------------------

const likelihoodColumn = /likelihood|probability|chance|wahrsch|eintritt/i
const impactColumn = /impact|severity|auswirkung|schaden|tragweite/i

/**
 * The risk-table columns the group shares: those in at least `minShare` of
 * the plans' risk tables, when at least `minShare` of the plans have one and
 * the shared columns name a likelihood and an impact.
 */
function risksOf(plans: Plan[], options: LearnOptions): LearnedRisks | undefined {
  const tables = plans.map((plan) => plan.outline.riskTable).filter((table) => table !== undefined)
  if (tables.length < 2 || tables.length / plans.length < options.minShare) return undefined
  const byKey = new Map<string, {names: string[]; positions: number[]}>()
  for (const table of tables) {
    const seen = new Set<string>()
    table.columns.forEach((column, position) => {
      const name = displayText(column)
      const key = name.toLowerCase()
      if (key === '' || seen.has(key)) return
      seen.add(key)
      const entry = byKey.get(key) ?? {names: [], positions: []}
      entry.names.push(name)
      entry.positions.push(position)
      byKey.set(key, entry)
    })
  }
  const columns = [...byKey.values()]
    .filter((entry) => entry.names.length / tables.length >= options.minShare)
    .sort((a, b) => median(a.positions) - median(b.positions))
    .map((entry) => mostCommon(entry.names))
  const likelihood = columns.find((column) => likelihoodColumn.test(column))
  const impact = columns.find((column) => impactColumn.test(column) && column !== likelihood)
  if (likelihood === undefined || impact === undefined) return undefined
  const sections = tables.map((table) => table.section).filter((section) => section !== undefined)
  return {columns, likelihood, impact, section: sections.length > 0 ? mostCommon(sections.map((section) => displayText(section))) : undefined}
}

// Helpers ----------------------------------------------------------------------------------------

/** The most frequent value; ties go to the one seen first. */
function mostCommon(values: string[]): string {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  let best = values[0] ?? ''
  for (const [value, count] of counts) if (count > (counts.get(best) ?? 0)) best = value
  return best
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}
