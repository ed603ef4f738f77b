import type {Code, Definition, Heading, Link, LinkReference, Nodes, Paragraph, Root, TableCell} from 'mdast'

/**
 * The prose of a document as the placeholder checks read it: one string per
 * paragraph, heading and table cell, cut from the source (so offsets map back
 * one to one) with everything that is not prose masked out.
 */

/** Stands for formatting syntax: emphasis marks, link brackets and URLs, line breaks. */
export const syntaxMark = '\u0002'
/** Stands for something opaque but real: code, images, HTML, escapes, entities, autolinks. */
export const atomMark = '\u0001'

export interface ProseBlock {
  node: Paragraph | Heading | TableCell | Code | Definition
  /** Offset in the document of `text[0]`. */
  offset: number
  /** Source from the block’s first to its last child, same length, non-prose masked. */
  text: string
  /** Index in `tree.children` of the root-level node that holds the block. */
  rootIndex: number
}

export interface ProseLink {
  node: Link | LinkReference
  rootIndex: number
}

export interface Prose {
  blocks: ProseBlock[]
  /** Links written with brackets (`[text](url)`, `[text][ref]`), not autolinks. */
  links: ProseLink[]
  /** Root-level nodes that hold content outside prose blocks: code, HTML other than comments. */
  contentOutsideProse: Set<number>
}

/**
 * Collect the prose blocks of a tree.
 * @param code also read code (inline code as text, code blocks as blocks)
 */
export function readProse(tree: Root, source: string, code: boolean): Prose {
  const prose: Prose = {blocks: [], links: [], contentOutsideProse: new Set()}
  tree.children.forEach((child, rootIndex) => {
    // An explicit stack: documents may nest deeply.
    const stack: Nodes[] = [child]
    while (stack.length > 0) {
      const node = stack.pop()!
      switch (node.type) {
        case 'paragraph':
        case 'heading':
        case 'tableCell': {
          const block = readPhrasing(node, source, code, rootIndex, prose.links)
          if (block) prose.blocks.push(block)
          break
        }
        case 'code': {
          prose.contentOutsideProse.add(rootIndex)
          if (code) {
            const block = readCode(node, source, rootIndex)
            if (block) prose.blocks.push(block)
          }
          break
        }
        case 'html': {
          if (!isOnlyComments(node.value)) prose.contentOutsideProse.add(rootIndex)
          break
        }
        case 'definition': {
          // `- [Risk 1]: [Mitigation]` parses as a definition whose URL is a
          // placeholder; a real definition never points at `[…]`.
          if (node.url.startsWith('[')) {
            const block = readDefinition(node, source, rootIndex)
            if (block) prose.blocks.push(block)
          }
          break
        }
        case 'yaml':
        case 'thematicBreak':
          break
        default: {
          if ('children' in node) {
            for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
          } else {
            prose.contentOutsideProse.add(rootIndex)
          }
        }
      }
    }
  })
  return prose
}

/** Whether HTML is nothing but comments and whitespace. */
export function isOnlyComments(html: string): boolean {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() === ''
}

/** Backslash escapes and character references: literal text, not syntax. */
const escapeOrReference = /\\[!-/:-@[-`{-~]|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g

function readPhrasing(
  node: Paragraph | Heading | TableCell,
  source: string,
  code: boolean,
  rootIndex: number,
  links: ProseLink[]
): ProseBlock | undefined {
  const first = node.children[0]?.position?.start.offset
  const last = node.children.at(-1)?.position?.end.offset
  if (first === undefined || last === undefined || last <= first) return undefined

  const parts: string[] = []
  let cursor = first
  const write = (start: number, end: number, value: string): void => {
    if (start < cursor || end > last) return
    if (start > cursor) parts.push(syntaxMark.repeat(start - cursor))
    parts.push(value)
    cursor = end
  }
  const fill = (start: number, end: number, mark: string): void => write(start, end, mark.repeat(end - start))

  const stack: Nodes[] = []
  for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index]!)
  while (stack.length > 0) {
    const child = stack.pop()!
    const start = child.position?.start.offset
    const end = child.position?.end.offset
    if (start === undefined || end === undefined) continue
    switch (child.type) {
      case 'text': {
        write(start, end, maskEscapes(source.slice(start, end)))
        break
      }
      case 'inlineCode': {
        if (code) {
          const raw = source.slice(start, end)
          const fence = /^`+/.exec(raw)?.[0].length ?? 0
          write(start + fence, end - fence, raw.slice(fence, raw.length - fence))
        } else {
          fill(start, end, atomMark)
        }
        break
      }
      case 'html': {
        fill(start, end, isOnlyComments(child.value) ? syntaxMark : atomMark)
        break
      }
      case 'break':
        break
      case 'link':
      case 'linkReference': {
        // An autolink (`https://…`, `<https://…>`) is a URL, not text.
        if (child.type === 'link' && source.charCodeAt(start) !== 0x5b) {
          fill(start, end, atomMark)
          break
        }
        links.push({node: child, rootIndex})
        for (let index = child.children.length - 1; index >= 0; index--) stack.push(child.children[index]!)
        break
      }
      default: {
        if ('children' in child) {
          for (let index = child.children.length - 1; index >= 0; index--) stack.push(child.children[index]!)
        } else {
          // Images, footnote references and anything else without text.
          fill(start, end, atomMark)
        }
      }
    }
  }
  if (cursor < last) parts.push(syntaxMark.repeat(last - cursor))
  return {node, offset: first, text: parts.join(''), rootIndex}
}

function maskEscapes(text: string): string {
  if (!text.includes('\\') && !text.includes('&')) return text
  return text.replace(escapeOrReference, (match) => atomMark.repeat(match.length))
}

/** A definition read as text: its label and URL are placeholders. */
function readDefinition(node: Definition, source: string, rootIndex: number): ProseBlock | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const text = source.slice(start, end).replace(escapeOrReference, (match) => atomMark.repeat(match.length))
  return {node, offset: start, text, rootIndex}
}

/** The lines of a code block between its fences. */
function readCode(node: Code, source: string, rootIndex: number): ProseBlock | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const raw = source.slice(start, end)
  const fenced = /^[ \t]*(`{3,}|~{3,})/.exec(raw)
  if (!fenced) return {node, offset: start, text: raw, rootIndex}
  const firstBreak = raw.indexOf('\n')
  if (firstBreak === -1) return undefined
  let contentEnd = raw.length
  const lastBreak = raw.lastIndexOf('\n')
  if (lastBreak > firstBreak && raw.slice(lastBreak + 1).trim().startsWith(fenced[1]!.charAt(0).repeat(3))) {
    contentEnd = lastBreak
  }
  return {node, offset: start + firstBreak + 1, text: raw.slice(firstBreak + 1, contentEnd), rootIndex}
}
