import {createRequire} from 'node:module'
import path from 'node:path'
import type {Html, Root, Yaml} from 'mdast'
import type picomatchModule from 'picomatch'
import type {VFile} from 'vfile'
import {contextOf, type PlanContext} from '../pipeline/context.js'
import {readFrontMatter} from '../markdown/front-matter.js'
import {outlineOf, type Outline} from './outline.js'
import type {Template} from '../template/template.js'
import {headingKey} from '../template/heading-text.js'
import {perTree} from './per-tree.js'

/**
 * Which template a plan follows. First match wins: the `template` option,
 * front matter `template: <id>`, a `<!-- plan-lint template: <id> -->`
 * comment, a glob in `templateGlobs`, the H1 title (with at least one of the
 * template’s required sections; of several templates with that title, the one
 * whose sections the plan covers best), then the template whose required
 * sections the plan covers best, if at least half and at least three of them.
 */

/** Required sections a plan must have when only its title matches: a title alone may be a coincidence. */
export const titleMinimumSections = 1
/** Share of required sections a plan must cover without any other evidence. */
export const sectionsMinimumCoverage = 0.5
/** Required sections a plan must have without any other evidence: one or two common headings (`Phase 1`, `Dependencies`) prove nothing. */
export const sectionsMinimumFound = 3

export type DetectionSource = 'option' | 'front-matter' | 'comment' | 'glob' | 'title' | 'sections'

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
  /** A declared template id that no template has. */
  unknown: {id: string; via: 'front-matter' | 'comment' | 'glob'; node: Yaml | Html | undefined} | undefined
  /** The plan declares `template: none`. */
  optedOut: boolean
}

/**
 * A plan found by its title whose sections are mostly not the template’s:
 * it gets one summary finding instead of one per missing section. That is a
 * plan with fewer than half of the template’s top-level sections, or with
 * fewer than half of all its sections and top-level sections of its own. A
 * plan of a small template that lost one section with its subsections, and
 * has nothing else, still gets the precise finding.
 */
export function isLooseMatch(detection: Detection): boolean {
  if (detection.via !== 'title') return false
  if (detection.topLevelCoverage < sectionsMinimumCoverage) return true
  return detection.coverage < sectionsMinimumCoverage && detection.foreignSections
}

/** The plan’s template, computed once per tree. */
export const detectionOf = perTree((tree: Root, file: VFile): Detection => detect(tree, file, contextOf(file)))

/** Share of a template’s always-required sections found anywhere in the outline. */
export function coverageOf(template: Template, outline: Outline): number {
  const required = template.alwaysRequired.length
  return required === 0 ? 0 : sectionsFound(template, outline) / required
}

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

// Loaded on first use: most runs configure no `templateGlobs`.
let picomatch: typeof picomatchModule | undefined
const loadPicomatch = (): typeof picomatchModule =>
  (picomatch ??= createRequire(import.meta.url)('picomatch') as typeof picomatchModule)

const commentDeclaration = /^<!--\s*plan-lint\s+template\s*:\s*([^\s]+)\s*-->$/

/** Lines read from the top of a file for a title by `mayBePlan`. */
const headLines = 50

/**
 * Whether a file could be a plan, read from its text before any parse (for
 * files over the size limits, which are not parsed): a template is forced or
 * declared (front matter other than `template: none`, a `plan-lint template`
 * comment, a `templateGlobs` match), or an H1 in its first lines matches a
 * template's title. Anything else is not checked as a plan.
 */
export function mayBePlan(document: string, file: VFile, context: PlanContext): boolean {
  if (context.forced || context.requireTemplate) return true
  const lines = document.slice(0, 64_000).split(/\r\n|\r|\n/, 1000)
  let start = 0
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1)
    if (end !== -1) {
      const declaration = lines.slice(1, end).find((line) => /^template\s*:/.test(line))
      if (declaration !== undefined) return !/^template\s*:\s*["']?none["']?\s*$/.test(declaration)
      start = end + 1
    }
  }
  if (/<!--\s*plan-lint\s+template\s*:/.test(document)) return true
  if (file.path && Object.keys(context.templateGlobs).length > 0) {
    const relative = path.relative(file.cwd, path.resolve(file.cwd, file.path)).split(path.sep).join('/')
    if (Object.keys(context.templateGlobs).some((glob) => loadPicomatch().isMatch(relative, glob, {dot: true}))) return true
  }
  for (let index = start; index < Math.min(lines.length, start + headLines); index++) {
    const atx = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(lines[index]!)
    const setext = /^ {0,3}=+[ \t]*$/.test(lines[index + 1] ?? '') && lines[index]!.trim() !== '' ? lines[index]!.trim() : undefined
    const title = atx?.[1] ?? setext
    if (title === undefined) continue
    const key = headingKey(title)
    return context.registry.templates.some((template) => template.matchesTitle(key))
  }
  return false
}

function detect(tree: Root, file: VFile, context: PlanContext): Detection {
  const outline = outlineOf(tree)
  const found = (template: Template, via: DetectionSource): Detection => ({
    template,
    via,
    coverage: coverageOf(template, outline),
    topLevelCoverage: topLevelCoverageOf(template, outline),
    foreignSections: hasForeignSections(template, outline),
    unknown: undefined,
    optedOut: false
  })
  const declared = (id: string, via: 'front-matter' | 'comment' | 'glob', node: Yaml | Html | undefined): Detection => {
    if (id === 'none') return {template: undefined, via: undefined, coverage: 0, topLevelCoverage: 0, foreignSections: false, unknown: undefined, optedOut: true}
    const template = context.registry.get(id)
    if (template) return found(template, via)
    return {template: undefined, via: undefined, coverage: 0, topLevelCoverage: 0, foreignSections: false, unknown: {id, via, node}, optedOut: false}
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

  if (file.path) {
    const relative = path.relative(file.cwd, path.resolve(file.cwd, file.path)).split(path.sep).join('/')
    for (const [glob, id] of Object.entries(context.templateGlobs)) {
      if (loadPicomatch().isMatch(relative, glob, {dot: true})) return declared(id, 'glob', undefined)
    }
  }

  const titleKey = outline.title?.key
  if (titleKey !== undefined) {
    // Several templates may share a title (`Implementation Plan: …` is the
    // `implementation-plan` seed’s and spec-kit’s): the sections decide.
    let byTitle: Detection | undefined
    for (const template of context.registry.templates) {
      if (!template.matchesTitle(titleKey)) continue
      const detection = found(template, 'title')
      if (!byTitle || detection.coverage > byTitle.coverage) byTitle = detection
    }
    if (byTitle && sectionsFound(byTitle.template!, outline) >= titleMinimumSections) return byTitle
  }

  let best: Detection | undefined
  let bestFound = 0
  for (const template of context.registry.templates) {
    const detection = found(template, 'sections')
    if (!best || detection.coverage > best.coverage) {
      best = detection
      bestFound = sectionsFound(template, outline)
    }
  }
  if (best && best.coverage >= sectionsMinimumCoverage && bestFound >= sectionsMinimumFound) return best

  return {template: undefined, via: undefined, coverage: best?.coverage ?? 0, topLevelCoverage: 0, foreignSections: false, unknown: undefined, optedOut: false}
}
