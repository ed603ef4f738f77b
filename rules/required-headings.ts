import type {Root} from 'mdast'
import {distance} from 'fastest-levenshtein'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import {detectionOf, isLooseMatch, titleShape, type Detection} from '../src/views/detect.js'
import {headingKey, leadingNumbering} from '../src/template/heading-text.js'
import {outlineOf, sectionEnd, type Outline, type OutlineHeading} from '../src/views/outline.js'
import {report} from '../src/pipeline/report.js'
import {declareNoTemplate, insertSection, replaceHeading} from '../src/pipeline/section-fixes.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {sourcePointsOf} from '../src/views/source-points.js'
import type {PlanFix} from '../src/pipeline/fixes.js'
import {longestIncreasing} from '../src/support/sequence.js'
import {isRequired, sectionName, type Template, type TemplateSection} from '../src/template/template.js'

/**
 * Every required section of the plan’s template is present, at the
 * template’s level, under the template’s parent and in the template’s order.
 * Reports every difference, each where the author can act on it.
 */
const remarkPlanLintRequiredHeadings = lintRule<Root, undefined>(
  {origin: ruleOrigin('required-headings'), url: docUrl('required-headings')},
  function (tree, file) {
    const detection = detectionOf(tree, file)
    const {template} = detection
    if (!template) return
    if (isLooseMatch(detection)) {
      reportLooseMatch(file, detection, outlineOf(tree), declareNoTemplate(tree, sourcePointsOf(tree, file).source))
      return
    }
    checkHeadings(template, outlineOf(tree), file, sourcePointsOf(tree, file).source)
  }
)

export default remarkPlanLintRequiredHeadings

interface Placement {
  /** Plan headings matched to the section (a group may have several). */
  headings: OutlineHeading[]
}

function checkHeadings(template: Template, outline: Outline, file: VFile, source: string): void {
  const placed = new Map<TemplateSection, Placement>()
  const taken = new Set<OutlineHeading>()
  const candidates = outline.headings.filter((heading) => heading !== outline.title)

  // Match in template order: a parent is always placed before its children.
  for (const section of template.sections) {
    const parentHeading = section.parent ? placed.get(section.parent)?.headings[0] : undefined
    if (section.parent && !parentHeading) continue
    const matches = candidates.filter((heading) => !taken.has(heading) && section.pattern.test(heading.key))
    if (matches.length === 0) continue
    // A group parent (`Phase 1`, `Phase 2`) may hold the section under any of its headings.
    const parents = placed.get(section.parent!)?.headings
    const inScope = matches.filter((heading) => {
      const actual = effectiveParent(outline, heading, section.depth)
      return section.parent ? actual !== undefined && parents!.includes(actual) : actual === undefined
    })
    const chosen = section.pattern.repeated && inScope.length > 0 ? ownedBy(section, inScope, template) : [best(matches, inScope, section)]
    // Every heading it matched belongs to other sections: this one is missing.
    if (chosen.length === 0) continue
    for (const heading of chosen) taken.add(heading)
    placed.set(section, {headings: chosen})
  }

  const nearMisses = new Map<TemplateSection, OutlineHeading>()
  for (const section of template.sections) {
    const parentHeading = section.parent ? placed.get(section.parent)?.headings[0] : undefined
    if (placed.has(section) || !isRequired(section) || (section.parent && !parentHeading)) continue
    const nearMiss = section.pattern.repeated ? undefined : findNearMiss(section, candidates, taken)
    if (nearMiss) {
      taken.add(nearMiss)
      nearMisses.set(section, nearMiss)
      reportNearMiss(file, template, section, nearMiss)
    } else {
      reportMissing(file, template, outline, section, placed, nearMisses, source)
    }
  }

  for (const [section, {headings}] of placed) {
    const heading = headings[0]!
    if (section.guidance) continue
    if (heading.depth !== section.depth) {
      reportLevel(file, template, section, heading, source)
    }
    const actualParent = effectiveParent(outline, heading, section.depth)
    if (section.parent && (actualParent === undefined || !placed.get(section.parent)!.headings.includes(actualParent))) {
      const where = actualParent ? ` in \`${'#'.repeat(actualParent.depth)} ${actualParent.text.trim()}\`` : ''
      report(
        file,
        `Unexpected section ${sectionName(section)}${where}, expected it in ${sectionName(section.parent)} (template \`${template.id}\`)`,
        heading.node.position
      )
    }
  }

  checkOrder(file, template, outline, placed, undefined)
  for (const section of template.sections) {
    if (section.children.length > 0 && placed.has(section)) checkOrder(file, template, outline, placed, section)
  }
}

/** Nearest earlier heading that would be the parent of a heading at `depth`. */
function effectiveParent(outline: Outline, heading: OutlineHeading, depth: number): OutlineHeading | undefined {
  for (let index = heading.index - 1; index >= 0; index--) {
    const candidate = outline.headings[index]!
    if (candidate.depth < depth) return candidate === outline.title ? undefined : candidate
  }
  return undefined
}

/**
 * The headings a group takes: not those at another level that another
 * section of the template names at that level (`## Phase 1: …` and its
 * `### Phase 1: …` are two sections, not one group).
 */
function ownedBy(section: TemplateSection, headings: OutlineHeading[], template: Template): OutlineHeading[] {
  return headings.filter(
    (heading) =>
      heading.depth === section.depth ||
      !template.sections.some((other) => other !== section && other.depth === heading.depth && other.pattern.test(heading.key))
  )
}

/** Prefer a heading in the right parent, then at the right level, then the first. */
function best(matches: OutlineHeading[], inScope: OutlineHeading[], section: TemplateSection): OutlineHeading {
  const pool = inScope.length > 0 ? inScope : matches
  return pool.find((heading) => heading.depth === section.depth) ?? pool[0]!
}

/** An unmatched heading that is probably this section with a typo. */
function findNearMiss(
  section: TemplateSection,
  candidates: OutlineHeading[],
  taken: Set<OutlineHeading>
): OutlineHeading | undefined {
  const key = headingKey(section.text)
  let found: OutlineHeading | undefined
  let foundDistance = Number.POSITIVE_INFINITY
  for (const heading of candidates) {
    if (taken.has(heading) || Math.abs(heading.depth - section.depth) > 1) continue
    const other = heading.key
    const longest = Math.max(key.length, other.length)
    // Cheap length check first: the distance is at least the length difference.
    const limit = Math.floor(longest * 0.2)
    if (limit < 1 || Math.abs(key.length - other.length) > limit) continue
    const value = distance(key, other)
    if (value >= 1 && value <= limit && value < foundDistance) {
      found = heading
      foundDistance = value
    }
  }
  return found
}

/** One finding for a plan that follows its template in part: the evidence, and the missing sections in template order. */
function reportLooseMatch(file: VFile, detection: Detection, outline: Outline, declare: PlanFix | undefined): void {
  const template = detection.template!
  const {found, required, topLevelMatched, topLevel} = detection.evidence
  const missing = template.alwaysRequired.filter((section) => !outline.headings.some((heading) => section.pattern.test(heading.key)))
  const listed = missing.slice(0, looseMatchListed).map((section) => sectionName(section))
  const more = missing.length > looseMatchListed ? `, and ${missing.length - looseMatchListed} more` : ''
  report(
    file,
    `Unexpected plan with ${found} of the ${required} required sections of template \`${template.id}\` (its title matches \`${titleShape(template)}\` and ${topLevelMatched} of its ${topLevel} top-level sections ${topLevelMatched === 1 ? 'is' : 'are'} the template’s), expected the ${missing.length} missing ${missing.length === 1 ? 'one' : 'ones'}: ${listed.join(', ')}${more}`,
    outline.title?.node.position,
    undefined,
    {suggestions: declare ? [declare] : []}
  )
}

/** Missing sections a loose-match finding names before `and N more`. */
const looseMatchListed = 5

function reportNearMiss(file: VFile, template: Template, section: TemplateSection, heading: OutlineHeading): void {
  const numbering = leadingNumbering(heading.text)
  const replacement = '#'.repeat(section.depth) + ' ' + numbering + section.text
  report(
    file,
    `Unexpected heading \`${'#'.repeat(heading.depth)} ${heading.text.trim()}\`, expected \`${replacement}\` (did you mean this section of template \`${template.id}\`?)`,
    heading.node.position,
    replacement,
    {fix: replaceHeading(heading, replacement)}
  )
}

function reportLevel(file: VFile, template: Template, section: TemplateSection, heading: OutlineHeading, source: string): void {
  const text = headingSource(source, heading)
  const replacement = '#'.repeat(section.depth) + ' ' + text
  report(
    file,
    `Unexpected level ${heading.depth} heading \`${'#'.repeat(heading.depth)} ${text}\`, expected level ${section.depth} \`${replacement}\` as in template \`${template.id}\``,
    heading.node.position,
    replacement,
    {fix: replaceHeading(heading, replacement)}
  )
}

function reportMissing(
  file: VFile,
  template: Template,
  outline: Outline,
  section: TemplateSection,
  placed: Map<TemplateSection, Placement>,
  nearMisses: Map<TemplateSection, OutlineHeading>,
  source: string
): void {
  const siblings = section.parent ? section.parent.children : template.sections.filter((item) => !item.parent)
  const earlier = siblings.slice(0, siblings.indexOf(section)).reverse()
  // Name the section just before it in the template (present or also missing),
  // but insert after the last one the plan has.
  const previous = earlier.find((item) => placed.has(item) || isRequired(item))
  // A near miss is that section, once renamed: the missing one goes after it.
  const anchor = earlier.find((item) => placed.has(item) || nearMisses.has(item))
  const anchorHeading = anchor ? (placed.get(anchor)?.headings.at(-1) ?? nearMisses.get(anchor)) : undefined
  const parentHeading = section.parent ? placed.get(section.parent)!.headings[0]! : undefined

  let insertAt: number
  if (anchorHeading) {
    insertAt = anchorHeading.index + 1
    while (insertAt < outline.headings.length && outline.headings[insertAt]!.depth > section.depth) insertAt++
  } else if (parentHeading) {
    insertAt = parentHeading.index + 1
  } else {
    insertAt = outline.title ? outline.title.index + 1 : 0
  }
  const where = previous
    ? `after ${sectionName(previous)}`
    : section.parent
      ? `as the first section in ${sectionName(section.parent)}`
      : outline.title
        ? 'as the first section after the title'
        : 'as the first section'

  // Point at the heading it belongs before, or the end of the file.
  const next = outline.headings[insertAt]
  report(
    file,
    `Unexpected missing section ${sectionName(section)} (template \`${template.id}\`), expected it ${where}`,
    next ? next.node.position : outline.end,
    undefined,
    {fix: insertSection(source, template, section, next)}
  )
}

function checkOrder(
  file: VFile,
  template: Template,
  outline: Outline,
  placed: Map<TemplateSection, Placement>,
  parent: TemplateSection | undefined
): void {
  const siblings = parent ? parent.children : template.sections.filter((section) => !section.parent)
  const present = siblings
    .filter((section) => placed.has(section) && !section.guidance)
    .map((section) => ({section, heading: placed.get(section)!.headings[0]!}))
    .filter(({section, heading}) => {
      if (!parent) return true
      const actual = effectiveParent(outline, heading, section.depth)
      return actual !== undefined && placed.get(parent)!.headings.includes(actual)
    })

  const inOrder = longestIncreasing(present.map(({heading}) => heading.index))
  present.forEach(({section, heading}, position) => {
    if (inOrder.has(position)) return
    // Name the in-order neighbour in template order, so the fix is one move.
    let before: TemplateSection | undefined
    for (let index = position - 1; index >= 0 && !before; index--) {
      if (inOrder.has(index)) before = present[index]!.section
    }
    let after: TemplateSection | undefined
    for (let index = position + 1; index < present.length && !after; index++) {
      if (inOrder.has(index)) after = present[index]!.section
    }
    const where = before ? `after ${sectionName(before)}` : `before ${sectionName(after!)}`
    report(
      file,
      `Unexpected section ${sectionName(section)} out of template order, expected it ${where} (template \`${template.id}\`)`,
      heading.node.position
    )
  })
}

/** The heading’s text as written in the source (offsets count without a byte order mark), inline markup included. */
function headingSource(source: string, heading: OutlineHeading): string {
  const children = heading.node.children
  const start = children[0]?.position?.start.offset
  const end = children.at(-1)?.position?.end.offset
  if (start === undefined || end === undefined) return heading.text.trim()
  return source.slice(start, end)
}
