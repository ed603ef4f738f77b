import type {List, ListItem, Nodes, Paragraph, Root} from 'mdast'
import type {VFile} from 'vfile'
import {sourcePointsOf} from './source-points.js'
import {perTree} from './per-tree.js'

/**
 * Lists, their items (GFM task items with their box as written, plain items)
 * and the paragraphs of a document, in document order. Computed once per
 * tree, in one walk that skips code, HTML, front matter, tables and headings.
 */

/** The box of a GFM task item as written: `[ ]`, `[x]` or `[X]`. */
export interface TaskBox {
  /** Offset of `[` in the source. */
  start: number
  /** Offset just after `]`. */
  end: number
  /** The character between the brackets (space or tab for an open box). */
  letter: string
}

export interface ListItemView {
  node: ListItem
  list: ListView
  /** The item’s first child, when it is a paragraph (task text starts there). */
  lead: Paragraph | undefined
  /** Box of a GFM task item (`checked` is a boolean); `undefined` otherwise. */
  box: TaskBox | undefined
  /** Offsets of the list marker and the spaces after it (`- `, `1. `), on the item’s first line. */
  marker: {start: number; end: number} | undefined
}

export interface ListView {
  node: List
  items: ListItemView[]
}

export interface ParagraphView {
  node: Paragraph
  /** The list item this paragraph opens (it is the item’s first child), if any. */
  leads: ListItemView | undefined
}

export interface ListItems {
  lists: ListView[]
  /** Every paragraph outside code, tables, headings and HTML, in document order. */
  paragraphs: ParagraphView[]
}

/** The lists and paragraphs of a tree, computed once per tree. */
export const listItemsOf = perTree((tree: Root, file: VFile): ListItems => collect(tree, sourcePointsOf(tree, file).source))

function collect(tree: Root, source: string): ListItems {
  const lists: ListView[] = []
  const paragraphs: ParagraphView[] = []
  // An explicit stack (deep nesting must not overflow the call stack), with
  // the list item each node opens, if any, in a parallel stack.
  const nodes: Nodes[] = [tree]
  const opens: Array<ListItemView | undefined> = [undefined]

  while (nodes.length > 0) {
    const node = nodes.pop()!
    const leads = opens.pop()
    switch (node.type) {
      case 'paragraph': {
        paragraphs.push({node, leads})
        break
      }
      case 'list': {
        const list: ListView = {node, items: []}
        lists.push(list)
        for (const child of node.children) list.items.push(describeItem(child, list, source))
        for (let index = list.items.length - 1; index >= 0; index--) {
          const item = list.items[index]!
          const children = item.node.children
          for (let childIndex = children.length - 1; childIndex >= 0; childIndex--) {
            nodes.push(children[childIndex]!)
            opens.push(childIndex === 0 && item.lead ? item : undefined)
          }
        }
        break
      }
      case 'root':
      case 'blockquote':
      case 'footnoteDefinition': {
        for (let index = node.children.length - 1; index >= 0; index--) {
          nodes.push(node.children[index]!)
          opens.push(undefined)
        }
        break
      }
      default:
      // Code, HTML, front matter, tables, headings, definitions: no checklists there.
    }
  }

  return {lists, paragraphs}
}

function describeItem(node: ListItem, list: ListView, source: string): ListItemView {
  const first = node.children[0]
  const lead = first?.type === 'paragraph' ? first : undefined
  const start = node.position?.start.offset
  let marker: ListItemView['marker']
  let box: TaskBox | undefined
  if (start !== undefined) {
    const end = markerEnd(source, start)
    if (end !== undefined) {
      marker = {start, end}
      const letter = source[end + 1]
      if (
        typeof node.checked === 'boolean' &&
        source.charCodeAt(end) === 91 /* [ */ &&
        source.charCodeAt(end + 2) === 93 /* ] */ &&
        (letter === ' ' || letter === '\t' || letter === 'x' || letter === 'X')
      ) {
        box = {start: end, end: end + 3, letter}
      }
    }
  }
  return {node, list, lead, box, marker}
}

/** Offset after a list marker (`-`, `*`, `+`, `1.`, `1)`) and the spaces or tabs after it. */
function markerEnd(source: string, start: number): number | undefined {
  let at = start
  const code = source.charCodeAt(at)
  if (code === 45 /* - */ || code === 42 /* * */ || code === 43 /* + */) {
    at++
  } else {
    while (at - start < 9 && isDigit(source.charCodeAt(at))) at++
    const after = source.charCodeAt(at)
    if (at === start || (after !== 46 /* . */ && after !== 41) /* ) */) return undefined
    at++
  }
  while (source.charCodeAt(at) === 32 || source.charCodeAt(at) === 9) at++
  return at
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** A plain item that heads a nested task list groups tasks: it is not a task that lost its box. */
export function holdsTaskList(item: ListItemView): boolean {
  return item.node.children.some(
    (child) => child.type === 'list' && child.children.some((nested) => typeof nested.checked === 'boolean')
  )
}

// `Acceptance: …`, `Files to modify: …`: a short label of up to four words and a colon.
// No digits: `Task 1.2: …` and `Step 3: …` name tasks, not fields.
const fieldLabel = /^[\p{Lu}][\p{L}'’()/&-]*(?: [\p{L}'’()/&-]+){0,3}:(?:\s|$)/u

/**
 * A plain item that is a field of a task (`- **Deliverable**: …`,
 * `- **Files to modify:**`, `- Acceptance: …`), nested under it or beside
 * it: it describes a task and is not a task that lost its box. A label with
 * a number (`**Task 1.2**: …`, `Step 3: …`) names a task, not a field.
 */
export function isFieldItem(item: ListItemView): boolean {
  const [first, second] = item.lead?.children ?? []
  if (!first) return false
  if (first.type === 'strong' || first.type === 'emphasis') {
    const label = first.children.map((child) => (child.type === 'text' ? child.value : '')).join('').trimEnd()
    if (label === '' || label.length > 60 || /\p{N}/u.test(label)) return false
    if (label.endsWith(':')) return true
    return second?.type === 'text' && /^\s*:/.test(second.value)
  }
  // A numbered item is a step (`3. Validate governance: run …`): a plain label there names the task.
  return first.type === 'text' && !item.list.node.ordered && fieldLabel.test(first.value)
}

/** The boxes of checked GFM task items (`[x]`, `[X]`), in document order. */
export function checkedBoxes(lists: ListView[]): TaskBox[] {
  const checked: TaskBox[] = []
  for (const list of lists) {
    for (const item of list.items) {
      if (item.box && (item.box.letter === 'x' || item.box.letter === 'X')) checked.push(item.box)
    }
  }
  return checked.sort((a, b) => a.start - b.start)
}

/** A task item whose only text is an HTML comment (`- [ ] <!-- todo -->`). */
export function isCommentOnly(item: ListItemView): boolean {
  return (
    item.lead !== undefined &&
    item.lead.children.every(
      (child) => (child.type === 'html' && child.value.startsWith('<!--')) || (child.type === 'text' && child.value.trim() === '')
    )
  )
}

/** Check symbols authors write in a box to mean done (`[✅]`), each possibly followed by U+FE0F. */
export const checkSymbols = '✓✔✅☑'

const boxAtEnd = new RegExp('\\[[ xX' + checkSymbols + ']\\uFE0F?\\]\\s*$', 'u')

/** A plain item whose text ends with a box (`3. Run the migrations [X]`): a task its author ticked at the end. */
export function endsWithBox(item: ListItemView): boolean {
  const last = item.lead?.children.at(-1)
  return last?.type === 'text' && boxAtEnd.test(last.value)
}
