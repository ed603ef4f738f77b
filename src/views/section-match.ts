import {distance} from 'fastest-levenshtein'
import {headingKey, looseMatch, type LooseMatch} from '../template/heading-text.js'
import type {Template, TemplateSection} from '../template/template.js'
import type {Outline, OutlineHeading} from './outline.js'

/**
 * Which plan headings stand for which sections of the plan’s template. A
 * heading stands for a section when it is the section’s name (or an
 * `alternatives` name) anywhere in the plan; failing that, when it is the
 * section’s name in other words, at the section’s level and in its parent:
 * with a synonym (`External Tools` for `External Services`), a qualifier
 * (`Testing Strategy for Export`) or as a part of a combined heading
 * (`Dependencies & Assumptions` for `Dependencies`; such a heading may stand
 * for several sections).
 */
export interface SectionMatch {
  /** Plan headings of each section found (a group may have several). */
  placed: Map<TemplateSection, OutlineHeading[]>
  /** Headings that stand for a section (combined headings included). */
  taken: Set<OutlineHeading>
  /** How a heading placed by another name stands for its section. */
  loose: Map<OutlineHeading, LooseMatch>
}

export function matchSections(template: Template, outline: Outline): SectionMatch {
  const placed = new Map<TemplateSection, OutlineHeading[]>()
  const taken = new Set<OutlineHeading>()
  const loose = new Map<OutlineHeading, LooseMatch>()
  // A template without a title has no title to set aside: a document whose
  // first H1 is one of its sections (`# Summary`, the early RFC layout) has none.
  const untitled = template.title === undefined && outline.title !== undefined && template.sections.some((section) => section.pattern.test(outline.title!.key))
  const candidates = outline.headings.filter((heading) => untitled || heading !== outline.title)

  // A heading that names a section exactly is never another section by another name
  // (but it may be its parent’s: `## Functional Requirements` for `## Requirements`).
  const named = new Map(candidates.map((heading) => [heading, template.sections.filter((section) => section.pattern.test(heading.key))]))
  const isOtherSection = (heading: OutlineHeading, section: TemplateSection): boolean =>
    named.get(heading)!.some((other) => !isDescendant(other, section))

  // Match in template order: a parent is always placed before its children.
  for (const section of template.sections) {
    const parents = section.parent ? placed.get(section.parent) : undefined
    if (section.parent && !parents) continue
    // A heading that stands for the parent by this section’s own name stands for both.
    const matches = candidates.filter(
      (heading) => (!taken.has(heading) || (loose.has(heading) && parents?.includes(heading))) && section.pattern.test(heading.key)
    )
    const inScope = matches.filter((heading) => isInScope(outline, heading, section, parents))
    const chosen =
      matches.length === 0
        ? []
        : section.pattern.repeated && inScope.length > 0
          ? ownedBy(section, inScope, template)
          : [best(matches, inScope, section)]
    if (chosen.length > 0) {
      for (const heading of chosen) taken.add(heading)
      placed.set(section, chosen)
      continue
    }
    // Every heading it matched belongs to other sections, or none did: by other names, in its place.
    const inPlace = candidates.filter(
      (heading) => heading.depth === section.depth && !isOtherSection(heading, section) && isInScope(outline, heading, section, parents)
    )
    if (section.pattern.repeated) {
      // A group by a qualified name (`## Implementation Phase 1: …` for `## Phase N: …`), when no heading names it.
      if (matches.length > 0) continue
      const qualified = inPlace.filter((heading) => !taken.has(heading) && containsName(section, heading.key))
      for (const heading of qualified) {
        taken.add(heading)
        loose.set(heading, 'qualified')
      }
      if (qualified.length > 0) placed.set(section, qualified)
      continue
    }
    const key = headingKey(section.text)
    // Other words first (a synonym, a qualifier after it, a part of a combined heading), then the name inside a longer heading.
    const found =
      inPlace
        .map((heading) => ({heading, kind: looseMatch(key, heading.key)}))
        .find(({heading, kind}) => kind && (!taken.has(heading) || (kind === 'combined' && loose.get(heading) === 'combined'))) ??
      inPlace
        .filter((heading) => !taken.has(heading) && containsName(section, heading.key))
        .map((heading) => ({heading, kind: 'qualified' as const}))[0]
    if (!found?.kind) continue
    taken.add(found.heading)
    loose.set(found.heading, found.kind)
    placed.set(section, [found.heading])
  }
  return {placed, taken, loose}
}

function isDescendant(section: TemplateSection, ancestor: TemplateSection): boolean {
  for (let parent = section.parent; parent; parent = parent.parent) if (parent === ancestor) return true
  return false
}

/** Longest name (in words) of a section, alternatives included, looked for inside a heading. */
const nameWordsMaximum = 8
/** Words of a heading searched for a section’s name: a longer heading is prose, not a name. */
const headingWordsMaximum = 40

/**
 * Whether a heading holds the section’s name, or one of its `alternatives`,
 * as a run of whole words with a qualifier before or after it: `Functional
 * Requirements` for `Requirements`, `Dependencies Summary` for
 * `Dependencies`, `Implementation Phase 1: Core` for `Phase N: …`.
 */
export function containsName(section: TemplateSection, key: string): boolean {
  const words = key.split(' ')
  if (words.length < 2 || words.length > headingWordsMaximum) return false
  for (let start = 0; start < words.length; start++) {
    // A group’s name leaves everything after its number free: test what follows the qualifier.
    if (section.pattern.repeated) {
      if (start > 0 && section.pattern.test(words.slice(start).join(' '))) return true
      continue
    }
    for (let end = start + 1; end <= Math.min(words.length, start + nameWordsMaximum); end++) {
      if (start === 0 && end === words.length) continue
      const run = words.slice(start, end).join(' ').replace(/[:,;.]$/, '')
      if (section.pattern.test(run)) return true
    }
  }
  return false
}

/** Whether a heading is in the section’s parent (or, for a top-level section, in none). */
function isInScope(outline: Outline, heading: OutlineHeading, section: TemplateSection, parents: OutlineHeading[] | undefined): boolean {
  const actual = effectiveParent(outline, heading, section.depth)
  return section.parent ? actual !== undefined && parents!.includes(actual) : actual === undefined
}

/** Nearest earlier heading that would be the parent of a heading at `depth`. */
export function effectiveParent(outline: Outline, heading: OutlineHeading, depth: number): OutlineHeading | undefined {
  for (let index = heading.index - 1; index >= 0; index--) {
    const candidate = outline.headings[index]!
    if (candidate.depth < depth) return candidate === outline.title ? undefined : candidate
  }
  return undefined
}

/**
 * Whether a heading sits one level down in a combined heading that names its
 * section (`### Assumptions` in `## Dependencies & Assumptions`), which is
 * not the section’s parent in the template: the author put the section there
 * on purpose.
 */
export function isInCombinedParent(match: SectionMatch, heading: OutlineHeading, section: TemplateSection): boolean {
  const parent = heading.parent
  if (parent === undefined || heading.depth !== section.depth + 1) return false
  if (section.parent && match.placed.get(section.parent)?.includes(parent)) return false
  return looseMatch(headingKey(section.text), parent.key) === 'combined'
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

/**
 * Prefer a heading in the right parent, then at the right level with the
 * section’s own name (over an `alternatives` name: `## Dependencies & Execution
 * Order` over an earlier `## Dependencies (story order)`), then at the right
 * level, then the first.
 */
function best(matches: OutlineHeading[], inScope: OutlineHeading[], section: TemplateSection): OutlineHeading {
  const pool = inScope.length > 0 ? inScope : matches
  const atLevel = pool.filter((heading) => heading.depth === section.depth)
  const own = headingKey(section.text)
  return atLevel.find((heading) => heading.key === own) ?? atLevel[0] ?? pool[0]!
}

/** An unmatched heading that is probably this section with a typo. */
export function findNearMiss(
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
