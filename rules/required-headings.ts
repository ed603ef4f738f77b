import type {Root} from 'mdast'
import {lintRule} from 'unified-lint-rule'
import type {VFile} from 'vfile'
import {describeEvidence, detectionOf, isLooseMatch, titleShape, type Detection} from '../src/views/detect.js'
import {dueSections, isDue, planVersionOf} from '../src/views/plan-version.js'
import {leadingNumbering} from '../src/template/heading-text.js'
import {outlineOf, type Outline, type OutlineHeading} from '../src/views/outline.js'
import {effectiveParent, findNearMiss, isInCombinedParent, matchSections, type SectionMatch} from '../src/views/section-match.js'
import {report} from '../src/pipeline/report.js'
import {declareNoTemplate, insertSections, replaceHeading} from '../src/pipeline/section-fixes.js'
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
    const outline = outlineOf(tree)
    const match = matchSections(template, outline)
    const isFound = (section: TemplateSection): boolean =>
      match.placed.has(section) || outline.headings.some((heading) => section.pattern.test(heading.key))
    // Required of this plan: by the template version it follows (`since`), and what its sections ask (`requiredWith`).
    const version = planVersionOf(tree, file)
    const due = (section: TemplateSection): boolean => isDue(version, section, isFound)
    const required = dueSections(template, version, isFound)
    if (isLooseMatch(detection, isFound, required)) {
      const missing = required.filter((section) => !isFound(section))
      return reportLooseMatch(file, detection, outline, required.length, missing, declareNoTemplate(tree, sourcePointsOf(tree, file).source))
    }
    const declared = detection.via === 'front-matter' || detection.via === 'comment'
    checkHeadings(template, outline, match, file, sourcePointsOf(tree, file).source, declared, due)
  }
)

export default remarkPlanLintRequiredHeadings

function checkHeadings(
  template: Template,
  outline: Outline,
  match: SectionMatch,
  file: VFile,
  source: string,
  declared: boolean,
  due: (section: TemplateSection) => boolean
): void {
  const {placed, taken, loose} = match
  const candidates = outline.headings.filter((heading) => heading !== outline.title)

  const nearMisses = new Map<TemplateSection, OutlineHeading>()
  const missing: TemplateSection[] = []
  for (const section of template.sections) {
    const parentHeading = section.parent ? placed.get(section.parent)?.[0] : undefined
    if (placed.has(section) || !isRequired(section) || !due(section) || (section.parent && !parentHeading)) continue
    const nearMiss = section.pattern.repeated ? undefined : findNearMiss(section, candidates, taken)
    if (nearMiss) {
      taken.add(nearMiss)
      nearMisses.set(section, nearMiss)
      reportNearMiss(file, template, section, nearMiss)
    } else {
      missing.push(section)
    }
  }
  for (const run of missingRuns(template, missing, placed, nearMisses)) reportMissing(file, template, outline, run, source)

  // A template whose sections may sit anywhere (`placement: any`) asks only that they are there.
  if (template.placement === 'any') return
  // Headings not checked for order: another name says less about the place, and a level finding says it already.
  const unordered = new Set(match.loose.keys())
  const checked = [...placed].filter(([section, headings]) => !section.guidance && !(section.parent && placed.get(section.parent)!.includes(headings[0]!)))
  const wrongLevel = new Set(checked.filter(([section, [heading]]) => heading!.depth !== section.depth && !isInCombinedParent(match, heading!, section)).map(([, [heading]]) => heading!))
  // Sections under the same wrong parent, reported once: `### Goals`, `### Non-Goals` in `## Design`.
  const misplaced = new Map<OutlineHeading | undefined, {headings: OutlineHeading[]; sections: TemplateSection[]}>()
  for (const [section, headings] of checked) {
    const heading = headings[0]!
    // Another word for the template’s: its own name when the plan declares the template, else fine as it is.
    if (loose.get(heading) === 'synonym') {
      if (declared) reportSynonym(file, template, section, heading)
      continue
    }
    const actualParent = effectiveParent(outline, heading, section.depth)
    const wrongParent = section.parent !== undefined && (actualParent === undefined || !placed.get(section.parent)!.includes(actualParent))
    if (wrongLevel.has(heading)) {
      // One cause, one finding: its level, and where it goes when a new level alone would not place it.
      reportLevel(file, template, section, heading, source, wrongParent ? section.parent : undefined)
      unordered.add(heading)
      continue
    }
    // Under a sibling written a level too high (`## User Stories` over `### Risks`): that heading’s level finding says it.
    if (!wrongParent || (actualParent && wrongLevel.has(actualParent))) continue
    const group = misplaced.get(actualParent) ?? {headings: [], sections: []}
    group.headings.push(heading)
    group.sections.push(section)
    misplaced.set(actualParent, group)
  }
  for (const [actualParent, {headings, sections}] of misplaced) {
    const where = actualParent ? ` in \`${'#'.repeat(actualParent.depth)} ${actualParent.text.trim()}\`` : ''
    const several = sections.length > 1
    const parents = [...new Set(sections.map((section) => sectionName(section.parent!)))].join(', ')
    report(
      file,
      `Unexpected ${several ? 'sections' : 'section'} ${sections.map((section) => sectionName(section)).join(', ')}${where}, expected ${several ? 'them' : 'it'} in ${parents} (template \`${template.id}\`)`,
      headings[0]!.node.position
    )
  }

  checkOrder(file, template, outline, placed, undefined, unordered)
  for (const section of template.sections) {
    if (section.children.length > 0 && placed.has(section)) checkOrder(file, template, outline, placed, section, unordered)
  }
}

interface MissingRun {
  /** In template order. */
  sections: TemplateSection[]
  /** The last sibling before them that the plan has (or has under a near-miss name). */
  anchor: TemplateSection | undefined
  anchorHeading: OutlineHeading | undefined
  parentHeading: OutlineHeading | undefined
}

/** Missing sections in runs: siblings with the same last section present before them, which go in one place. */
function missingRuns(
  template: Template,
  missing: TemplateSection[],
  placed: Map<TemplateSection, OutlineHeading[]>,
  nearMisses: Map<TemplateSection, OutlineHeading>
): MissingRun[] {
  const runs = new Map<string, MissingRun>()
  for (const section of missing) {
    const siblings = section.parent ? section.parent.children : template.sections.filter((item) => !item.parent)
    const earlier = siblings.slice(0, siblings.indexOf(section)).reverse()
    const anchor = earlier.find((item) => placed.has(item) || nearMisses.has(item))
    const key = `${section.parent?.index ?? -1}:${anchor?.index ?? -1}`
    const run = runs.get(key)
    if (run) {
      run.sections.push(section)
      continue
    }
    runs.set(key, {
      sections: [section],
      anchor,
      anchorHeading: anchor ? (placed.get(anchor)?.at(-1) ?? nearMisses.get(anchor)) : undefined,
      parentHeading: section.parent ? placed.get(section.parent)![0]! : undefined
    })
  }
  return [...runs.values()]
}

/** One finding for a plan that follows its template in part: the evidence, and the missing sections in template order. */
function reportLooseMatch(file: VFile, detection: Detection, outline: Outline, required: number, missing: TemplateSection[], declare: PlanFix | undefined): void {
  const template = detection.template!
  const {topLevelMatched, topLevel} = detection.evidence
  const found = required - missing.length
  // What the template was found by: its title, or the place where the format keeps its documents.
  const by = detection.via === 'path' ? describeEvidence(detection) : `its title matches \`${titleShape(template)}\``
  const listed = missing.slice(0, looseMatchListed).map((section) => sectionName(section))
  const more = missing.length > looseMatchListed ? `, and ${missing.length - looseMatchListed} more` : ''
  report(
    file,
    `Unexpected plan with ${found} of the ${required} required sections of template \`${template.id}\` (${by} and ${topLevelMatched} of its ${topLevel} top-level sections ${topLevelMatched === 1 ? 'is' : 'are'} the template’s), expected the ${missing.length} missing ${missing.length === 1 ? 'one' : 'ones'}: ${listed.join(', ')}${more}`,
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

function reportLevel(file: VFile, template: Template, section: TemplateSection, heading: OutlineHeading, source: string, parent: TemplateSection | undefined): void {
  const text = headingSource(source, heading)
  const replacement = '#'.repeat(section.depth) + ' ' + text
  // A new level alone would leave it in the wrong section: say where it goes, offer no fix.
  const where = parent ? ` in ${sectionName(parent)}` : ''
  report(
    file,
    `Unexpected level ${heading.depth} heading \`${'#'.repeat(heading.depth)} ${text}\`, expected level ${section.depth} \`${replacement}\`${where} as in template \`${template.id}\``,
    heading.node.position,
    parent ? undefined : replacement,
    parent ? undefined : {fix: replaceHeading(heading, replacement)}
  )
}

function reportMissing(file: VFile, template: Template, outline: Outline, run: MissingRun, source: string): void {
  const {sections, anchor, anchorHeading, parentHeading} = run
  const first = sections[0]!
  const several = sections.length > 1
  let insertAt: number
  if (anchorHeading) {
    insertAt = anchorHeading.index + 1
    while (insertAt < outline.headings.length && outline.headings[insertAt]!.depth > first.depth) insertAt++
  } else if (parentHeading) {
    insertAt = parentHeading.index + 1
  } else {
    insertAt = outline.title ? outline.title.index + 1 : 0
  }
  const firstPlace = several ? 'the first sections' : 'the first section'
  const where = anchor
    ? `after ${sectionName(anchor)}`
    : first.parent
      ? `as ${firstPlace} in ${sectionName(first.parent)}`
      : outline.title
        ? `as ${firstPlace} after the title`
        : `as ${firstPlace}`

  // Point at the heading they belong before, or the end of the file.
  const next = outline.headings[insertAt]
  const names = sections.map((section) => sectionName(section)).join(', ')
  report(
    file,
    `Unexpected missing ${several ? 'sections' : 'section'} ${names} (template \`${template.id}\`), expected ${several ? 'them' : 'it'} ${where}`,
    next ? next.node.position : outline.end,
    undefined,
    {fix: insertSections(source, template, sections, next)}
  )
}

function reportSynonym(file: VFile, template: Template, section: TemplateSection, heading: OutlineHeading): void {
  const replacement = '#'.repeat(section.depth) + ' ' + leadingNumbering(heading.text) + section.text
  report(
    file,
    `Unexpected heading \`${'#'.repeat(heading.depth)} ${heading.text.trim()}\`, expected \`${replacement}\`, the name of this section in template \`${template.id}\`, which the plan declares`,
    heading.node.position,
    replacement,
    {fix: replaceHeading(heading, replacement)}
  )
}

function checkOrder(
  file: VFile,
  template: Template,
  outline: Outline,
  placed: Map<TemplateSection, OutlineHeading[]>,
  parent: TemplateSection | undefined,
  unordered: Set<OutlineHeading>
): void {
  const siblings = parent ? parent.children : template.sections.filter((section) => !section.parent)
  const present = siblings
    .filter((section) => placed.has(section) && !section.guidance)
    .map((section) => ({section, heading: placed.get(section)![0]!}))
    .filter(({section, heading}) => {
      if (unordered.has(heading)) return false
      if (!parent) return true
      const actual = effectiveParent(outline, heading, section.depth)
      return actual !== undefined && placed.get(parent)!.includes(actual)
    })
    // A combined heading (`Dependencies & Risks`) stands for its sections once.
    .filter(({heading}, position, all) => all.findIndex((item) => item.heading === heading) === position)

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
