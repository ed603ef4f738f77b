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
  const candidates = outline.headings.filter((heading) => heading !== outline.title)

  // A heading that names a section exactly is never another section by another name.
  const exact = new Set(candidates.filter((heading) => template.sections.some((section) => section.pattern.test(heading.key))))

  // Match in template order: a parent is always placed before its children.
  for (const section of template.sections) {
    const parents = section.parent ? placed.get(section.parent) : undefined
    if (section.parent && !parents) continue
    const matches = candidates.filter((heading) => !taken.has(heading) && section.pattern.test(heading.key))
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
    if (section.pattern.repeated) continue
    const key = headingKey(section.text)
    for (const heading of candidates) {
      if (exact.has(heading) || heading.depth !== section.depth || !isInScope(outline, heading, section, parents)) continue
      const kind = looseMatch(key, heading.key)
      if (!kind || (taken.has(heading) && (kind !== 'combined' || loose.get(heading) !== 'combined'))) continue
      taken.add(heading)
      loose.set(heading, kind)
      placed.set(section, [heading])
      break
    }
  }
  return {placed, taken, loose}
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
