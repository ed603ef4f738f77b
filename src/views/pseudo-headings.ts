import type {Heading, Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {perTree} from './per-tree.js'

/**
 * Lines that parse as headings but are not the author’s headings:
 * - `front-matter`: YAML front matter written after the title: its closing
 *   `---` makes its `key: value` lines a setext heading (after a thematic
 *   break, the opening `---`);
 * - `unfenced-code`: `# comment` lines of code or shell commands written
 *   without a fence, next to the code’s other lines: each renders as an H1.
 * They are not sections (the outline leaves them out); one finding per cause
 * says what is really wrong.
 */
export interface PseudoHeadingCause {
  kind: 'front-matter' | 'unfenced-code'
  /** The headings it made. */
  headings: Heading[]
  /** The nodes it spans (the opening `---`, the code’s lines), first and last. */
  first: RootContent
  last: RootContent
}

export interface PseudoHeadings {
  causes: PseudoHeadingCause[]
  headings: Set<Heading>
}

export const pseudoHeadingsOf = perTree((tree: Root): PseudoHeadings => {
  const causes: PseudoHeadingCause[] = []
  const nodes = tree.children
  const titleIndex = nodes.findIndex((node) => node.type === 'heading' && node.depth === 1)
  if (titleIndex === -1) return {causes, headings: new Set()}

  // Front matter after the title: before any other heading.
  const firstSection = nodes.findIndex((node, index) => index > titleIndex && node.type === 'heading')
  const opening = nodes[firstSection - 1]
  const yaml = nodes[firstSection]
  if (opening?.type === 'thematicBreak' && yaml?.type === 'heading' && isSetext(yaml) && isYamlLines(toString(yaml))) {
    causes.push({kind: 'front-matter', headings: [yaml], first: opening, last: yaml})
  }

  // Unfenced code: runs of code-like paragraphs and the `#` lines touching them.
  let index = titleIndex + 1
  while (index < nodes.length) {
    if (!isCodeHeading(nodes, index)) {
      index++
      continue
    }
    let start = index
    while (start - 1 > titleIndex && isCodeParagraph(nodes[start - 1]!)) start--
    let end = index
    while (end + 1 < nodes.length && (isCodeParagraph(nodes[end + 1]!) || isCodeHeading(nodes, end + 1))) end++
    const headings = nodes.slice(start, end + 1).filter((node): node is Heading => isCommentHeading(node))
    causes.push({kind: 'unfenced-code', headings, first: nodes[start]!, last: nodes[end]!})
    index = end + 1
  }
  return {causes, headings: new Set(causes.flatMap((cause) => cause.headings))}
})

function isSetext(heading: Heading): boolean {
  const {position} = heading
  return position !== undefined && position.end.line > position.start.line
}

const yamlLine = /^(?:[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)|[ \t]*- |[ \t]+\S)/

/** Every line a YAML `key: value` (or a list item, or an indented continuation), the first a key. */
function isYamlLines(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  return lines.length > 0 && /^[A-Za-z_][\w.-]*[ \t]*:/.test(lines[0]!) && lines.every((line) => yamlLine.test(line))
}

/** A one-line `# …` heading, as a code comment is. */
function isCommentHeading(node: RootContent): node is Heading {
  return node.type === 'heading' && node.depth === 1 && node.position !== undefined && node.position.start.line === node.position.end.line
}

/** A `#` line with code on the line right before or after it (no blank line between). */
function isCodeHeading(nodes: RootContent[], index: number): boolean {
  const node = nodes[index]!
  if (!isCommentHeading(node)) return false
  const before = nodes[index - 1]
  const after = nodes[index + 1]
  const line = node.position!.start.line
  return (
    (before !== undefined && isCodeParagraph(before) && before.position?.end.line === line - 1) ||
    (after !== undefined && isCodeParagraph(after) && after.position?.start.line === line + 1)
  )
}

const command =
  /^\s*(?:\$ |(?:npm|npx|pnpm|yarn|pip3?|uv|poetry|git|cd|curl|wget|export|docker|kubectl|python3?|node|make|go|cargo|chmod|mkdir|rm|cp|mv|echo|source|sudo|brew|apt(?:-get)?|terraform)\b)/
const codeShape = /^\s*(?:[\w.[\]]+\s*=[^=]|[\w.]+\(.*\)\s*;?$|(?:def|class|import|from|const|let|var|function|return|if|for|while)\b.*[:({;=]\s*$)|[;{}]\s*$/

/** A paragraph most of whose lines are commands or code. */
function isCodeParagraph(node: RootContent): boolean {
  if (node.type !== 'paragraph') return false
  const lines = toString(node)
    .split('\n')
    .filter((line) => line.trim() !== '')
  const code = lines.filter((line) => command.test(line) || codeShape.test(line)).length
  return lines.length > 0 && code * 2 >= lines.length
}
