import {createRequire} from 'node:module'
import path from 'node:path'
import type {Html, PhrasingContent, Root, RootContent, Yaml} from 'mdast'
import type picomatchModule from 'picomatch'
import type {VFile} from 'vfile'
import {contextOf, type PlanContext} from './context.js'
import {readFrontMatter} from '../markdown/front-matter.js'
import {outlineOf, type Outline, type OutlineHeading} from './outline.js'
import type {Template, TemplateSection} from '../template/template.js'
import {perTree} from './per-tree.js'
import {taskIdAtStart, tasksOf} from './tasks.js'
import {listItemsOf} from './list-items.js'

/**
 * Which template a plan follows. First match wins: the `template` option,
 * front matter `template: <id>`, a `<!-- plan-lint template: <id> -->`
 * comment, a glob in `templateGlobs`; then, for a file that is not a
 * template itself (see `templateFileReason`), the place a format keeps its
 * documents (template front matter `paths`) with one of its sections or its
 * title, then the H1 title with evidence
 * from the sections (see `titleEvidence`; of several templates with that
 * title, the user’s own before a built-in, then the one whose sections the
 * plan covers best), then the template whose required sections the plan
 * covers best, if at least half and at least three of them.
 */

/**
 * Sections of the template a plan whose title matches must have when it
 * covers less than half of the required ones: one or two common headings
 * (`Dependencies`, `Overview`) under a matching title prove nothing.
 */
export const titleMinimumSections = 3
/** Share of the plan’s own top-level sections that must be the template’s when it covers less than half of the template. */
export const titleMinimumOwnShare = 0.5
/** Share of required sections a plan must cover without any other evidence. */
export const sectionsMinimumCoverage = 0.5
/** Required sections a plan must have without any other evidence: one or two common headings (`Phase 1`, `Dependencies`) prove nothing. */
export const sectionsMinimumFound = 3

export type DetectionSource = 'option' | 'front-matter' | 'comment' | 'glob' | 'path' | 'title' | 'sections'

export interface Detection {
  template: Template | undefined
  /** How the template was found; `undefined` when none applies. */
  via: DetectionSource | undefined
  /** Share (0–1) of the template’s always-required sections the plan has. */
  coverage: number
  /** The same share among the template’s top-level sections (`##` in most templates). */
  topLevelCoverage: number
  /** The plan has a top-level section that the template does not name. */
  foreignSections: boolean
  /** What the template was found by, for messages (zeros when declared). */
  evidence: Evidence
  /** Why the file is taken for a template rather than a plan (then no template applies). */
  templateFile: string | undefined
  /** A declared template id that no template has. */
  unknown: {id: string; via: 'front-matter' | 'comment' | 'glob'; node: Yaml | Html | undefined} | undefined
  /** The plan declares `template: none`. */
  optedOut: boolean
  /** A template whose title the plan’s title matches, assigned or not (then its sections or marks were not evidence enough). */
  titled: Template | undefined
  /** The file’s path as matched against template `paths` (absolute, `/` separated). */
  path?: string | undefined
}

/** The sections behind a detection: how many of the template’s required ones the plan has, and how many of its own top-level sections are the template’s. */
export interface Evidence {
  /** Always-required sections of the template found in the plan. */
  found: number
  /** The template’s always-required sections. */
  required: number
  /** Sections of the template, required or optional, found in the plan. */
  present: number
  /** The plan’s top-level sections (under the title) that name a section of the template. */
  topLevelMatched: number
  /** The plan’s top-level sections (under the title). */
  topLevel: number
  /** The plan’s sections at the template’s levels (under the title). */
  sections: number
  /** Those of them that name a section of the template. */
  sectionsMatched: number
}

/**
 * Whether a plan whose title matches the template follows it: it has at
 * least half of the template’s required sections and some of its own
 * top-level sections are the template’s; or some of the required ones, at
 * least three of the template’s sections (optional ones count) and most of
 * its own sections, top-level and in all, are the template’s. A title over a
 * home-grown outline (`# Technical Plan: …` with `## Overview`, `## API`,
 * `## Risks`; `## Task Breakdown` holding a `### Phase 1`) is a
 * coincidence of names, not a plan of that template.
 */
export function titleEvidence(evidence: Evidence): boolean {
  if (evidence.required > 0 && evidence.found / evidence.required >= sectionsMinimumCoverage) {
    return evidence.topLevel === 0 || evidence.topLevelMatched > 0
  }
  return (
    evidence.found >= 1 &&
    evidence.present >= titleMinimumSections &&
    evidence.topLevel > 0 &&
    evidence.topLevelMatched / evidence.topLevel >= titleMinimumOwnShare &&
    evidence.sectionsMatched / evidence.sections >= titleMinimumOwnShare
  )
}

/**
 * Whether the document’s tasks are in the format of a template that
 * declares one (front matter `tasks`): a task with such an id, as a task
 * item (`- [ ] T012 …`) or a heading (`### T012: …`), or no task items at
 * all (an outline with its tasks still to write). A `# Tasks: …` list of
 * its own (`1. [x] Add the counter`, no ids) does not follow it.
 */
export function hasTemplateMarks(template: Template, tree: Root, file: VFile, outline: Outline): boolean {
  const format = template.tasks
  if (!format) return true
  if (tasksOf(tree, file, format).length > 0) return true
  const idAtStart = taskIdAtStart(format)
  if (outline.headings.some((heading) => heading !== outline.title && idAtStart.test(heading.text.trim()))) return true
  return !listItemsOf(tree, file).lists.some((list) => list.items.some((item) => item.box))
}

/** How a message names the evidence: `its title matches \`Technical Plan: …\` and 9 of its 30 required sections are present`. */
export function describeEvidence(detection: Detection): string {
  const {template, via, evidence} = detection
  if (!template) return ''
  const sections = `${evidence.found} of its ${evidence.required} required sections ${evidence.found === 1 ? 'is' : 'are'} present`
  switch (via) {
    case 'option':
      return 'the `template` option names it'
    case 'front-matter':
      return 'front matter declares it'
    case 'comment':
      return 'a `plan-lint template` comment declares it'
    case 'glob':
      return 'option `templateGlobs` assigns it to this path'
    case 'path':
      return `its path matches \`${template.paths.find((glob) => pathMatches(detection.path ?? '', glob)) ?? template.paths[0]}\``
    case 'title':
      return `its title matches \`${titleShape(template)}\` and ${sections}`
    default:
      return sections
  }
}

/** Why a document has its template, or why it has none, in words (`plan-lint which`, the MCP server). */
export function detectionReason(detection: Detection): string {
  if (detection.template) return describeEvidence(detection)
  if (detection.optedOut) return 'it declares `template: none`'
  if (detection.unknown) return `it declares template \`${detection.unknown.id}\`, which no template has`
  if (detection.templateFile) return `it is taken for a template, not a plan: ${detection.templateFile}`
  return 'no template’s title, sections or paths match'
}

/** The template’s title with its placeholders as `…` (`Technical Plan: …`). */
export function titleShape(template: Template): string {
  return (template.title ?? template.id).replace(/\[[^\]\n]*\]/g, '…').replace(/\s+/g, ' ').trim()
}

/**
 * A plan found by its title or path whose sections are mostly not the template’s:
 * it gets one summary finding instead of one per missing section. That is a
 * plan with fewer than half of the template’s top-level sections, or with
 * fewer than half of all its sections and top-level sections of its own. A
 * plan of a small template that lost one section with its subsections, and
 * has nothing else, still gets the precise finding. `isFound` says which
 * sections the plan has, under other names too; `required`, the sections
 * this plan must have (of the template version it follows, `since`).
 */
export function isLooseMatch(
  detection: Detection,
  isFound?: (section: TemplateSection) => boolean,
  required: TemplateSection[] = detection.template!.alwaysRequired
): boolean {
  if (detection.via !== 'title' && detection.via !== 'path') return false
  // A template that requires no section (an OpenSpec delta, a Kiro task list found by its place) misses nothing;
  // nor does a plan written before its template required any (`since`).
  if (required.length === 0) return false
  let {coverage, topLevelCoverage} = detection
  // Sections present under other names (`## Functional Requirements` for `## Requirements`) count.
  if (isFound) {
    const topLevel = required.filter((section) => !section.parent)
    coverage = required.length === 0 ? 0 : required.filter(isFound).length / required.length
    topLevelCoverage = topLevel.length === 0 ? 0 : topLevel.filter(isFound).length / topLevel.length
  }
  if (topLevelCoverage < sectionsMinimumCoverage) return true
  return coverage < sectionsMinimumCoverage && detection.foreignSections
}

/** Whether the document is a plan: of a template, or titled as one (a task list of its own under `# Tasks: …`). */
export function isPlan(detection: Detection): boolean {
  return detection.template !== undefined || detection.titled !== undefined
}

/** The plan’s template, computed once per tree. */
export const detectionOf = perTree((tree: Root, file: VFile): Detection => detect(tree, file, contextOf(file)))

/** Share of a template’s always-required top-level sections found anywhere in the outline. */
function topLevelCoverageOf(template: Template, outline: Outline): number {
  const topLevel = template.alwaysRequired.filter((section) => !section.parent)
  return topLevel.length === 0 ? 0 : sectionsFound(template, outline, topLevel) / topLevel.length
}

/** Whether the outline has a top-level section (under the title) that no section of the template names. */
function hasForeignSections(template: Template, outline: Outline): boolean {
  const depth = Math.min(...template.sections.map((section) => section.depth))
  return outline.headings.some(
    (heading) =>
      heading !== outline.title &&
      heading.depth <= depth &&
      !template.sections.some((section) => section.pattern.test(heading.key))
  )
}

/** How many of a template’s always-required sections (or of `sections`) the outline has. */
function sectionsFound(template: Template, outline: Outline, sections = template.alwaysRequired): number {
  let found = 0
  for (const section of sections) {
    if (outline.headings.some((heading) => section.pattern.test(heading.key))) found++
  }
  return found
}

// Loaded on first use: most runs configure no `templateGlobs` and meet no template `paths`.
let picomatch: typeof picomatchModule | undefined
const loadPicomatch = (): typeof picomatchModule =>
  (picomatch ??= createRequire(import.meta.url)('picomatch') as typeof picomatchModule)

const commentDeclaration = /^<!--\s*plan-lint\s+template\s*:\s*([^\s]+)\s*-->$/

/** The template id a `templateGlobs` glob gives the file’s path, if one does. */
export function globAssigns(file: VFile, context: PlanContext): string | undefined {
  const entries = Object.entries(context.templateGlobs)
  if (!file.path || entries.length === 0) return undefined
  const relative = relativePath(file)
  return entries.find(([glob]) => loadPicomatch().isMatch(relative, glob, {dot: true}))?.[1]
}

function detect(tree: Root, file: VFile, context: PlanContext): Detection {
  const outline = outlineOf(tree)
  const nothing = {evidence: noEvidence, templateFile: undefined, unknown: undefined, optedOut: false, titled: undefined}
  // Each template is measured against the outline once, whichever ways of finding it ask.
  const measures = new Map<Template, Measure>()
  const measure = (template: Template): Measure => {
    let measured = measures.get(template)
    if (!measured) measures.set(template, (measured = measureOf(template, outline)))
    return measured
  }
  const found = (template: Template, via: DetectionSource): Detection => ({template, via, ...nothing, ...measure(template)})
  const none = (coverage: number, extra: Partial<Detection> = {}): Detection => ({
    template: undefined,
    via: undefined,
    coverage,
    topLevelCoverage: 0,
    foreignSections: false,
    ...nothing,
    ...extra
  })
  const declared = (id: string, via: 'front-matter' | 'comment' | 'glob', node: Yaml | Html | undefined): Detection => {
    if (id === 'none') return none(0, {optedOut: true})
    const template = context.registry.get(id)
    if (template) return found(template, via)
    return none(0, {unknown: {id, via, node}})
  }

  if (context.forced) return found(context.forced, 'option')

  const first = tree.children[0]
  const frontMatter = readFrontMatter(tree)
  if (frontMatter.kind === 'data' && 'template' in frontMatter.data && first?.type === 'yaml') {
    return declared(String(frontMatter.data.template), 'front-matter', first)
  }

  for (const node of tree.children) {
    if (node.type !== 'html') continue
    const match = commentDeclaration.exec(node.value.trim())
    if (match) return declared(match[1]!.replace(/^["']|["']$/g, ''), 'comment', node)
  }

  const assigned = globAssigns(file, context)
  if (assigned !== undefined) return declared(assigned, 'glob', undefined)

  // A repository’s own template is not a plan: nothing declares it, so it is not checked.
  const templateFile = templateFileReason(tree, file, context, outline)
  if (templateFile) return none(0, {templateFile})

  // The user’s own templates first: a team template with a built-in’s title wins over it.
  const candidates = [...context.registry.templates].sort((a, b) => Number(a.builtin) - Number(b.builtin))
  const titleKey = outline.title?.key

  // Where a format keeps its documents (`openspec/changes/<id>/proposal.md`),
  // with one of the template’s sections or its title: a free title is then
  // no obstacle. Of several templates for the path, the best covered wins.
  if (file.path) {
    const where = absolutePath(file)
    let byPath: Detection | undefined
    for (const template of candidates) {
      if (!template.paths.some((glob) => pathMatches(where, glob))) continue
      const detection: Detection = {...found(template, 'path'), path: where}
      const titleMatches = titleKey !== undefined && template.matchesTitle(titleKey)
      // The format’s own place is evidence enough: its task ids (`hasTemplateMarks`) are not asked for.
      // A format whose documents need no section (an OpenSpec delta, whose sections are its operations) is known by its place alone.
      if (detection.evidence.present === 0 && !titleMatches && template.alwaysRequired.length > 0) continue
      if (!byPath || (detection.coverage > byPath.coverage && template.builtin === byPath.template!.builtin)) byPath = detection
    }
    if (byPath) return {...byPath, titled: titleKey !== undefined && byPath.template!.matchesTitle(titleKey) ? byPath.template : undefined}
  }
  let titled: Template | undefined
  if (titleKey !== undefined) {
    // Several templates may share a title (`Implementation Plan: …` is the
    // `implementation-plan` seed’s and spec-kit’s): the sections decide.
    let byTitle: Detection | undefined
    for (const template of candidates) {
      if (!template.matchesTitle(titleKey)) continue
      titled ??= template
      const detection = found(template, 'title')
      if (!titleEvidence(detection.evidence) || !hasTemplateMarks(template, tree, file, outline)) continue
      if (!byTitle || (detection.coverage > byTitle.coverage && detection.template!.builtin === byTitle.template!.builtin)) byTitle = detection
    }
    if (byTitle) return {...byTitle, titled: byTitle.template}
  }

  let best: Detection | undefined
  for (const template of candidates) {
    const detection = {...found(template, 'sections'), titled}
    if (detection.coverage < sectionsMinimumCoverage || detection.evidence.found < sectionsMinimumFound) continue
    if (!hasTemplateMarks(template, tree, file, outline)) continue
    if (!best || (detection.coverage > best.coverage && detection.template!.builtin === best.template!.builtin)) best = detection
  }
  if (best) return best

  let coverage = 0
  for (const template of context.registry.templates) {
    // A template that requires no section (an OpenSpec delta) is fully covered by any file: no measure of a non-plan.
    if (template.alwaysRequired.length > 0) coverage = Math.max(coverage, measure(template).coverage)
  }
  return none(coverage, {titled})
}

const noEvidence: Evidence = {found: 0, required: 0, present: 0, topLevelMatched: 0, topLevel: 0, sections: 0, sectionsMatched: 0}

/** What a template’s sections say about an outline: the parts of a `Detection` that do not depend on how it was found. */
type Measure = Pick<Detection, 'coverage' | 'topLevelCoverage' | 'foreignSections' | 'evidence'>

function measureOf(template: Template, outline: Outline): Measure {
  const evidence = evidenceOf(template, outline)
  return {
    // Share of the always-required sections found anywhere in the outline (all of none: 1).
    coverage: evidence.required === 0 ? 1 : evidence.found / evidence.required,
    topLevelCoverage: topLevelCoverageOf(template, outline),
    foreignSections: hasForeignSections(template, outline),
    evidence
  }
}

function evidenceOf(template: Template, outline: Outline): Evidence {
  const depth = Math.min(...template.sections.map((section) => section.depth))
  const deepest = Math.max(...template.sections.map((section) => section.depth))
  const isTemplates = (heading: OutlineHeading): boolean => template.sections.some((section) => section.pattern.test(heading.key))
  const topLevel = outline.headings.filter((heading) => heading !== outline.title && heading.depth <= depth)
  const sections = outline.headings.filter((heading) => heading !== outline.title && heading.depth <= deepest)
  return {
    found: sectionsFound(template, outline),
    required: template.alwaysRequired.length,
    present: sectionsFound(template, outline, template.sections),
    topLevelMatched: topLevel.filter(isTemplates).length,
    topLevel: topLevel.length,
    sections: sections.length,
    sectionsMatched: sections.filter(isTemplates).length
  }
}

export function absolutePath(file: VFile): string {
  return path.resolve(file.cwd, file.path).split(path.sep).join('/')
}

/** Whether a path matches a template’s `paths` glob at any depth (`**\/` before it; a leading `/` or `./` is the same). */
export function pathMatches(where: string, glob: string): boolean {
  let matches = pathMatchers.get(glob)
  if (!matches) pathMatchers.set(glob, (matches = pathMatcher(glob.replace(/^(?:\.?\/)+/, ''))))
  return matches(where)
}

/** Compiled `paths` globs: each file of a run is tested against every template's (a pure memo, keyed by the glob). */
const pathMatchers = new Map<string, (where: string) => boolean>()

function pathMatcher(glob: string): (where: string) => boolean {
  let matches: ((where: string) => boolean) | undefined
  const full = (where: string): boolean => (matches ??= loadPicomatch()('**/' + glob, {dot: true}))(where)
  // Segments written out (`openspec`, `proposal.md`) must be in the path: most files are ruled out without loading picomatch.
  const literals = glob.split('/').filter((segment) => segment !== '' && segment !== '.' && !/[*?[\]{}()!+@\\]/.test(segment))
  if (literals.length === 0) return full
  const parts = literals.map((literal) => '/' + literal)
  return (where) => parts.every((part) => where.includes(part + '/') || where.endsWith(part)) && full(where)
}

function relativePath(file: VFile): string {
  return path.relative(file.cwd, path.resolve(file.cwd, file.path)).split(path.sep).join('/')
}

/** A template file’s name: `template.md`, `plan-template.md`, `plan_template.md`. */
const templateFileName = /(?:^|[-_.])template\.(?:md|markdown|mdx?|txt)$/i
/** Placeholders in the `{name}` / `{{name}}` syntax of a team’s own template, in prose (not inside a path or name: `/runs/{id}`, `param_{name}`). */
const ownPlaceholder = /(?<![\w/$.#{-])\{\{?\s*[A-Za-z][\w .-]{0,40}?\s*\}\}?(?![\w/}])/g
/** Distinct own placeholders that make a file a template. */
const ownPlaceholdersMinimum = 3

/**
 * Why a file that declares no template is a template itself, not a plan, if
 * it is: one of the configured template files; named `template.md` or
 * `*-template.md`; in a `templates/` folder (`.specify/templates/` too); or
 * a title or prose written in placeholders of its own (`# Plan: {Title}`,
 * `{{owner}}`), a syntax no built-in template uses.
 */
export function templateFileReason(tree: Root, file: VFile, context: PlanContext, outline = outlineOf(tree)): string | undefined {
  const byPath = file.path ? templateFileByPath(file, context) : undefined
  if (byPath) return byPath
  const title = outline.title?.text ?? ''
  ownPlaceholder.lastIndex = 0
  if (ownPlaceholder.test(title) || /<[A-Za-z][\w-]*(?: [\w-]+)+>/.test(title)) return 'its title is a placeholder'
  // A filled title in a format's place for its documents (`docs/stories/story-1.10.md`,
  // `# Story 1.10: …`) is a plan that quotes a format string (`{document}, page {page}`).
  if (file.path && outline.title) {
    const where = absolutePath(file)
    const key = outline.title.key
    if (context.registry.templates.some((template) => template.matchesTitle(key) && template.paths.some((glob) => pathMatches(where, glob)))) return undefined
  }
  const seen = new Set<string>()
  for (const text of proseTexts(tree)) {
    for (const match of text.matchAll(ownPlaceholder)) seen.add(match[0].toLowerCase())
    if (seen.size >= ownPlaceholdersMinimum) return 'it is written in placeholders of its own'
  }
  return undefined
}

export function templateFileByPath(file: VFile, context: PlanContext): string | undefined {
  if (context.registry.files.includes(path.resolve(file.cwd, file.path))) return 'it is a configured template file'
  const relative = relativePath(file)
  if (templateFileName.test(path.posix.basename(relative))) return 'its name is a template’s'
  if (relative.split('/').slice(0, -1).some((segment) => segment.toLowerCase() === 'templates')) return 'it is in a `templates` folder'
  // A format that keeps each document in a numbered folder keeps its template in one too, numbered with a placeholder (`keps/NNNN-kep-template/README.md`).
  const folder = path.posix.basename(path.posix.dirname(relative))
  if (/^(?:N+|X+|0+)-(?:[a-z0-9]+-)*template$/i.test(folder)) return 'it is in a template’s folder'
  return undefined
}

/** Text of headings and paragraphs, without code (inline code included). */
function proseTexts(tree: Root): string[] {
  const texts: string[] = []
  const stack: Array<Root | RootContent | PhrasingContent> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'text') texts.push(node.value)
    else if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') continue
    else if ('children' in node) for (const child of node.children) stack.push(child as RootContent | PhrasingContent)
  }
  return texts
}
