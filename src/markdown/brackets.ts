import {syntaxMark, type ProseBlock} from './prose.js'

/**
 * Bracketed text in prose: which `[…]` groups are placeholders rather than
 * Markdown syntax, code indexing, citations or quoted prompts.
 */

export interface Group {
  /** Offsets in the block text: `[` and after `]`. */
  start: number
  end: number
}

/**
 * Outermost balanced `[…]` groups of a block that are placeholders, not
 * syntax or code: not `list[Dish]`, `items[0]`, `[^note]`, `[[wiki]]`,
 * `[a][b]`, citations such as `[1]`, or a checkbox at the start of a line
 * (`checklist-format` reports those).
 */
export function bracketGroups(block: ProseBlock, source: string): Group[] {
  const {text, offset} = block
  if (!text.includes('[')) return []
  const inCode = block.node.type === 'code'
  const open: number[] = []
  const groups: Group[] = []
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x5b) {
      open.push(index)
    } else if (code === 0x5d) {
      const start = open.pop()
      if (start === undefined) continue
      while (groups.length > 0 && groups.at(-1)!.start > start) groups.pop()
      groups.push({start, end: index + 1})
    } else if ((code === 0x0a || code === 0x0d) && inCode) {
      open.length = 0
    }
  }
  if (groups.length === 0) return groups
  const quotes = quotedSpans(text)
  return groups.filter((group) => isPlaceholderGroup(text, group, source, offset) && !isQuoted(text, group, quotes))
}

/**
 * Spans of `"…"` and `“…”` on one line: quoted text (a prompt, a message, a
 * UI string) that the plan describes, brackets included.
 */
function quotedSpans(text: string): Group[] {
  const spans: Group[] = []
  let open = -1
  let curly = -1
  for (let index = 0; index < text.length; index++) {
    const character = text.charAt(index)
    if (character === '\n' || character === '\r') {
      open = -1
      curly = -1
    } else if (character === '"') {
      if (open === -1) open = index
      else {
        spans.push({start: open, end: index + 1})
        open = -1
      }
    } else if (character === '\u201c') {
      curly = index
    } else if (character === '\u201d' && curly !== -1) {
      spans.push({start: curly, end: index + 1})
      curly = -1
    }
  }
  return spans.sort((a, b) => a.start - b.start)
}

/** Inside quoted text with more than the placeholder in the quotes (`"Continue? [Y/n]"`, not `"[Name]"`). */
function isQuoted(text: string, group: Group, spans: Group[]): boolean {
  let low = 0
  let high = spans.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (spans[middle]!.start < group.start) low = middle
    else high = middle - 1
  }
  const span = spans[low]
  if (!span || span.start >= group.start || span.end <= group.end) return false
  const rest = text.slice(span.start + 1, group.start) + text.slice(group.end, span.end - 1)
  return letterOrNumber.test(rest)
}

const letterOrNumber = /[\p{L}\p{N}]/u
const identifierEnd = /[\p{L}\p{N}_`)\]!]/u
const citation = /^[\s\d.,;:–—-]+$/
// Not `\s*[xXvV]?\s*`: two adjacent `\s*` backtrack quadratically on a long run of spaces.
const checkbox = /^\s*(?:[xXvV]\s*)?$/
const alert = /^![A-Za-z]+$/
/** A route parameter’s name at a path’s end: `[id]`, `[...nextauth]` (no spaces). */
const routeParameter = /^(?:\.\.\.)?[\p{L}\p{N}_-]+$/u

function isPlaceholderGroup(text: string, group: Group, source: string, offset: number): boolean {
  const inner = text.slice(group.start + 1, group.end - 1)
  if (!letterOrNumber.test(inner)) return false
  // `[^note]` is a footnote, `[!NOTE]` a GitHub alert, `[1]` a citation.
  if (inner.startsWith('^') || alert.test(inner) || citation.test(inner)) return false
  if (inner.startsWith('[') && inner.endsWith(']')) return false
  const before = source.charAt(offset + group.start - 1)
  if (group.start + offset > 0 && identifierEnd.test(before)) return false
  if (source.charAt(offset + group.end) === '[') return false
  // A route parameter: `projects/[id]/settings`, `venue/[id].tsx`, `/api/auth/[...nextauth]`.
  if (source.charAt(offset + group.start - 1) === '/') {
    const after = source.charAt(offset + group.end)
    if ('/.'.includes(after || '#') || (routeParameter.test(inner) && /^(?:\s|\||$)/.test(after))) return false
  }
  if (checkbox.test(inner) && atLineStart(text, group.start)) return false
  // A unit after the quantity it measures: `time [ns/op]`, `Latency [ms]`, `Throughput [MB/s]`.
  if (unit.test(inner) && wordBefore(text, group.start)) return false
  // A link whose target did not parse: to an anchor (`[#rollout]`), or with a space or a line break before its `(url)`.
  if (anchor.test(inner) || linkTargetAfter.test(source.slice(offset + group.end, offset + group.end + 40))) return false
  return true
}

const anchor = /^#[\p{L}\p{N}_-]+$/u

/**
 * A unit of measure, as a benchmark or a table header writes it: an SI or
 * binary prefix and a base unit, or a ratio of them (`ns/op`, `MB/s`,
 * `KiB`, `req/s`, `%`). Narrow on purpose: `[N]`, `[X ms]` or `[Name]`
 * stay placeholders.
 */
const unitAtom = '(?:(?:[kMGTPnµμum]|[KMGT]i)?(?:s|B|bit|bits|bytes?|Hz|W|V|g|m|op|ops|req|reqs|alloc|allocs|cycles?|msgs?)|sec|min|rps|qps|tps|iops|IOPS|%|°[CF])'
const unit = new RegExp('^' + unitAtom + '(?:/' + unitAtom + ')*$', 'u')

/** Whether a word (then spaces) comes right before `index` on its line: `time [ns/op]`, not `Latency: [ms]`. */
function wordBefore(text: string, index: number): boolean {
  let cursor = index - 1
  while (cursor >= 0 && (text.charAt(cursor) === ' ' || text.charAt(cursor) === '\t' || text.charAt(cursor) === syntaxMark)) cursor--
  return cursor >= 0 && /[\p{L}\p{N})]/u.test(text.charAt(cursor))
}
const linkTargetAfter = /^(?:[ \t]+|[ \t]*(?:\r\n?|\n)[ \t>]*)\((?:https?:\/\/|#|\.{0,2}\/)/

/** Whether only list markers, quote marks, spaces or syntax come before `index` on its line. */
function atLineStart(text: string, index: number): boolean {
  let cursor = index - 1
  while (cursor >= 0) {
    const character = text.charAt(cursor)
    if (character === '\n' || character === '\r') return true
    if (!' \t-*+>'.includes(character) && character !== syntaxMark) return false
    cursor--
  }
  return true
}

/**
 * Which bracket groups of a block are code or notation rather than
 * placeholders, by their own shape or by their line’s: an array or list
 * literal (`['project', projectId]`, `[a, b]`), a YAML-like list (`tags: [a,
 * b]`), or anything on a line of an unfenced diagram or pseudo-code block
 * (box-drawing characters; lines with arrows, pipes, calls or braces in a
 * paragraph of such lines). The block’s lines are read once.
 */
export function codeOrNotation(block: ProseBlock): (group: Group) => boolean {
  const {text} = block
  const starts = [0]
  for (const match of text.matchAll(/\r\n|\n|\r/g)) starts.push(match.index + match[0].length)
  const lines = starts.map((from, index) => text.slice(from, index + 1 < starts.length ? starts[index + 1] : text.length).replace(/[\r\n]+$/, ''))
  // Continuation lines keep their indentation; the first line starts at the paragraph’s column.
  const column = (block.node.position?.start.column ?? 1) - 1
  const code = lines.map((line, index) => isCodeLine(line, index === 0 ? undefined : column))
  const pseudoCode = block.node.type === 'paragraph' && lines.length >= 2 && code.filter(Boolean).length >= 2
  return (group) => {
    const inner = text.slice(group.start + 1, group.end - 1)
    if (isListLiteral(inner) || statusLabel.test(inner) || idFormat.test(inner) || dottedIdentifier.test(inner)) return true
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! <= group.start) low = middle
      else high = middle - 1
    }
    const line = lines[low]!
    const from = group.start - starts[low]!
    const to = group.end - starts[low]!
    if (from <= 40 && yamlKey.test(line.slice(0, from)) && line.slice(to).trim() === '') return true
    // An argument of a call: `WithHandoffs(agent, [advisorAgent])`.
    if (openCall.test(line.slice(Math.max(0, from - 80), from))) return true
    // An edge of a graph pattern, as Cypher writes it: `(a)-[KNOWS]->(b)`, `Alice -[KNOWS {since: 2020}]-> Bob`.
    if (line[from - 1] === '-' && (line[to] === '-' || line.slice(from - 2, from) === '<-')) return true
    if (diagramCharacter.test(line)) return true
    return pseudoCode && code[low]!
  }
}

/**
 * A state tag an author puts on a heading or an item: `[COMPLETED]`, `[NEW]`,
 * `[PARALLEL with Phase 2]`, `[IN PROGRESS]` (upper case, as such tags are written).
 */
const statusLabel = /^(?:COMPLETED?|DONE|FINISHED|WIP|IN[ _-]PROGRESS|PENDING|BLOCKED|SKIPPED|DEFERRED|NEW|UPDATED|CHANGED|MODIFIED|REMOVED|DEPRECATED|OPTIONAL|PARALLEL|MVP|BREAKING|EXPERIMENTAL)(?:[ \t:–—-][^\]\n]*)?$/

/** The shape of an id in a legend, `#` for each digit: `[US#]`, `[T###]`, `[FR-###]`. */
const idFormat = /^[A-Z]{1,5}[-_]?#{1,4}$/

/**
 * A lower-case name joined by `-`, `_` or `.`: a TOML table (`[dependency-groups]`),
 * an INI section, a config key (`[tool.ruff]`). A placeholder an author writes has
 * words (`[Feature name]`), and the template’s own (`[###-feature-name]`) stay reported.
 */
const dottedIdentifier = /^[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)+$/

/** A term of math notation: `N`, `s_1`, `e_1^n`, `2k`. */
const mathTerm = '[\\p{L}\\p{N}]{1,3}(?:[_^][\\p{L}\\p{N}{}]+)*'
/** An item of a list literal, or of math notation: an interval `[1, N - 1]`, a vector `[s_1, s_2, ..., s_M]`. */
const listItem = new RegExp(
  `^\\s*(?:'[^'\\n]*'|"[^"\\n]*"|\`[^\`\\n]*\`|-?\\d+(?:\\.\\d+)?|[\\p{L}_$][\\p{L}\\p{N}_$-]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$-]*)*|\\.\\.\\.|…|-?${mathTerm}(?:\\s*[-+*/]\\s*${mathTerm})*)\\s*$`,
  'u'
)
const quotedItem = /^\s*(?:'[^'\n]*'|"[^"\n]*")\s*$/

/** `['project', projectId]`, `["a"]`, `[a, b]`: quoted items, numbers and identifiers, comma separated. */
function isListLiteral(inner: string): boolean {
  if (!inner.includes(',') && !inner.includes("'") && !inner.includes('"')) return false
  const items = inner.split(',')
  if (!items.every((item) => listItem.test(item))) return false
  return items.length >= 2 || quotedItem.test(items[0]!)
}

/** A lower-case key and a colon at the start of the line: `tags: [a, b]`. */
const yamlKey = new RegExp('^[\\s' + syntaxMark + ']*[a-z_][a-z0-9_-]*:\\s*$')
/** An identifier’s open parenthesis and arguments, then the bracket: `f(a, ` or `f(`. */
const openCall = /[\p{L}\p{N}_]\((?:[^()\n]*,)?\s*$/u
/** Box drawing and geometric shapes: `│ ├── ┌─┐ ▼ ►`. */
const diagramCharacter = /[\u2500-\u257F\u25A0-\u25FF]/u
/** Arrows, pipes between words, calls (`f()`, `f(a, b)`) and braces: what pseudo-code lines hold. */
const codeSignal = /->|=>|<-|→|←|↓|↑|\s\|\s|[\p{L}\p{N}_]\((?:[^)\n]*[,=][^)\n]*)?\)|[{}]\s*$|^\s*[{}]/u

/**
 * A line with a code signal, or indented well past the paragraph’s column.
 * @param column the paragraph’s column, for a continuation line
 */
function isCodeLine(line: string, column: number | undefined): boolean {
  return codeSignal.test(line) || (column !== undefined && indentOf(line) >= column + 2)
}

function indentOf(line: string): number {
  return line.length - line.replace(/^[ \t]+/, '').length
}
