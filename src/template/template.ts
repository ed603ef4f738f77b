import path from 'node:path'
import type {Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {z} from 'zod'
import {OptionsError} from '../support/errors.js'
import {readFrontMatter} from '../markdown/front-matter.js'
import {lazySchema} from '../support/lazy.js'
import {
  alternativePattern,
  displayText,
  headingKey,
  headingPattern,
  isMarkedOptional,
  leadingNumbering,
  titlePattern,
  type HeadingPattern
} from './heading-text.js'
import {parseMarkdown} from '../markdown/parser.js'
import {templatePlaceholderFacts, type TemplatePlaceholderFacts} from './placeholder-facts.js'
import {planStateSchemaShape, readPlanState, type ClaimFacts, type PlanStateData, type StatusFacts} from './plan-state.js'
import {sectionBodies, textUnits, unitKey} from '../markdown/text-units.js'
import {
  buildCriteriaFormat,
  buildReferenceFormat,
  type CriteriaData,
  type CriteriaFormat,
  type ReferenceFormat,
  type ReferencesData
} from './criteria-facts.js'
import {sectionConditionsSchemaShape, sinceByKey, type PlanDateSource, type SinceData} from './section-conditions.js'
import {requirementFacts, requirementsSchemaShape, type RequirementFacts, type RequirementFactsData} from './requirement-facts.js'

/**
 * The template model: everything the rules know about a template comes from
 * here, and everything here comes from the template's Markdown file.
 */

export interface TemplateSection {
  /** Position in template order. */
  index: number
  depth: number
  /** Heading text as in the template, without numbering or `(Optional)`. */
  text: string
  /** How messages name it (`Phase N: …` for a group). */
  label: string
  /** The template's numbering of this heading (`1. `), or an empty string. */
  numbering: string
  pattern: HeadingPattern
  optional: boolean
  /** Guidance for the author that a finished plan must not keep. */
  guidance: boolean
  parent: TemplateSection | undefined
  children: TemplateSection[]
  /** Line of the heading in the template file. */
  line: number
  /**
   * Keys (`unitKey`) of the text units of the section’s own body in the
   * template (lines, list items, table rows; a group’s from all its headings).
   */
  textKeys: ReadonlySet<string>
  /** Template text here is real content in a finished plan (front matter `content`, completion checklists). */
  content: boolean
  /** Task items here must all be checked when the plan is `done` (front matter `completion`). */
  completion: boolean
  /** The section may stay empty in a finished plan (front matter `empty`: `### Modified Capabilities` of a change that modifies none, an agent’s record with nothing to say). */
  mayBeEmpty: boolean
  /** Front matter `since`: the date (`YYYY-MM-DD`) from which the template requires the section (`sections` or `required`); a plan written before needs it not. */
  since: string | undefined
  /** Front matter `since.sections`: the date the template got the section; a plan that has it follows a version of that date or later. */
  added: string | undefined
  /** Front matter `requiredWith`: a required section is required only in a plan that has one of these (empty: always). */
  requiredWith: TemplateSection[]
}

export interface RiskFacts {
  format: 'table' | 'list'
  likelihood: string[]
  impact: string[]
  fields: string[]
  scale: string[]
  /** Headings of the sections that hold the template’s risk list or table. */
  sections: string[]
}

/** What the template says about placeholders beyond its prose (front matter `placeholders`). */
export interface TemplatePlaceholderRules {
  /** Marker words that are template text left in (`TXXX`), on top of the rule's markers. */
  markers: string[]
  /** Bracketed text that is this format's syntax, not a placeholder (`[P]`, `/^\[US\d+\]$/`). */
  allow: Array<string | RegExp>
  /** Template text reported even inside code blocks (`[REMOVE IF UNUSED]`): the whole line holding it. */
  inCode: Array<string | RegExp>
  /**
   * Keys (`unitKey`) of lines the template writes and its commands keep as
   * they are (front matter `placeholders.kept`, every version of the
   * template): their brackets and markers are the template’s words, not
   * placeholders (`- Decision: [what was chosen]` in a research format).
   */
  kept: ReadonlySet<string>
}

/** How the template writes task items (front matter `tasks`): `- [ ] T012 [P] [US1] …`. */
export interface TaskFormat {
  /** A task id, matched at the start of a task item’s text (`T\d+`). */
  id: RegExp
  /** A suffix written right after an id for a task inserted after it (`.5`, `a`: `T009.5`, `T010a`), if the format has one. */
  subId: RegExp | undefined
  /** A user story label inside brackets whose first group is the story number (`US(\d+)`), if the format has one. */
  story: RegExp | undefined
  /**
   * The sibling file whose headings name the stories (`spec.md`), the heading pattern whose first group is the story number,
   * and the pattern of a task list heading whose tasks belong to a story (`## Phase 3: User Story 1 …`), if the format has one.
   */
  stories: {file: string; heading: RegExp; section: RegExp | undefined} | undefined
  /** The mark the format writes right after the box of an optional task (`- [ ]* 2.2 …`, Kiro's `*`): not a broken box. */
  optionalMark: string | undefined
  /** Every task is a checkbox item: a task list without one counts as no work (front matter `tasks.checkboxes`). */
  checkboxes: boolean
}

export interface Template {
  id: string
  description: string
  /** H1 text of the template (`Technical Plan: [Feature Name]`), if any. */
  title: string | undefined
  matchesTitle: (key: string) => boolean
  /** The template file’s path (as given in the options, or the shipped file). */
  source: string
  /** Whether it ships with the package. */
  builtin: boolean
  /**
   * Front matter `paths`: globs of where the format keeps its documents
   * (`openspec/changes/<id>/proposal.md`), matched at any depth of the path.
   */
  paths: string[]
  /** The template’s Markdown without its front matter: the start of a new plan. */
  body: string
  sections: TemplateSection[]
  /** Required sections whose parents are required too: present in every plan. */
  alwaysRequired: TemplateSection[]
  risks: RiskFacts
  placeholders: TemplatePlaceholderRules
  tasks: TaskFormat | undefined
  /** Identifiers that a plan defines once each (`FR-\\d+`): at the start of a list item or a table row. */
  uniqueIds: RegExp[]
  /** Front matter `criteria`: how the document defines numbered acceptance criteria, if it does. */
  criteria: CriteriaFormat | undefined
  /** Front matter `references`: how the document cites acceptance criteria, if it does. */
  references: ReferenceFormat | undefined
  /** Requirement blocks and their scenarios (front matter `requirements`), if the format has them. */
  requirements: RequirementFacts | undefined
  /**
   * Front matter `placement`: `strict` (the default) checks each section’s
   * level, parent and order; `any` checks only that it is there.
   */
  placement: Placement
  /**
   * Front matter `emptySections`: `all` (the default) checks every heading
   * for an empty body; `required` only those that stand for a required
   * section (a format whose deeper headings are questions a plan may leave).
   */
  emptySections: EmptySectionScope
  /** Where the plan’s status line is and which values it has, by stage. */
  status: StatusFacts
  /** Self-check phrases the linter can verify, and the rules that do. */
  claims: ClaimFacts[]
  /** Heading keys of the completion checklists (front matter `completion`): checked when the plan is `done`. */
  completionKeys: ReadonlySet<string>
  /** Heading keys of the sections whose template text is real content (front matter `content`). */
  contentKeys: ReadonlySet<string>
  /**
   * Front matter `versions`: paths of files that hold the text of the
   * template’s older versions (Markdown, or hashed text-unit keys; see
   * `src/template/versions.ts`), resolved against the template’s folder.
   */
  versionFiles: string[]
  /** Precomputed text of the template (built-in templates), see `TemplateData`. */
  compiled: {text: CompiledTemplateText | undefined; sectionTexts: Array<string | null> | undefined}
  /** Front matter `since`: where a plan keeps the date it was written, when some sections are dated. */
  dateSource: PlanDateSource | undefined
  /** Alternatives of the closed choices in the template’s prose (`Low/Med/High`), lower case; read on first use. */
  readonly choiceVocabulary: ReadonlySet<string>
  /** Text of the template’s bracketed placeholders (`link to prd`), lower case; read on first use. */
  readonly placeholderTexts: ReadonlySet<string>
}

const idPattern = /^[a-z0-9][a-z0-9-]*$/

/** Which sections `no-empty-sections` checks (front matter `emptySections`): every heading, or only the template’s required sections. */
export const emptySectionScopes = ['all', 'required'] as const
export type EmptySectionScope = (typeof emptySectionScopes)[number]

/** How strictly a plan must place the template’s sections (front matter `placement`). */
export const placements = ['strict', 'any'] as const
export type Placement = (typeof placements)[number]

export const templateFrontMatterSchema = lazySchema((z) =>
  z
  .object({
    id: z.string().regex(idPattern, 'expected a kebab-case id such as `rfc`').optional(),
    description: z.string().optional(),
    optional: z.array(z.string()).optional(),
    guidance: z.array(z.string()).optional(),
    alternatives: z.record(z.string(), z.array(z.string())).optional(),
    versions: z.array(z.string().trim().min(1)).optional(),
    paths: z.array(z.string().trim().min(1)).optional(),
    placeholders: z
      .object({
        markers: z.array(z.string().trim().min(1)).optional(),
        allow: z.array(patternString(z)).optional(),
        inCode: z.array(patternString(z)).optional(),
        kept: z.array(z.string().trim().min(1)).optional()
      })
      .strict()
      .optional(),
    tasks: z
      .object({
        id: regExpSource(z),
        subId: regExpSource(z).optional(),
        story: regExpSource(z).optional(),
        optionalMark: z.literal('*').optional(),
        stories: z.object({file: z.string().min(1), heading: regExpSource(z), section: regExpSource(z).optional()}).strict().optional(),
        checkboxes: z.boolean().optional()
      })
      .strict()
      .optional(),
    uniqueIds: z.array(regExpSource(z)).optional(),
    criteria: z
      .object({
        requirement: regExpSource(z).optional(),
        section: z.array(z.string().trim().min(1)).optional(),
        story: z.array(z.string().trim().min(1)).optional(),
        form: z.enum(['ears']).optional(),
        label: regExpSource(z).optional()
      })
      .strict()
      .optional(),
    references: z
      .object({
        criteria: z.object({file: z.string().trim().min(1), template: z.string().regex(idPattern, 'expected a template id')}).strict().optional(),
        cite: z.array(regExpSource(z)).min(1),
        coverage: z.boolean().optional()
      })
      .strict()
      .optional(),
    placement: z.enum(placements).optional(),
    emptySections: z.enum(emptySectionScopes).optional(),
    risks: z
      .object({
        format: z.enum(['table', 'list']).optional(),
        likelihood: z.array(z.string()).optional(),
        impact: z.array(z.string()).optional(),
        fields: z.array(z.string()).optional(),
        scale: z.array(z.string()).optional(),
        sections: z.array(z.string()).optional()
      })
      .strict()
      .optional(),
    ...planStateSchemaShape(z),
    ...sectionConditionsSchemaShape(z),
    ...requirementsSchemaShape(z)
  })
  .strict()
)

/** A literal string, or a regular expression written `/…/flags`. */
function patternString(z: typeof import('zod').z) {
  return z.string().refine((value) => isPattern(value), {error: 'a string, or a valid regular expression written `"/…/flags"`'})
}

/** The source of a regular expression (`T\d+`). */
function regExpSource(z: typeof import('zod').z) {
  return z.string().refine((value) => isPattern('/' + value + '/'), {error: 'a valid regular expression such as `"T\\d+"`'})
}

function isPattern(value: string): boolean {
  try {
    toPattern(value)
    return true
  } catch {
    return false
  }
}

/** A template file that cannot be used: an options mistake, since options name it. */
export class TemplateError extends OptionsError {
  override name = 'TemplateError'
}

/**
 * What a template file says, as plain data: enough to build the `Template`
 * without parsing its Markdown again (the built-in ones ship compiled, see
 * `src/template/builtin.ts`).
 */
export interface TemplateData {
  id: string
  /** `description` from the front matter, if any. */
  description: string | undefined
  title: string | undefined
  body: string
  /** The H2 and H3 headings, in order, with the keys of their body’s text units. */
  headings: Array<{text: string; depth: number; line: number; textKeys: string[]}>
  /** Front matter `optional` and `guidance`. */
  optional: string[]
  guidance: string[]
  /** Front matter `alternatives`: other headings that stand for a section (older versions of the template). */
  alternatives?: Record<string, string[]>
  /** Front matter `versions`: files of the template’s older versions, as written (relative to the template). */
  versions?: string[]
  /** Front matter `paths`: globs of where the format keeps its documents. */
  paths?: string[]
  /** Front matter `placeholders`, patterns as written. */
  placeholders?: {markers?: string[] | undefined; allow?: string[] | undefined; inCode?: string[] | undefined; kept?: string[] | undefined}
  /** Front matter `tasks`, regular expression sources. */
  tasks?: {
    id: string
    subId?: string | undefined
    story?: string | undefined
    stories?: {file: string; heading: string; section?: string | undefined} | undefined
    checkboxes?: boolean | undefined
    optionalMark?: string | undefined
  }
  /** Front matter `requirements`. */
  requirements?: RequirementFactsData
  /** Front matter `uniqueIds`, regular expression sources. */
  uniqueIds?: string[]
  /** Front matter `criteria` and `references`, regular expressions as sources. */
  criteria?: CriteriaData
  references?: ReferencesData
  /** Front matter `placement`. */
  placement?: Placement
  /** Front matter `emptySections`. */
  emptySections?: EmptySectionScope
  /** Front matter `since` and `requiredWith`. */
  since?: SinceData
  requiredWith?: Record<string, string[]>
  risks: {[Key in keyof RiskFacts]?: RiskFacts[Key] | undefined}
  planState: PlanStateData
  /** Precomputed placeholder facts; read from the tree on first use when absent. */
  choiceVocabulary?: string[]
  placeholderTexts?: string[]
  /** Precomputed (built-in templates): the template’s text across its versions, and each section’s Markdown; read on first use when absent. */
  text?: CompiledTemplateText
  sectionTexts?: Array<string | null>
}

/** `textOfAllVersions` as data (src/template/versions.ts). */
export interface CompiledTemplateText {
  keys: string[]
  hashed: string[]
  headerLabels: string[]
  units: number
}

/**
 * Build a template from Markdown.
 * @param value template text
 * @param source where it came from (for messages)
 * @param fallbackId id when the front matter gives none (the file name)
 * @param directory the folder that front matter `versions` paths are relative to (default: the source’s)
 */
export function parseTemplate(value: string, source: string, fallbackId: string, builtin = false, directory?: string): Template {
  const {data, tree} = readTemplateData(value, source, fallbackId)
  let placeholderFacts: TemplatePlaceholderFacts | undefined
  return buildTemplate(data, source, builtin, () => (placeholderFacts ??= templatePlaceholderFacts(tree, value)), directory)
}

/** Read a template’s Markdown into data (and keep the tree for its placeholder facts). */
export function readTemplateData(value: string, source: string, fallbackId: string): {data: TemplateData; tree: Root} {
  const tree = parseMarkdown(value)
  const first = tree.children[0]
  const bodyStart = first?.type === 'yaml' ? (first.position?.end.offset ?? 0) : 0
  const meta = readTemplateMeta(tree, source)
  let title: string | undefined
  const headings: TemplateData['headings'] = []
  const bodies = sectionBodies(tree)
  for (const [index, node] of tree.children.entries()) {
    if (node.type !== 'heading') continue
    const raw = toString(node)
    if (node.depth === 1) {
      title ??= displayText(raw) === '' ? undefined : raw.trim()
      continue
    }
    // Sections are H2 and H3: deeper headings are detail, not structure.
    if (node.depth > 3) continue
    const keys = textUnits(bodies.get(index) ?? [], value).filter((unit) => unit.key !== '')
    headings.push({text: raw, depth: node.depth, line: node.position?.start.line ?? 0, textKeys: [...new Set(keys.map((unit) => unit.key))]})
  }
  const data: TemplateData = {
    id: meta.id ?? fallbackId,
    description: meta.description,
    title,
    body: value.slice(bodyStart).replace(/^\s+/, ''),
    headings,
    optional: meta.optional ?? [],
    guidance: meta.guidance ?? [],
    risks: meta.risks ?? {},
    planState: readPlanState(meta, tree, value)
  }
  if (meta.alternatives) data.alternatives = meta.alternatives
  if (meta.versions) data.versions = meta.versions
  if (meta.paths) data.paths = meta.paths
  if (meta.placeholders) data.placeholders = meta.placeholders
  if (meta.tasks) data.tasks = meta.tasks
  if (meta.uniqueIds) data.uniqueIds = meta.uniqueIds
  if (meta.criteria) data.criteria = meta.criteria
  if (meta.references) data.references = meta.references
  if (meta.requirements) data.requirements = meta.requirements
  if (meta.placement) data.placement = meta.placement
  if (meta.emptySections) data.emptySections = meta.emptySections
  if (meta.since) data.since = meta.since
  if (meta.requiredWith) data.requiredWith = meta.requiredWith
  return {data, tree}
}

/**
 * The template model from its data.
 * @param facts placeholder facts, when `data` does not hold them
 * @param directory the folder that front matter `versions` paths are relative to
 */
export function buildTemplate(
  data: TemplateData,
  source: string,
  builtin: boolean,
  facts?: () => TemplatePlaceholderFacts,
  directory = path.dirname(path.resolve(source))
): Template {
  const {id, title} = data
  if (!idPattern.test(id)) {
    throw new TemplateError(
      `Unexpected template id \`${id}\` in \`${source}\`, expected a kebab-case id (add \`id: my-template\` to its front matter)`
    )
  }

  const optionalKeys = new Set(data.optional.map((text) => headingKey(text)))
  const guidanceKeys = new Set(data.guidance.map((text) => headingKey(text)))
  const alternativesByKey = new Map(
    Object.entries(data.alternatives ?? {}).map(([text, others]) => [headingKey(text), others.map((other) => alternativePattern(other, headingKey(text)))])
  )
  const usedAlternatives = new Set<string>()
  const contentKeys = new Set(data.planState.content.map((text) => headingKey(text)))
  const completionKeys = new Set(data.planState.completion.map((text) => headingKey(text)))
  const emptyKeys = new Set((data.planState.empty ?? []).map((text) => headingKey(text)))
  const addedKeys = sinceByKey(data.since?.sections)
  const requiredKeys = sinceByKey(data.since?.required)
  const sections: TemplateSection[] = []
  const stack: TemplateSection[] = []

  for (const heading of data.headings) {
    const raw = heading.text
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= heading.depth) stack.pop()
    const parent = stack[stack.length - 1]
    const key = headingKey(raw)
    const pattern = withAlternatives(headingPattern(raw), alternativesByKey.get(key))
    if (alternativesByKey.has(key)) usedAlternatives.add(key)
    const siblings = parent ? parent.children : sections.filter((section) => !section.parent)
    const previous = siblings[siblings.length - 1]
    // `Phase 1`, `Phase 2`, … next to each other are one group.
    if (previous && previous.pattern.repeated && pattern.repeated && previous.label === pattern.label) {
      for (const textKey of heading.textKeys) (previous.textKeys as Set<string>).add(textKey)
      stack.push(previous)
      continue
    }
    const section: TemplateSection = {
      index: sections.length,
      depth: heading.depth,
      text: displayText(raw),
      label: pattern.label,
      numbering: leadingNumbering(raw),
      pattern,
      optional: isMarkedOptional(raw) || optionalKeys.has(key),
      guidance: guidanceKeys.has(key),
      parent,
      children: [],
      line: heading.line,
      textKeys: new Set(heading.textKeys),
      // A checklist (`Security Testing Checklist`) is content wherever it is.
      content: contentKeys.has(key) || completionKeys.has(key) || /\bchecklist\b/.test(key),
      completion: completionKeys.has(key),
      mayBeEmpty: emptyKeys.has(key),
      since: requiredKeys.get(key) ?? addedKeys.get(key),
      added: addedKeys.get(key),
      requiredWith: []
    }
    parent?.children.push(section)
    sections.push(section)
    stack.push(section)
  }

  if (sections.length === 0) {
    throw new TemplateError(
      `Unexpected template \`${source}\` without sections, expected \`## Section\` headings that plans must have`
    )
  }

  if (title) usedAlternatives.add(headingKey(title))
  for (const text of Object.keys(data.alternatives ?? {})) {
    if (!usedAlternatives.has(headingKey(text))) {
      throw new TemplateError(
        `Unexpected \`alternatives\` entry \`${text}\` in the front matter of template \`${source}\`, expected the title or a heading of the template`
      )
    }
  }

  resolveSectionConditions(data, sections, source)
  const alwaysRequired = sections.filter((section) => isAlwaysRequired(section))
  const risks = data.risks
  const compiled =
    data.choiceVocabulary && data.placeholderTexts
      ? {choiceVocabulary: new Set(data.choiceVocabulary), placeholderTexts: new Set(data.placeholderTexts)}
      : undefined
  const placeholderFacts = (): TemplatePlaceholderFacts => {
    if (compiled) return compiled
    if (!facts) throw new Error(`Template \`${id}\` has no placeholder facts`)
    return facts()
  }
  return {
    get choiceVocabulary() {
      return placeholderFacts().choiceVocabulary
    },
    get placeholderTexts() {
      return placeholderFacts().placeholderTexts
    },
    id,
    description: data.description ?? (title ? displayText(title) : id),
    title,
    matchesTitle: titleMatcher(title, alternativesOf(data, title)),
    source,
    builtin,
    body: data.body,
    sections,
    alwaysRequired,
    risks: {
      format: risks.format ?? 'table',
      likelihood: risks.likelihood ?? ['Likelihood', 'Probability'],
      impact: risks.impact ?? ['Impact'],
      fields: risks.fields ?? [],
      scale: risks.scale ?? ['Low', 'Medium', 'High'],
      sections: risks.sections ?? []
    },
    placeholders: {
      markers: data.placeholders?.markers ?? [],
      allow: (data.placeholders?.allow ?? []).map((value) => toPattern(value)),
      inCode: (data.placeholders?.inCode ?? []).map((value) => toPattern(value)),
      kept: new Set((data.placeholders?.kept ?? []).map((line) => keptLineKey(line)))
    },
    tasks: data.tasks
      ? {
          id: new RegExp(data.tasks.id, 'u'),
          subId: data.tasks.subId === undefined ? undefined : new RegExp(data.tasks.subId, 'u'),
          story: data.tasks.story === undefined ? undefined : new RegExp(data.tasks.story, 'u'),
          optionalMark: data.tasks.optionalMark,
          stories: data.tasks.stories
            ? {
                file: data.tasks.stories.file,
                heading: new RegExp(data.tasks.stories.heading, 'iu'),
                section: data.tasks.stories.section === undefined ? undefined : new RegExp(data.tasks.stories.section, 'iu')
              }
            : undefined,
          checkboxes: data.tasks.checkboxes ?? false
        }
      : undefined,
    requirements: requirementFacts(data.requirements),
    uniqueIds: (data.uniqueIds ?? []).map((source) => new RegExp(source, 'u')),
    criteria: buildCriteriaFormat(data.criteria),
    references: buildReferenceFormat(data.references),
    placement: data.placement ?? 'strict',
    emptySections: data.emptySections ?? 'all',
    paths: data.paths ?? [],
    status: {...data.planState.status, file: data.planState.status.file},
    claims: data.planState.claims,
    completionKeys,
    contentKeys,
    versionFiles: (data.versions ?? []).map((file) => path.resolve(directory, file)),
    compiled: {text: data.text, sectionTexts: data.sectionTexts},
    dateSource: data.since ? {field: data.since.field, file: data.since.file} : undefined
  }
}

/** A kept line as a text unit’s key: without its list marker and task box (`- [ ] `). */
export function keptLineKey(line: string): string {
  return unitKey(line.replace(/^\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:\[[ xX]\]\s+)?/, ''))
}

/** Check that front matter `since` and `requiredWith` name sections of the template, and link `requiredWith` to them. */
function resolveSectionConditions(data: TemplateData, sections: TemplateSection[], source: string): void {
  const byKey = new Map(sections.map((section) => [headingKey(section.text), section]))
  const named = (text: string, key: string): TemplateSection => {
    const section = byKey.get(headingKey(text))
    if (!section) {
      throw new TemplateError(`Unexpected \`${key}\` entry \`${text}\` in the front matter of template \`${source}\`, expected a heading of the template`)
    }
    return section
  }
  for (const text of [...Object.keys(data.since?.sections ?? {}), ...Object.keys(data.since?.required ?? {})]) named(text, 'since')
  for (const [text, others] of Object.entries(data.requiredWith ?? {})) {
    named(text, 'requiredWith').requiredWith = others.map((other) => named(other, 'requiredWith'))
  }
}

/** The `alternatives` front matter gives for a heading (or the title). */
function alternativesOf(data: TemplateData, text: string | undefined): string[] {
  if (text === undefined || !data.alternatives) return []
  const key = headingKey(text)
  for (const [heading, others] of Object.entries(data.alternatives)) {
    if (headingKey(heading) === key) return others
  }
  return []
}

/** The title pattern, and those of the titles older versions of the template used. */
function titleMatcher(title: string | undefined, alternatives: string[]): (key: string) => boolean {
  if (!title) return () => false
  const patterns = [title, ...alternatives].map((text) => titlePattern(text))
  return (key) => patterns.some((pattern) => pattern(key))
}

/** A heading pattern that also accepts the headings an older version of the template used. */
function withAlternatives(pattern: HeadingPattern, alternatives: HeadingPattern[] | undefined): HeadingPattern {
  if (!alternatives || alternatives.length === 0) return pattern
  return {...pattern, test: (key) => pattern.test(key) || alternatives.some((alternative) => alternative.test(key))}
}

const regExpString = /^\/(.+)\/([dimsuv]*)$/s

/** `"/…/flags"` is a regular expression; any other string is matched as it is. */
export function toPattern(value: string): string | RegExp {
  const match = regExpString.exec(value)
  if (!match) return value
  return new RegExp(match[1]!, match[2]!)
}

/** A section a plan must have once its parent is present. */
export function isRequired(section: TemplateSection): boolean {
  return !section.optional && !section.guidance
}

function isAlwaysRequired(section: TemplateSection): boolean {
  let current: TemplateSection | undefined = section
  while (current) {
    if (!isRequired(current)) return false
    current = current.parent
  }
  return true
}

function readTemplateMeta(tree: Root, source: string): z.infer<ReturnType<typeof templateFrontMatterSchema>> {
  const frontMatter = readFrontMatter(tree)
  if (frontMatter.kind === 'none') return {}
  if (frontMatter.kind === 'invalid') {
    throw new TemplateError(`Cannot read the front matter of template \`${source}\`: ${frontMatter.reason}`)
  }
  const result = templateFrontMatterSchema().safeParse(frontMatter.data)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue && issue.path.length > 0 ? `\`${issue.path.join('.')}\`` : 'front matter'
    throw new TemplateError(
      `Unexpected ${where} in the front matter of template \`${source}\`: ${issue?.message ?? 'invalid'}`
    )
  }
  return result.data
}

/** How messages show a section: `## 1. Context & Problem Analysis`, `### Phase N: …`. */
export function sectionName(section: TemplateSection): string {
  const text = section.pattern.repeated ? section.label : section.numbering + section.text
  return '`' + '#'.repeat(section.depth) + ' ' + text + '`'
}

const sectionTexts = new WeakMap<Template, Map<TemplateSection, string>>()

/**
 * The template’s own Markdown for a section (its heading, body and
 * subsections, with `\n` line endings): what a plan missing the section gets
 * back. For a group (`Phase 1`, `Phase 2`, …), its first heading’s part.
 */
export function sectionTemplateText(template: Template, section: TemplateSection): string {
  let texts = sectionTexts.get(template)
  if (!texts) {
    const compiled = template.compiled.sectionTexts
    texts = compiled ? compiledSectionTexts(template, compiled) : readSectionTexts(template)
    sectionTexts.set(template, texts)
  }
  return texts.get(section) ?? '#'.repeat(section.depth) + ' ' + section.numbering + section.text
}

/** Each section’s Markdown, in section order (`null`: not found), for `templates/compiled.json`. */
export function sectionTextsOf(template: Template): Array<string | null> {
  const texts = readSectionTexts(template)
  return template.sections.map((section) => texts.get(section) ?? null)
}

function compiledSectionTexts(template: Template, compiled: Array<string | null>): Map<TemplateSection, string> {
  const texts = new Map<TemplateSection, string>()
  template.sections.forEach((section, index) => {
    const text = compiled[index]
    if (typeof text === 'string') texts.set(section, text)
  })
  return texts
}

function readSectionTexts(template: Template): Map<TemplateSection, string> {
  const body = template.body
  const tree = parseMarkdown(body)
  const headings = tree.children.filter(
    (node): node is Extract<typeof node, {type: 'heading'}> => node.type === 'heading' && node.depth > 1 && node.depth <= 3
  )
  const texts = new Map<TemplateSection, string>()
  const first = headings[0]?.position?.start.line
  const firstSection = template.sections[0]
  if (first === undefined || !firstSection) return texts
  // Section lines count from the template file's first line; the body starts after the front matter.
  const shift = firstSection.line - first
  for (const section of template.sections) {
    const index = headings.findIndex((node) => node.position?.start.line === section.line - shift)
    const heading = headings[index]
    const start = heading?.position?.start.offset
    if (start === undefined) continue
    const next = headings.slice(index + 1).find((node) => node.depth <= section.depth)
    const title = tree.children.find(
      (node) => node.type === 'heading' && node.depth === 1 && (node.position?.start.offset ?? -1) > start
    )
    const ends = [next?.position?.start.offset, title?.position?.start.offset, body.length].filter(
      (offset): offset is number => offset !== undefined
    )
    texts.set(section, body.slice(start, Math.min(...ends)).replace(/\r\n?/g, '\n').replace(/\s+$/, ''))
  }
  return texts
}
