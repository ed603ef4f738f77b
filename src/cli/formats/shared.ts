import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {sourceName} from '../../pipeline/rule-meta.js'

/** What every report format reads besides the files. */
export interface FormatOptions {
  cwd: string
  color: boolean
  /** Errors only. */
  quiet: boolean
  /** `--fix-dry-run`: show each file’s diff (stylish) or its fixes and diff (json). */
  dryRun?: boolean
}

export type Level = 'error' | 'warning' | 'info'

export function levelOf(message: VFileMessage): Level {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

export function shown(message: VFileMessage, options: FormatOptions): boolean {
  return !options.quiet || message.fatal === true
}

/** The messages a report lists for a file (`--quiet` keeps errors only). */
export function shownMessages(file: VFile, options: FormatOptions): VFileMessage[] {
  return file.messages.filter((message) => shown(message, options))
}

/** The file's path from the cwd, with `/` on every platform. */
export function relativePath(file: VFile, cwd: string): string {
  const absolute = path.resolve(file.cwd, file.path)
  return path.relative(cwd, absolute).split(path.sep).join('/')
}

export interface Range {
  line: number
  column: number
  endLine: number | undefined
  endColumn: number | undefined
}

export function rangeOf(message: VFileMessage): Range {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : undefined
  return {
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    endLine: end?.line,
    endColumn: end?.column
  }
}

/** The check of a message that has no rule: a file that could not be read or processed. */
export const fileErrorRule = 'file-error'

/**
 * One id per check, for reports that need one on every finding: plan-lint's
 * rule id; `source/ruleId` for other plugins in the user's config; `file-error`
 * for a file that could not be read.
 */
export function checkIdOf(message: VFileMessage): string {
  if (message.source === sourceName && message.ruleId) return message.ruleId
  if (!message.ruleId) return fileErrorRule
  return message.source ? `${message.source}/${message.ruleId}` : message.ruleId
}

/** Errors and warnings among a file's messages (infos count as neither). */
export function countsOf(messages: VFileMessage[]): {errors: number; warnings: number} {
  let errors = 0
  let warnings = 0
  for (const message of messages) {
    if (message.fatal === true) errors++
    else if (message.fatal === false) warnings++
  }
  return {errors, warnings}
}
