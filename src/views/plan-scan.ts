import type {Heading} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {VFile} from 'vfile'
import type {PlanContext} from './context.js'
import {namesTemplate, readFrontMatter} from '../markdown/front-matter.js'
import {parseMarkdown} from '../markdown/parser.js'
import {headingKey} from '../template/heading-text.js'
import {
  absolutePath,
  globAssigns,
  pathMatches,
  sectionsMinimumCoverage,
  sectionsMinimumFound,
  templateFileByPath
} from './detect.js'

/**
 * Whether a file could be a plan, from its text alone, before any parse:
 * the pre-parse scan (docs/performance.md). It is conservative: it answers
 * `false` only where detection (`src/views/detect.ts`) would find no
 * template and no template title either, for every template of the
 * registry (built-in, configured and learned), so a file it rules out gives
 * no finding and `plan-lint which` prints `none` for it. That holds when:
 *
 * - no template is forced or required, and nothing declares one: front
 *   matter has no `template` (or `template: none`), no `plan-lint template`
 *   comment, no `templateGlobs` glob for the path;
 * - no template's `paths` take the path (a template file by its name or
 *   folder is no plan either);
 * - no heading that may be the title (depth 1) matches a template's title,
 *   and no template has half and at least three of its required sections
 *   among the headings (the title's evidence needs the title, the path's
 *   the path).
 *
 * Headings are read from the lines (`scanHeadings`): a superset of the
 * outline's, each with its exact comparison key or none (then it could
 * match anything).
 */
export function mayBePlan(document: string, file: VFile, context: PlanContext): boolean {
  if (context.forced || context.requireTemplate) return true
  const lines = linesOf(document)
  const frontMatterEnd = frontMatterEndOf(lines)
  // Front matter that may name a template is read as detection reads it.
  const frontMatter = frontMatterEnd > 0 ? lines.slice(1, frontMatterEnd).join('\n') : ''
  if (/template|\\/i.test(frontMatter)) {
    const read = readFrontMatter({type: 'root', children: [{type: 'yaml', value: frontMatter}]})
    // `template: none` opts out; any other value is a declaration (an unknown one is a finding).
    if (read.kind === 'data' && 'template' in read.data) return String(read.data.template) !== 'none'
    // Broken front matter that names a template is a finding (`known-template`).
    if (read.kind === 'invalid' && namesTemplate.test(frontMatter)) return true
  }
  if (/plan-lint\s+template/.test(document)) return true
  if (file.path) {
    if (globAssigns(file, context) !== undefined) return true
    if (templateFileByPath(file, context)) return false
    const where = absolutePath(file)
    if (context.registry.templates.some((template) => template.paths.some((glob) => pathMatches(where, glob)))) return true
  }
  // Each template's required sections seen so far; the first heading that settles it ends the scan.
  const templates = context.registry.templates
  const found = templates.map(() => new Set<number>())
  const settles = (heading: ScannedHeading): boolean => {
    const mayMatch = (test: (key: string) => boolean): boolean => heading.key === undefined || test(heading.key)
    return templates.some((template, index) => {
      if (heading.depth === 1 && mayMatch((key) => template.matchesTitle(key))) return true
      const required = template.alwaysRequired
      required.forEach((section, at) => {
        if (mayMatch((key) => section.pattern.test(key))) found[index]!.add(at)
      })
      const count = found[index]!.size
      return count >= sectionsMinimumFound && count / required.length >= sectionsMinimumCoverage
    })
  }
  // Read when a heading has brackets: a plan's title usually settles the scan first.
  let definitions: Definitions | null = null
  return scanHeadings(lines, frontMatterEnd, () => (definitions === null ? (definitions = definitionsOf(lines)) : definitions), settles)
}

/** A line that may be a section heading: its depth, and its comparison key (`undefined`: it could be anything). */
export interface ScannedHeading {
  depth: number
  key: string | undefined
}

/** Lines of the text, without a byte order mark. */
export function linesOf(document: string): string[] {
  return (document.charCodeAt(0) === 0xfe_ff ? document.slice(1) : document).split(/\r\n|\r|\n/)
}

/** Index of the line that closes YAML front matter opened on the first line, or 0. */
export function frontMatterEndOf(lines: string[]): number {
  if (!fenceOfFrontMatter.test(lines[0] ?? '')) return 0
  for (let index = 1; index < lines.length; index++) if (fenceOfFrontMatter.test(lines[index]!)) return index
  return 0
}

const fenceOfFrontMatter = /^---[ \t]*$/
const atx = /^ {0,3}(#{1,6})(?:[ \t]|$)/
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/
const codeFence = /^( {0,3})(`{3,}|~{3,})(.*)$/
const blank = /^[ \t]*$/
/** Characters with an inline meaning: a heading with none of them reads as written. */
const markup = /[\\`*_[\]<>&~]/
/** A setext heading's text over more lines than this is not worked out: it could be anything. */
const setextLines = 10
/** Heading text longer than this is not parsed on its own: it could be anything. */
const headingLength = 2000

/**
 * Every line that may be a root-level section heading (ATX, or setext with
 * each run of the lines above it that may be its text), outside front
 * matter and outside fenced code where the fence is certain: one opened at
 * the line start, not where an HTML block may be open. After any fence
 * that is not certain (indented, or in possible HTML), code is read for
 * headings too: more candidates, never fewer. Keys of headings written with
 * inline markup come from parsing their text alone, the preset's way.
 * Where the document may define link references (`[a]: …`), which may turn
 * a heading's brackets into a link, a heading with brackets is parsed both
 * alone and with those definitions (`definitionsOf`), and may be either.
 */
export function scanHeadings(lines: string[], frontMatterEnd: number, definitions: () => Definitions): ScannedHeading[]
/** With `settles`: whether it holds for any heading, asked as they are found (so a plan's title usually ends the scan). */
export function scanHeadings(lines: string[], frontMatterEnd: number, definitions: () => Definitions, settles: (heading: ScannedHeading) => boolean): boolean
export function scanHeadings(
  lines: string[],
  frontMatterEnd: number,
  definitions: () => Definitions,
  settles?: (heading: ScannedHeading) => boolean
): ScannedHeading[] | boolean {
  const headings: ScannedHeading[] = []
  let settled = false
  const push = (heading: ScannedHeading): void => {
    if (settles?.(heading)) settled = true
    else if (!settles) headings.push(heading)
  }
  // Headings whose text needs the inline parser: their Markdown, parsed together below.
  const toParse: string[] = []
  let fence: {marker: string; size: number} | undefined
  let uncertainFences = false
  // Until this closes (a blank line, or the end marker of a comment, `<pre>`, …), an HTML block may be open.
  let html: RegExp | undefined
  let run: string[] = []

  const add = (depth: number, source: string, text: string): void => {
    if (text.length > headingLength || (text.includes('[') && definitions() === undefined)) push({depth, key: undefined})
    else if (!markup.test(text)) push({depth, key: headingKey(text)})
    // Its text as written settles it often enough (`# Implementation Plan: [FEATURE]`): a plan is then parsed without
    // parsing the heading first. Only ruling a file out needs the exact text.
    else if (!settles?.({depth, key: headingKey(text)})) toParse.push(source)
    else settled = true
  }

  for (let index = frontMatterEnd === 0 ? 0 : frontMatterEnd + 1; index < lines.length && !settled; index++) {
    const line = lines[index]!
    if (fence) {
      const closing = codeFence.exec(line)
      if (closing && closing[2]![0] === fence.marker && closing[2]!.length >= fence.size && blank.test(closing[3]!)) fence = undefined
      continue
    }
    if (html && (html === htmlBlankEnd ? blank.test(line) : html.test(line))) {
      html = undefined
      if (blank.test(line)) {
        run = []
        continue
      }
    }
    const opening = codeFence.exec(line)
    if (opening && !(opening[2]![0] === '`' && opening[3]!.includes('`'))) {
      run = []
      if (opening[1] === '' && !html && !uncertainFences) {
        fence = {marker: opening[2]![0]!, size: opening[2]!.length}
        continue
      }
      uncertainFences = true
      continue
    }
    if (blank.test(line)) {
      run = []
      continue
    }
    const end = html ? undefined : htmlEnd(line)
    // A comment or `<pre>` closed on its own line ends there.
    if (end) html = end !== htmlBlankEnd && end.test(line.slice(line.indexOf('<') + 1)) ? undefined : end
    const heading = atx.exec(line)
    if (heading) {
      const text = line
        .slice(heading[0].length)
        .replace(/(?:^|[ \t]+)#+[ \t]*$/, '')
        .trim()
      add(heading[1]!.length, line.trimStart(), text)
      run = []
      continue
    }
    const underline = setextUnderline.exec(line)
    if (underline && run.length > 0) {
      const depth = underline[1]![0] === '=' ? 1 : 2
      if (run.length > setextLines) {
        push({depth, key: undefined})
      } else {
        // The heading's text is the paragraph above, which may start at any of these lines.
        for (let first = 0; first < run.length; first++) {
          const text = run.slice(first).map((item) => item.trimStart())
          if (text.length === 1) add(depth, text[0]! + '\n' + underline[1], text[0]!.trim())
          else toParse.push(text.join('\n') + '\n' + underline[1])
        }
      }
      run = []
      continue
    }
    run.push(line)
  }
  if (settled) return true
  if (toParse.length > 0) for (const heading of parseHeadings(toParse, definitions() ?? [])) push(heading)
  return settles ? settled : headings
}

/**
 * The document's possible link reference definitions (`[a]: …`, in any
 * container), each with its label (normalised as micromark does) and its
 * text: `undefined` when a line may be part of a definition not worked out
 * here (a label over several lines, a destination not on the next line).
 */
export type Definitions = Array<{label: string; text: string}> | undefined

/** Where a definition's `[` may stand: after container markers only. */
const containerPrefix = /^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*$/

export function definitionsOf(lines: string[]): Definitions {
  const found: Array<{label: string; text: string}> = []
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!
    const colon = line.indexOf(']:')
    if (colon === -1) continue
    const open = line.lastIndexOf('[', colon)
    // The label may have started on a line above.
    if (open === -1) return undefined
    const label = normaliseLabel(line.slice(open + 1, colon))
    // Not a definition: one starts its line (`see [a]: b`, `[npm][]:`), and its label has a character.
    if (!containerPrefix.test(line.slice(0, open)) || label === '') continue
    const text = line.slice(open)
    if (!blank.test(line.slice(colon + 2))) {
      found.push({label, text})
      continue
    }
    // The destination on the next line.
    const next = lines[index + 1]
    if (next === undefined || blank.test(next) || codeFence.test(next) || atx.test(next)) return undefined
    found.push({label, text: text + '\n' + next.replace(/^(?:[ \t]*>)*[ \t]*/, '')})
  }
  return found
}

/** Labels a heading may use with at most this many definitions are worked out (each subset of them); with more it could be anything. */
const definitionsPerHeading = 3

/**
 * Headings of Markdown sources. A source with brackets that some
 * definitions' labels name is read with each subset of those definitions
 * (any of them may not be one: in code, after a paragraph line) and may be
 * any of the headings that gives.
 */
function parseHeadings(sources: string[], definitions: Array<{label: string; text: string}>): ScannedHeading[] {
  const used = sources.map((source) => (definitions.length > 0 && source.includes('[') ? definitionsNamed(source, definitions) : []))
  const plain = sources.filter((_, index) => used[index]!.length === 0)
  const headings = readHeadings(plain).flat()
  sources.forEach((source, index) => {
    const named = used[index]!
    if (named.length === 0) return
    if (named.length > definitionsPerHeading) {
      // The depths a source can give: its ATX marker, or a setext underline.
      headings.push({depth: 1, key: undefined}, {depth: 2, key: undefined})
      return
    }
    for (let subset = 0; subset < 2 ** named.length; subset++) {
      const chosen = named.filter((_, at) => (subset >> at) & 1).map((definition) => definition.text)
      headings.push(...readHeadings([[source, ...chosen].join('\n\n')], source.length)[0]!)
    }
  })
  return headings
}

/** Definitions whose label a bracketed part of the source names. */
function definitionsNamed(source: string, definitions: Array<{label: string; text: string}>): Array<{label: string; text: string}> {
  const labels = new Set([...source.matchAll(/\[([^[\]]*)\]/g)].map((match) => normaliseLabel(match[1]!)))
  return definitions.filter((definition) => labels.has(definition.label))
}

/** As micromark-util-normalize-identifier does it. */
function normaliseLabel(value: string): string {
  return value.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '').toLowerCase().toUpperCase()
}

/**
 * The headings of each source, from the sources parsed together (then one
 * by one, when together they do not give one heading each); with `within`,
 * only headings that start before that offset.
 */
function readHeadings(sources: string[], within = Number.POSITIVE_INFINITY): ScannedHeading[][] {
  const read = (text: string): ScannedHeading[] =>
    parseMarkdown(text)
      .children.filter((node): node is Heading => node.type === 'heading' && (node.position?.start.offset ?? 0) < within)
      .map((node) => ({depth: node.depth, key: headingKey(toString(node))}))
  if (sources.length === 0) return []
  const together = read(sources.join('\n\n'))
  return together.length === sources.length ? together.map((heading) => [heading]) : sources.map(read)
}

/** A line that never ends an HTML block but at a blank line. */
const htmlBlankEnd = /$^/
const htmlKinds: Array<[RegExp, RegExp]> = [
  [/^(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^!--/, /-->/],
  [/^\?/, /\?>/],
  [/^![A-Za-z]/, />/],
  [/^!\[CDATA\[/, /\]\]>/]
]

/** How an HTML block that this line may start ends (`undefined`: the line starts none). */
function htmlEnd(line: string): RegExp | undefined {
  const match = /^ {0,3}</.exec(line)
  if (!match) return undefined
  const rest = line.slice(match[0].length)
  for (const [start, end] of htmlKinds) if (start.test(rest)) return end
  return htmlBlankEnd
}
