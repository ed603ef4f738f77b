import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {countsOf, levelOf, rangeOf, relativePath} from '../cli/formats/shared.js'

/**
 * Linted files as the `lint` and `fix` tools return them: the fields of
 * `plan-lint --format json` (same levels, ranges and paths, from the same
 * helpers) plus the template, its coverage, the plan's status and whether
 * `fix` repairs a finding.
 */

export interface MessageData {
  ruleId: string | null
  severity: 'error' | 'warning' | 'info'
  message: string
  line: number
  column: number
  endLine: number | null
  endColumn: number | null
  expected: string[] | null
  url: string | null
  fixable: boolean
}

export interface FileData {
  path: string
  template: string | null
  coverage: number
  status: string | null
  messages: MessageData[]
}

export function messageData(message: VFileMessage): MessageData {
  const {line, column, endLine, endColumn} = rangeOf(message)
  return {
    ruleId: message.ruleId ?? null,
    severity: levelOf(message),
    message: message.reason,
    line,
    column,
    endLine: endLine ?? null,
    endColumn: endColumn ?? null,
    expected: message.expected ?? null,
    url: message.url ?? null,
    fixable: message.fix !== undefined
  }
}

/** A linted file; `cwd` is the workspace folder its path is shown from. */
export function fileData(file: VFile, cwd: string): FileData {
  const detected = file.data.planLintTemplate
  return {
    path: relativePath(file, cwd),
    template: detected?.id ?? null,
    coverage: detected?.id ? detected.coverage : 0,
    status: file.data.planLintStatus?.value ?? null,
    messages: file.messages.map(messageData)
  }
}

/** The `lint` result: files, and errors and warnings over all of them. */
export function lintData(files: Array<{file: VFile; cwd: string}>): {files: FileData[]; errors: number; warnings: number} {
  const {errors, warnings} = countsOf(files.flatMap(({file}) => file.messages))
  return {files: files.map(({file, cwd}) => fileData(file, cwd)), errors, warnings}
}

/** One line a finding, as a terminal report has it, for clients that read text only. */
export function findingLines(path: string, messages: readonly MessageData[]): string[] {
  return messages.map(
    (item) => `${path}:${item.line}:${item.column}: ${item.severity} ${item.message}${item.ruleId ? ` (${item.ruleId})` : ''}${item.fixable ? ' [fixable]' : ''}`
  )
}
