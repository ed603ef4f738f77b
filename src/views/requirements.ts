import type {Heading, Root, RootContent} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import {toString} from 'mdast-util-to-string'
import type {RequirementFacts} from '../template/requirement-facts.js'
import {perTree} from './per-tree.js'
import {sourcePointsOf} from './source-points.js'

/**
 * The requirement blocks of a document whose template has them (front matter
 * `requirements`, OpenSpec specs and deltas), read as `openspec validate`
 * reads them: a `### Requirement: <name>` heading starts a block that runs
 * to the next requirement heading or H2; its text is what comes before its
 * first heading; its scenarios are its H4 headings. Code, HTML and headings
 * inside lists or quotes are not structure.
 */

/** What an H2 section is for, by the template’s names. */
export type SectionKind = 'requirements' | 'added' | 'modified' | 'removed' | 'renamed' | undefined

export interface RequirementSection {
  heading: Heading
  /** The heading’s text as written. */
  text: string
  kind: SectionKind
}

export interface RequirementBlock {
  name: string
  heading: Heading
  /** The H2 section it is in, if any. */
  section: RequirementSection | undefined
  /** The text before its first heading (code, HTML and `**Field**:` lines left out when other text remains). */
  text: string
  /** Where that text starts and ends. */
  textPlace: Position | undefined
  /** Its H4 headings. */
  scenarios: Heading[]
  /** Scenarios written otherwise: a `Scenario:` heading of another depth, or a paragraph or list item starting with it. */
  misshapen: Array<{node: RootContent; text: string; depth: number | undefined}>
}

/** A line of a section that names a requirement: a REMOVED entry, or one side of a RENAMED pair. */
export interface NamedLine {
  name: string
  place: Position
  section: RequirementSection
}

export interface Requirements {
  sections: RequirementSection[]
  blocks: RequirementBlock[]
  /** Names under the removed section: requirement headings and `- ### Requirement: <name>` items. */
  removed: NamedLine[]
  /** `FROM:` and `TO:` lines of the renamed section, in order. */
  renames: Array<NamedLine & {side: 'FROM' | 'TO'}>
}

/** The requirement blocks of a tree, computed once per tree. */
export const requirementsOf = perTree((tree: Root, file: VFile, facts: RequirementFacts): Requirements => collect(tree, file, facts))

function collect(tree: Root, file: VFile, facts: RequirementFacts): Requirements {
  const {source} = sourcePointsOf(tree, file)
  const heading = startsWith(facts.heading)
  const scenario = startsWith(facts.scenario)
  const kinds = new Map<string, SectionKind>(facts.sections.map((text) => [fold(text), 'requirements']))
  if (facts.deltas) {
    for (const kind of ['added', 'modified', 'removed', 'renamed'] as const) kinds.set(fold(facts.deltas[kind]), kind)
  }
  const result: Requirements = {sections: [], blocks: [], removed: [], renames: []}
  let section: RequirementSection | undefined
  let block: RequirementBlock | undefined
  let inText = false
  const textNodes: RootContent[] = []
  const close = (): void => {
    if (block) finishText(block, textNodes)
    block = undefined
    textNodes.length = 0
  }
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      close()
      section = undefined
      if (node.depth === 2) {
        const text = toString(node).trim()
        section = {heading: node, text, kind: kinds.get(fold(text))}
        result.sections.push(section)
      }
      continue
    }
    const name = node.type === 'heading' && node.depth === 3 ? heading.exec(toString(node))?.[1]?.trim() : undefined
    if (node.type === 'heading' && name) {
      close()
      if (section?.kind === 'removed') lineOf(result.removed, name, node, section)
      block = {name, heading: node, section, text: '', textPlace: undefined, scenarios: [], misshapen: []}
      result.blocks.push(block)
      inText = true
      continue
    }
    if (section && (section.kind === 'removed' || section.kind === 'renamed') && node.type !== 'code' && node.type !== 'html') {
      namedLines(result, source, node, section, heading)
    }
    if (!block) continue
    if (node.type === 'heading') {
      inText = false
      if (node.depth === 4) block.scenarios.push(node)
      else if (scenario.test(toString(node))) block.misshapen.push({node, text: toString(node).trim(), depth: node.depth})
      continue
    }
    if (node.type === 'paragraph' || node.type === 'list') {
      const lead = node.type === 'list' ? node.children[0]?.children[0] : node
      const leadText = lead ? toString(lead).trim() : ''
      if (scenario.test(leadText)) {
        // `**Scenario: Code session** — …`: the bold part is the scenario’s name.
        const first = lead?.type === 'paragraph' ? lead.children[0] : undefined
        const name = first?.type === 'strong' ? toString(first).trim() : leadText.split('\n', 1)[0]!
        block.misshapen.push({node: lead ?? node, text: scenario.test(name) ? name : leadText.split('\n', 1)[0]!, depth: undefined})
        inText = false
        continue
      }
    }
    if (inText && node.type !== 'code' && node.type !== 'html' && node.type !== 'thematicBreak') textNodes.push(node)
  }
  close()
  return result
}

/** The text of a block: `**ID**: …` field lines count only when nothing else is there. */
function finishText(block: RequirementBlock, nodes: RootContent[]): void {
  const texts = nodes.map((node) => ({node, text: toString(node).trim()})).filter((entry) => entry.text !== '')
  const prose = texts.filter((entry) => !/^[^:\n]{1,40}:/.test(entry.text) || !isField(entry.node))
  const kept = prose.length > 0 ? prose : texts
  block.text = kept.map((entry) => entry.text).join('\n')
  const first = kept[0]?.node.position
  const last = kept.at(-1)?.node.position
  if (first && last) block.textPlace = {start: first.start, end: last.end}
}

/** A paragraph that opens with a bold label and a colon: `**Priority**: High`. */
function isField(node: RootContent): boolean {
  return node.type === 'paragraph' && node.children[0]?.type === 'strong' && /^:/.test(toString(node.children[1] ?? {type: 'text', value: ''}))
}

/** The `FROM:` / `TO:` and `### Requirement:` lines of a node of the removed or renamed section, by source line. */
function namedLines(result: Requirements, source: string, node: RootContent, section: RequirementSection, heading: RegExp): void {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return
  let line = node.position!.start.line
  for (const text of source.slice(start, end).split(/\r?\n|\r/)) {
    const place = {start: {line, column: 1}, end: {line, column: text.length + 1}}
    line++
    const bare = text.replace(/^[\s>]*(?:[-*+]|\d+[.)])?\s*/, '')
    if (section.kind === 'renamed') {
      const pair = /^(?:\*\*)?(FROM|TO)(?:\*\*)?:(?:\*\*)?\s*`?(?:#{1,6}\s*)?(.*?)`?\s*$/i.exec(bare)
      const name = pair ? heading.exec(pair[2]!)?.[1]?.replace(/`\s*$/, '').trim() : undefined
      if (pair && name) result.renames.push({side: pair[1]!.toUpperCase() as 'FROM' | 'TO', name, place, section})
      continue
    }
    const removed = /^`?#{1,6}\s*(.*?)`?\s*$/.exec(bare)
    const name = removed ? heading.exec(removed[1]!)?.[1]?.trim() : undefined
    if (name) result.removed.push({name, place, section})
  }
}

function lineOf(lines: NamedLine[], name: string, node: Heading, section: RequirementSection): void {
  if (node.position) lines.push({name, place: node.position, section})
}

/** `Requirement: <name>` → the name (case-insensitive prefix). */
function startsWith(prefix: string): RegExp {
  return new RegExp('^\\s*' + prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*(.+?)\\s*$', 'iu')
}

function fold(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** Whether a text states one of the keywords, as a whole word. */
export function hasKeyword(text: string, keywords: string[]): boolean {
  return keywords.some((keyword) => new RegExp('(?<![\\p{L}\\p{N}_])' + keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(?![\\p{L}\\p{N}_])', 'u').test(text))
}
