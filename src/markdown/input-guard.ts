import {isUtf8} from 'node:buffer'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Processor} from 'unified'
import type {Node, Parent, Point} from 'unist'
import type {VFile} from 'vfile'
import {sourceName} from '../support/source-name.js'

/**
 * The file check that runs before the Markdown parser: a file that is not
 * UTF-8 text, or whose size or shape would make the parser slow (micromark
 * is super-linear on some inputs) or overflow the call stack, gets one
 * fatal message instead of a hang or a crash. See `docs/robustness.md`.
 */

/** `ruleId` of the file check’s messages (it is no rule: it cannot be turned off by `rules`). */
export const fileCheckId = 'lintable-file'
export const fileCheckDescription = 'The file is UTF-8 text that the Markdown parser reads within the limits'
export const fileCheckUrl = 'https://github.com/remark-plan-lint/remark-plan-lint/blob/main/docs/robustness.md'

export interface Limits {
  /** Largest file, in bytes (UTF-8). */
  bytes: number
  /** Most lines. */
  lines: number
  /** Deepest nesting of block quotes, list items and inline containers. */
  nesting: number
  /** Multiplies the thresholds for shapes that make the parser super-linear. */
  complexity: number
}

export const defaultLimits: Readonly<Limits> = {bytes: 1_000_000, lines: 20_000, nesting: 100, complexity: 1}

/**
 * Thresholds for the shapes micromark handles in super-linear time, at
 * `complexity: 1`. Each is about one second of parsing on a small machine
 * (see `docs/robustness.md` for the measurements).
 */
export const shapeThresholds = {
  /** `]` in a paragraph × its characters: each `]` looks back over the paragraph for a `[`. */
  brackets: 250_000_000,
  /** `*`, `~` and `_` (not inside a word) in a paragraph × its characters: each closer looks back for an opener. */
  emphasis: 20_000_000,
  /** Setext heading underlines (`===`, `---` after a line of text) in a document. */
  setextHeadings: 1000,
  /** Nesting levels summed over all lines: every line passes through each container it is in. */
  nestedLines: 100_000
} as const

/** A file the check stops: thrown from the parser as a fatal message. */
interface Refusal {
  reason: string
  place: Point
  /** Over a size, length or shape limit (not an encoding problem). */
  limit?: true
}

/**
 * Wrap the processor’s parser (the preset sets its own, see
 * `src/markdown/parser.ts`) with the check.
 * @param limits `false`: only the encoding check and the stack-overflow catch
 * @param mayBePlan whether a file could be a plan, from its text: one over
 *   a limit that cannot is skipped with a warning instead of failing the
 *   run (a changelog or generated reference over the limits, in a repository
 *   linted as a whole)
 * @param scanFirst whether a file within the limits that cannot be a plan
 *   skips the parse too (an empty tree, no message): the pre-parse scan
 */
export function guardParser(
  processor: Processor,
  limits: Limits | false,
  mayBePlan?: (document: string, file: VFile) => boolean,
  scanFirst?: () => boolean
): void {
  const parse = processor.parser
  if (!parse) return
  processor.parser = (document, file) => {
    const shape = (): Refusal | undefined => {
      const found = limits ? checkShape(document, limits) : undefined
      return found && {...found, limit: true}
    }
    const refusal = checkBytes(file, limits) ?? shape()
    if (refusal?.limit && mayBePlan && !mayBePlan(document, file)) return skip(file, refusal)
    if (refusal) refuse(file, refusal)
    // A new tree each time: views are kept per tree.
    if (mayBePlan && scanFirst?.() && !mayBePlan(document, file)) return {type: 'root', children: []} as Parent
    let tree: Node
    try {
      tree = parse(document, file)
    } catch (error) {
      if (!(error instanceof RangeError)) throw error
      // The parser’s own tree walks recurse: a deep tree overflows the stack.
      refuse(file, {
        reason: `Unexpected nesting too deep for the Markdown parser, expected at most ${limits ? limits.nesting : defaultLimits.nesting} levels of block quotes, lists and emphasis`,
        place: {line: 1, column: 1, offset: 0}
      })
    }
    if (limits) {
      const deep = checkDepth(tree, limits.nesting)
      if (deep) refuse(file, deep)
    }
    return tree
  }
}

/** A warning, and an empty tree: nothing else is checked in the file. */
function skip(file: VFile, refusal: Refusal): Node {
  const reason = `${refusal.reason}; skipped: it declares no template and its title matches none`
  const message = file.message(reason, {place: refusal.place, ruleId: fileCheckId, source: sourceName})
  message.fatal = false
  message.url = fileCheckUrl
  return {type: 'root', children: []} as Parent
}

function refuse(file: VFile, refusal: Refusal): never {
  const message = file.message(refusal.reason, {place: refusal.place, ruleId: fileCheckId, source: sourceName})
  message.fatal = true
  message.url = fileCheckUrl
  throw message
}

// Encoding --------------------------------------------------------------------

/** Binary, UTF-16, invalid UTF-8, or too many bytes. */
function checkBytes(file: VFile, limits: Limits | false): Refusal | undefined {
  const value = file.value
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') {
    const size = Buffer.byteLength(value)
    if (limits && size > limits.bytes) return tooLarge(size, limits)
    // unified-engine reads files as UTF-8 text, which turns invalid bytes
    // into U+FFFD (and keeps NUL): only then are the bytes on disk worth a look.
    const suspect = value.includes('\uFFFD') || value.includes('\u0000')
    const bytes = suspect && file.path ? bytesOnDisk(file) : undefined
    const onDisk = bytes ? checkBytesOf(bytes, false) : undefined
    if (onDisk) return onDisk
    const nul = value.indexOf('\u0000')
    return nul === -1 ? undefined : binary(pointInText(value, nul))
  }
  return checkBytesOf(value, limits)
}

function bytesOnDisk(file: VFile): Uint8Array | undefined {
  try {
    return readFileSync(path.resolve(file.cwd, file.path))
  } catch {
    return undefined
  }
}

function checkBytesOf(bytes: Uint8Array, limits: Limits | false): Refusal | undefined {
  const start: Point = {line: 1, column: 1, offset: 0}
  if (limits && bytes.length > limits.bytes) return tooLarge(bytes.length, limits)
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {reason: 'Unexpected UTF-16 file, expected a UTF-8 text file (save it as UTF-8)', place: start}
  }
  const nul = bytes.indexOf(0)
  if (nul !== -1) return binary(pointInBytes(bytes, nul))
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes)
    const shown = '0x' + (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')
    return {
      reason: `Unexpected byte \`${shown}\` that is not UTF-8, expected a UTF-8 text file (convert it, for example with \`iconv -f latin1 -t utf-8\`)`,
      place: pointInBytes(bytes, offset)
    }
  }
  return undefined
}

function tooLarge(size: number, limits: Limits): Refusal {
  return {
    reason: `Unexpected file of ${size.toLocaleString('en-US')} bytes, expected at most ${limits.bytes.toLocaleString('en-US')} (option \`limits.bytes\`): too large to lint in reasonable time`,
    place: {line: 1, column: 1, offset: 0},
    limit: true
  }
}

function binary(place: Point): Refusal {
  return {reason: 'Unexpected binary file (it holds a NUL byte), expected a UTF-8 Markdown text file', place}
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index]!
    let length: number
    let min = 0x80
    let max = 0xbf
    if (byte < 0x80) length = 1
    else if (byte >= 0xc2 && byte <= 0xdf) length = 2
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3
      // No overlong forms, no surrogates.
      if (byte === 0xe0) min = 0xa0
      if (byte === 0xed) max = 0x9f
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4
      if (byte === 0xf0) min = 0x90
      if (byte === 0xf4) max = 0x8f
    } else return index
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next]
      const low = next === 1 ? min : 0x80
      const high = next === 1 ? max : 0xbf
      if (continuation === undefined || continuation < low || continuation > high) return index
    }
    index += length
  }
  return bytes.length
}

/** Line and column of a byte offset (columns count characters). */
function pointInBytes(bytes: Uint8Array, offset: number): Point {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    const byte = bytes[index]
    if (byte === 0x0a || (byte === 0x0d && bytes[index + 1] !== 0x0a)) {
      line++
      lineStart = index + 1
    }
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1
  return {line, column}
}

function pointInText(text: string, offset: number): Point {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a)) {
      line++
      lineStart = index + 1
    }
  }
  return {line, column: offset - lineStart + 1, offset}
}

// Shape -----------------------------------------------------------------------

/**
 * One linear pass over the lines: their count, how deep their block
 * containers nest, and per paragraph the characters that make micromark
 * look back over it. Estimates, on the safe side: the parser is not run.
 */
export function checkShape(document: string, limits: Limits): Refusal | undefined {
  const text = document.charCodeAt(0) === 0xfe_ff ? document.slice(1) : document
  const length = text.length
  let line = 0
  let lineStart = 0
  let setext = 0
  let fence: {code: number; size: number} | undefined
  // The paragraph (run of lines that micromark parses as one inline chunk) being read.
  let chunk = {line: 0, characters: 0, closers: 0, delimiters: 0}
  let inTable = false
  let previousBlank = true
  let nestedLines = 0

  const endChunk = (): Refusal | undefined => {
    const found = chunk
    chunk = {line: 0, characters: 0, closers: 0, delimiters: 0}
    if (found.characters === 0) return undefined
    const limit = (threshold: number) => threshold * limits.complexity
    if (found.closers * found.characters > limit(shapeThresholds.brackets)) {
      return paragraphRefusal(found.line, found.closers, '`]`', found.characters)
    }
    if (found.delimiters * found.characters > limit(shapeThresholds.emphasis)) {
      return paragraphRefusal(found.line, found.delimiters, '`*`, `_` or `~`', found.characters)
    }
    return undefined
  }

  while (lineStart <= length) {
    // A final line ending does not start another line.
    if (lineStart === length && line > 0) break
    line++
    if (line > limits.lines) {
      return {
        reason: `Unexpected file of more than ${limits.lines.toLocaleString('en-US')} lines, expected at most ${limits.lines.toLocaleString('en-US')} (option \`limits.lines\`): too long to lint in reasonable time`,
        place: {line, column: 1, offset: lineStart}
      }
    }
    let lineEnd = lineStart
    while (lineEnd < length) {
      const code = text.charCodeAt(lineEnd)
      if (code === 0x0a || code === 0x0d) break
      lineEnd++
    }
    const next = text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? lineEnd + 2 : lineEnd + 1

    // Container prefix: indentation, `>` and list markers.
    let at = lineStart
    let depth = 0
    let listMarker = false
    let indent = 0
    for (;;) {
      let columns = 0
      while (at < lineEnd) {
        const code = text.charCodeAt(at)
        if (code === 0x20) columns++
        else if (code === 0x09) columns += 4 - (columns % 4)
        else break
        at++
      }
      if (depth === 0) indent = columns
      const code = text.charCodeAt(at)
      if (at < lineEnd && code === 0x3e /* > */) {
        depth++
        at++
        continue
      }
      const markerEnd = listMarkerEnd(text, at, lineEnd)
      if (markerEnd !== undefined) {
        depth++
        listMarker = true
        at = markerEnd
        continue
      }
      break
    }
    // Nested list items are indented: two columns or more per level.
    if (listMarker) depth += Math.floor(indent / 2)
    if (depth > limits.nesting) {
      return {
        reason: `Unexpected nesting ${depth} levels deep, expected at most ${limits.nesting} levels of block quotes and lists (option \`limits.nesting\`)`,
        place: {line, column: 1, offset: lineStart}
      }
    }
    // Lines inside list items are indented without a marker: count those levels too.
    nestedLines += listMarker ? depth : depth + Math.floor(indent / 2)
    if (nestedLines > shapeThresholds.nestedLines * limits.complexity) {
      return {
        reason: `Unexpected ${nestedLines.toLocaleString('en-US')} levels of block quotes and lists summed over the first ${line.toLocaleString('en-US')} lines, expected at most ${(shapeThresholds.nestedLines * limits.complexity).toLocaleString('en-US')} (option \`limits.complexity\`): the Markdown parser passes each line through every container it is in`,
        place: {line, column: 1, offset: lineStart}
      }
    }

    const content = at
    const first = text.charCodeAt(content)
    const blank = content >= lineEnd
    const fenceSize = first === 0x60 || first === 0x7e ? runLength(text, content, lineEnd, first) : 0
    if (fence) {
      // Code is not parsed as inline content.
      if (fenceSize >= fence.size && first === fence.code) fence = undefined
    } else if (fenceSize >= 3) {
      const refusal = endChunk()
      if (refusal) return refusal
      fence = {code: first, size: fenceSize}
    } else if (blank) {
      const refusal = endChunk()
      if (refusal) return refusal
      inTable = false
    } else {
      const heading = first === 0x23 /* # */
      const underline = !previousBlank && !listMarker && isUnderline(text, content, lineEnd)
      if (underline && ++setext > shapeThresholds.setextHeadings * limits.complexity) {
        return {
          reason: `Unexpected setext heading underline number ${setext}, expected at most ${shapeThresholds.setextHeadings * limits.complexity} (option \`limits.complexity\`): the Markdown parser slows down with each one; use \`#\` headings or \`***\` for a thematic break`,
          place: {line, column: 1, offset: lineStart}
        }
      }
      if (!inTable && chunk.characters > 0 && isDelimiterRow(text, content, lineEnd)) inTable = true
      // A new block starts a new chunk; table rows are one chunk each.
      if (listMarker || heading || underline || inTable) {
        const refusal = endChunk()
        if (refusal) return refusal
      }
      if (chunk.characters === 0) chunk.line = line
      for (let index = content; index < lineEnd; index++) {
        const code = text.charCodeAt(index)
        // Each table cell is a chunk of its own.
        if (inTable && code === 0x7c /* | */ && text.charCodeAt(index - 1) !== 0x5c /* \ */) {
          const refusal = endChunk()
          if (refusal) return refusal
          chunk.line = line
          continue
        }
        chunk.characters++
        if (code === 0x5d /* ] */) chunk.closers++
        else if (code === 0x2a /* * */ || code === 0x7e /* ~ */) chunk.delimiters++
        // `_` inside a word (`snake_case`) neither opens nor closes emphasis.
        else if (code === 0x5f /* _ */ && !(isAlphanumeric(text.charCodeAt(index - 1)) && isAlphanumeric(text.charCodeAt(index + 1)))) {
          chunk.delimiters++
        }
      }
      // The line ending.
      chunk.characters++
    }
    previousBlank = blank || fence !== undefined
    lineStart = next
  }
  return endChunk()
}

function paragraphRefusal(line: number, count: number, what: string, characters: number): Refusal {
  return {
    reason: `Unexpected paragraph with ${count.toLocaleString('en-US')} ${what} in ${characters.toLocaleString('en-US')} characters, expected fewer (option \`limits.complexity\`): the Markdown parser’s time grows with their product`,
    place: {line, column: 1}
  }
}

/** End of a list marker (`-`, `*`, `+`, `1.`, `1)`) and one space after it, if one starts at `at`. */
function listMarkerEnd(text: string, at: number, lineEnd: number): number | undefined {
  let index = at
  const code = text.charCodeAt(index)
  if (code === 0x2d || code === 0x2a || code === 0x2b) {
    index++
  } else {
    while (index < lineEnd && index - at < 9 && isDigit(text.charCodeAt(index))) index++
    const after = text.charCodeAt(index)
    if (index === at || (after !== 0x2e && after !== 0x29)) return undefined
    index++
  }
  if (index === lineEnd) return index
  const space = text.charCodeAt(index)
  return space === 0x20 || space === 0x09 ? index + 1 : undefined
}

function runLength(text: string, from: number, to: number, code: number): number {
  let index = from
  while (index < to && text.charCodeAt(index) === code) index++
  return index - from
}

/** `===` or `---` alone on a line (spaces after allowed). */
function isUnderline(text: string, from: number, to: number): boolean {
  const code = text.charCodeAt(from)
  if (code !== 0x3d && code !== 0x2d) return false
  let index = from + runLength(text, from, to, code)
  while (index < to && (text.charCodeAt(index) === 0x20 || text.charCodeAt(index) === 0x09)) index++
  return index === to
}

/** A table delimiter row: `| --- | :-: |`, `---|---`. */
function isDelimiterRow(text: string, from: number, to: number): boolean {
  let dashes = false
  let pipe = false
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x2d) dashes = true
    else if (code === 0x7c) pipe = true
    else if (code !== 0x3a && code !== 0x20 && code !== 0x09) return false
  }
  return dashes && pipe
}

function isAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code > 0x7f
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

// Depth -----------------------------------------------------------------------

/** Nodes that nest content without adding a level an author sees. */
const flat = new Set(['root', 'list', 'table', 'tableRow', 'tableCell', 'paragraph', 'heading'])

/**
 * How deep containers (block quotes, list items, emphasis, links…) nest in
 * the tree, walked with an explicit stack: later tree walks (comment
 * control, `mdast-util-to-string`) recurse.
 */
function checkDepth(tree: Node, limit: number): Refusal | undefined {
  const stack: Array<{node: Node; depth: number}> = [{node: tree, depth: 0}]
  while (stack.length > 0) {
    const {node, depth} = stack.pop()!
    if (!('children' in node) || !Array.isArray((node as Parent).children)) continue
    const level = flat.has(node.type) ? depth : depth + 1
    if (level > limit) {
      const start = node.position?.start
      return {
        reason: `Unexpected nesting ${level} levels deep, expected at most ${limit} levels of block quotes, lists and emphasis (option \`limits.nesting\`)`,
        place: start ? {line: start.line, column: start.column, ...(start.offset === undefined ? {} : {offset: start.offset})} : {line: 1, column: 1}
      }
    }
    for (const child of (node as Parent).children) stack.push({node: child, depth: level})
  }
  return undefined
}
