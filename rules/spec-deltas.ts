import type {Root} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {distance} from 'fastest-levenshtein'
import {lintRule} from 'unified-lint-rule'
import {detectionOf} from '../src/views/detect.js'
import {report} from '../src/pipeline/report.js'
import {docUrl, ruleOrigin} from '../src/pipeline/rule-meta.js'
import {emptySectionsOf} from '../src/views/empty-sections.js'
import {capabilityListingOf} from '../src/views/change-capabilities.js'
import {requirementsOf, type RequirementSection, type Requirements} from '../src/views/requirements.js'
import type {RequirementFacts} from '../src/template/requirement-facts.js'

/**
 * Where requirements sit in a document whose template has requirement
 * blocks (front matter `requirements`), as `openspec validate` reads them:
 * in a main spec, every requirement is under its requirements section, once;
 * in a delta spec, there is at least one delta, every requirement is under a
 * delta section, no name is twice in a section or in two of the added,
 * modified and removed sections, renames are `FROM:`/`TO:` pairs; and the
 * delta agrees with the change’s proposal: a capability it lists as
 * modified changes a requirement, one it lists as new only adds.
 */
const remarkPlanLintSpecDeltas = lintRule<Root, undefined>(
  {origin: ruleOrigin('spec-deltas'), url: docUrl('spec-deltas')},
  function (tree, file) {
    const {template} = detectionOf(tree, file)
    const facts = template?.requirements
    if (!facts) return
    const found = requirementsOf(tree, file, facts)
    const where = (section: RequirementSection | undefined): string => (section ? `under \`## ${section.text}\`` : 'before the first section')
    const expectedSections = facts.deltas
      ? [facts.deltas.added, facts.deltas.modified, facts.deltas.removed, facts.deltas.renamed]
      : facts.sections
    const sectionList = expectedSections
      .map((text) => '`## ' + text + '`')
      .join(', ')
      .replace(/, (?=[^,]*$)/, ' or ')
    // Requirements outside their sections: one finding per section they are in.
    const outside = new Map<RequirementSection | undefined, string[]>()
    for (const block of found.blocks) {
      if (block.section?.kind !== undefined || isTypoOf(block.section, expectedSections)) continue
      const names = outside.get(block.section)
      if (names) names.push(block.name)
      else {
        outside.set(block.section, [block.name])
        const count = found.blocks.filter((other) => other.section === block.section).length
        const what = count === 1 ? `requirement \`${block.name}\`` : `${count} requirements (\`${block.name}\` and more)`
        report(file, `Unexpected ${what} ${where(block.section)}, expected ${count === 1 ? 'it' : 'them'} under ${sectionList}`, (block.section?.heading ?? block.heading).position)
      }
    }
    // A section of the same name again: `openspec` reads only the last one.
    const seenSections = new Map<string, RequirementSection>()
    for (const section of found.sections) {
      if (section.kind === undefined) continue
      const earlier = seenSections.get(section.kind)
      if (earlier) {
        report(
          file,
          `Unexpected second \`## ${section.text}\` section (first on line ${earlier.heading.position?.start.line ?? 0}), expected one: \`openspec\` reads only one section of a name`,
          section.heading.position
        )
      } else seenSections.set(section.kind, section)
    }
    duplicates(file, found, facts)
    if (facts.deltas) deltaChecks(tree, file, found, facts, sectionList)
    else {
      const empty = new Set(emptySectionsOf(tree, file).map((section) => section.heading.node))
      for (const section of found.sections) {
        if (section.kind !== 'requirements' || empty.has(section.heading) || found.blocks.some((block) => block.section === section)) continue
        report(file, `Unexpected \`## ${section.text}\` without a requirement, expected \`### ${facts.heading} <name>\` blocks`, section.heading.position)
      }
    }
  }
)

export default remarkPlanLintSpecDeltas

interface Entry {
  name: string
  place: Position | undefined
  section: RequirementSection
}

/** Entries of each section kind: requirement blocks, and removed names. */
function entriesOf(found: Requirements, kind: 'requirements' | 'added' | 'modified' | 'removed'): Entry[] {
  if (kind === 'removed') return found.removed
  return found.blocks
    .filter((block) => block.section?.kind === kind)
    .map((block) => ({name: block.name, place: block.heading.position, section: block.section!}))
}

/** A name twice in one section, or (in a delta) in two of added, modified and removed. */
function duplicates(file: VFile, found: Requirements, facts: RequirementFacts): void {
  const kinds = facts.deltas ? (['added', 'modified', 'removed'] as const) : (['requirements'] as const)
  const firstIn = new Map<string, Entry>()
  const seenIn = new Map<RequirementSection['kind'], Map<string, Entry>>()
  // In document order: the later of two entries is the one reported.
  const entries = kinds.flatMap((kind) => entriesOf(found, kind)).sort((a, b) => line(a) - line(b))
  for (const entry of entries) {
    let seen = seenIn.get(entry.section.kind)
    if (!seen) seenIn.set(entry.section.kind, (seen = new Map()))
    const earlier = seen.get(entry.name)
    if (earlier) {
      report(
        file,
        `Unexpected duplicate requirement \`${entry.name}\` in \`## ${entry.section.text}\` (first on line ${line(earlier)}), expected each requirement once`,
        entry.place
      )
      continue
    }
    seen.set(entry.name, entry)
    const other = firstIn.get(entry.name)
    if (other) {
      report(
        file,
        `Unexpected requirement \`${entry.name}\` in both \`## ${other.section.text}\` (line ${line(other)}) and \`## ${entry.section.text}\`, expected it in one of them`,
        entry.place
      )
    } else firstIn.set(entry.name, entry)
  }
}

function deltaChecks(tree: Root, file: VFile, found: Requirements, facts: RequirementFacts, sectionList: string): void {
  const deltaSections = found.sections.filter((section) => section.kind !== undefined)
  const pairs = renamePairs(file, found)
  const added = entriesOf(found, 'added')
  const modified = entriesOf(found, 'modified')
  const removed = entriesOf(found, 'removed')
  if (deltaSections.length === 0) {
    const first = tree.children.find((node) => node.type === 'heading') ?? tree.children[0]
    report(file, `Unexpected delta spec without a delta section, expected ${sectionList}`, first?.position)
    return
  }
  if (added.length + modified.length + removed.length + pairs.length === 0) {
    const empty = new Set(emptySectionsOf(tree, file).map((section) => section.heading.node))
    const section = deltaSections.find((candidate) => !empty.has(candidate.heading))
    if (section) {
      report(
        file,
        `Unexpected delta section \`## ${section.text}\` without a requirement, expected \`### ${facts.heading} <name>\` blocks`,
        section.heading.position
      )
    }
  }
  // Renames against the other operations.
  for (const pair of pairs) {
    const modifiedOld = modified.find((entry) => entry.name === pair.from.name)
    if (modifiedOld) {
      report(
        file,
        `Unexpected old name \`${pair.from.name}\` of a renamed requirement in \`## ${modifiedOld.section.text}\`, expected its new name \`${pair.to.name}\``,
        modifiedOld.place
      )
    }
    if (added.some((entry) => entry.name === pair.to.name)) {
      report(file, `Unexpected rename to \`${pair.to.name}\`, a name \`## ${facts.deltas!.added}\` also adds, expected a name of its own`, pair.to.place)
    }
    const gone = removed.find((entry) => fold(entry.name) === fold(pair.from.name))
    if (gone) {
      report(file, `Unexpected requirement \`${gone.name}\` both renamed and removed, expected it in one of \`## ${facts.deltas!.renamed}\` and \`## ${gone.section.text}\``, gone.place)
    }
  }
  capabilities(tree, file, found, facts, added.length > 0, modified.length + removed.length + pairs.length > 0)
}

/** `FROM:`/`TO:` pairs; a side without its partner, and a name renamed twice, are reported. */
function renamePairs(file: VFile, found: Requirements): Array<{from: Entry; to: Entry}> {
  const pairs: Array<{from: Entry; to: Entry}> = []
  let from: Entry | undefined
  const unpaired = (entry: Entry, side: string, other: string, where: string): void =>
    report(file, `Unexpected \`${side}:\` line without a \`${other}:\` line ${where}, expected each rename as a \`FROM:\` line followed by its \`TO:\` line`, entry.place)
  for (const line of found.renames) {
    if (line.side === 'FROM') {
      if (from) unpaired(from, 'FROM', 'TO', 'after it')
      from = line
    } else if (from) {
      pairs.push({from, to: line})
      from = undefined
    } else unpaired(line, 'TO', 'FROM', 'before it')
  }
  if (from) unpaired(from, 'FROM', 'TO', 'after it')
  for (const side of ['from', 'to'] as const) {
    const seen = new Map<string, Entry>()
    for (const pair of pairs) {
      const entry = pair[side]
      const earlier = seen.get(entry.name)
      if (earlier) {
        report(file, `Unexpected second rename ${side} \`${entry.name}\` (first on line ${line(earlier)}), expected each requirement renamed once`, entry.place)
      } else seen.set(entry.name, entry)
    }
  }
  return pairs
}

/** The delta against the proposal’s capability lists. */
function capabilities(tree: Root, file: VFile, found: Requirements, facts: RequirementFacts, adds: boolean, changes: boolean): void {
  if (!facts.capabilities) return
  const listing = capabilityListingOf(tree, file, facts.capabilities)
  if (!listing?.listed) return
  const name = '`' + listing.capability + '`'
  // Adding requirements to a capability that exists is modifying it; to one that does not, creating it.
  if (listing.listed === 'modified' && adds && !changes && listing.hasMainSpec === false) {
    const section = found.sections.find((candidate) => candidate.kind === 'added')
    report(
      file,
      `Unexpected delta that only adds requirements to ${name}, which \`${listing.proposal}\` lists under \`${facts.capabilities.modified}\` but which has no main spec (\`${listing.mainSpec ?? ''}\`), expected ${name} under \`${facts.capabilities.new}\``,
      section?.heading.position
    )
  }
  if (listing.listed === 'new' && changes) {
    const section = found.sections.find((candidate) => candidate.kind === 'modified' || candidate.kind === 'removed' || candidate.kind === 'renamed')
    report(
      file,
      `Unexpected \`## ${section?.text ?? facts.deltas!.modified}\` in the delta of ${name}, which \`${listing.proposal}\` lists under \`${facts.capabilities.new}\`, expected only \`## ${facts.deltas!.added}\` for a new capability, or ${name} under \`${facts.capabilities.modified}\``,
      section?.heading.position
    )
  }
}

/** A misspelt requirements section (`## Reuirements`): `required-headings` asks for the right name, one finding. */
function isTypoOf(section: RequirementSection | undefined, names: string[]): boolean {
  if (!section) return false
  const text = fold(section.text)
  return names.some((name) => {
    const value = distance(text, fold(name))
    return value >= 1 && value <= Math.floor(Math.max(text.length, name.length) * 0.2)
  })
}

function line(entry: Entry): number {
  return entry.place?.start.line ?? 0
}

function fold(name: string): string {
  return name.toLowerCase().replace(/\s+/g, ' ').trim()
}
