import type {ListItem, Paragraph, TableCell} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import type {Dimension} from '../template/risk-facts.js'
import {labelKey} from '../support/text.js'
import type {SourcePoints} from './source-points.js'

/**
 * Reading risk ratings as written: the text and place of a table cell, and
 * the `Label: value` fields of a risk list item.
 */

/** A cell’s text (most cells are one text node). */
export function cellText(cell: TableCell): string {
  const only = cell.children.length === 1 ? cell.children[0]! : undefined
  return only?.type === 'text' ? only.value : toString(cell)
}

/** The cell’s content; for an empty cell, the space between its pipes. */
export function cellPlace(cell: TableCell, source: string): Position | undefined {
  const first = cell.children[0]?.position
  const last = cell.children.at(-1)?.position
  if (first && last) return {start: first.start, end: last.end}
  const place = cell.position
  if (!place) return undefined
  const offset = place.start.offset
  if (offset !== undefined && source[offset] === '|' && place.end.offset !== undefined && place.end.offset > offset) {
    return {start: {line: place.start.line, column: place.start.column + 1, offset: offset + 1}, end: place.end}
  }
  return place
}

export interface RiskField {
  dimension: Dimension
  /** The label as written (`Probability`). */
  label: string
  value: string
  place: Position | undefined
}

/**
 * `Label: value` lines of a risk item: later lines of its own paragraphs
 * (its first line names the risk) and the first line of each nested item.
 */
export function riskFieldsOf(item: ListItem, rated: readonly Dimension[], points: SourcePoints): RiskField[] {
  const fields: RiskField[] = []
  const read = {rated, points, fields}
  item.children.forEach((child, index) => {
    if (child.type === 'paragraph') {
      readLines(child, index === 0 ? 1 : 0, Number.POSITIVE_INFINITY, read)
    } else if (child.type === 'list') {
      for (const nested of child.children) {
        const lead = nested.children[0]
        if (lead?.type === 'paragraph') readLines(lead, 0, 1, read)
      }
    }
  })
  return fields
}

interface Reading {
  rated: readonly Dimension[]
  points: SourcePoints
  fields: RiskField[]
}

function readLines(paragraph: Paragraph, skip: number, limit: number, {rated, points, fields}: Reading): void {
  const start = paragraph.position?.start.offset
  const end = paragraph.position?.end.offset
  // Without positions (a generated tree) there is nothing to point at, but the
  // fields still count so that no finding is made up.
  const located = start !== undefined && end !== undefined
  const text = located ? points.source.slice(start, end) : toString(paragraph)
  let lineStart = 0
  let lineNumber = 0
  while (lineStart <= text.length && lineNumber < skip + limit) {
    // Lines end at `\n`, `\r\n` or a lone `\r`.
    let lineEnd = lineStart
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++
    if (lineNumber >= skip) {
      const field = readField(text, lineStart, lineEnd, rated)
      if (field) {
        const place = located ? {start: points.pointAt(start + field.from), end: points.pointAt(start + field.to)} : undefined
        fields.push({dimension: field.dimension, label: field.label, value: field.value, place})
      }
    }
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1)
    lineNumber++
  }
}

const markup = new Set(['*', '_', ' ', '\t', '\r'])

/** `**Impact**: High`, `**Impact:** High`, `Impact: High` on one line. */
function readField(
  text: string,
  lineStart: number,
  lineEnd: number,
  rated: readonly Dimension[]
): {dimension: Dimension; label: string; value: string; from: number; to: number} | undefined {
  // Not `indexOf`: on a line without a colon it would search the lines after.
  let colon = lineStart
  while (colon < lineEnd && text[colon] !== ':') colon++
  if (colon === lineEnd) return undefined
  let labelStart = lineStart
  let labelEnd = colon
  while (labelStart < labelEnd && markup.has(text[labelStart]!)) labelStart++
  while (labelEnd > labelStart && markup.has(text[labelEnd - 1]!)) labelEnd--
  const label = text.slice(labelStart, labelEnd)
  const key = labelKey(label)
  const dimension = rated.find((item) => item.keys.has(key))
  if (!dimension) return undefined
  let from = colon + 1
  let to = lineEnd
  while (from < to && markup.has(text[from]!)) from++
  while (to > from && markup.has(text[to - 1]!)) to--
  // An empty value points at the label.
  if (from === to) return {dimension, label, value: '', from: labelStart, to: labelEnd}
  return {dimension, label, value: text.slice(from, to), from, to}
}
