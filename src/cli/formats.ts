import path from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporter} from 'vfile-reporter'
import {fileCheckDescription, fileCheckId} from '../markdown/input-guard.js'
import {docUrl, ruleMetas, sourceName} from '../pipeline/rule-meta.js'
import {packageVersion} from '../support/package-root.js'

/** How findings are printed: `--format`. */
export const formats = ['stylish', 'json', 'sarif', 'github'] as const
export type Format = (typeof formats)[number]

export interface FormatOptions {
  cwd: string
  color: boolean
  /** Errors only. */
  quiet: boolean
  /** `--fix-dry-run`: show each file’s diff (stylish) or its fixes and diff (json). */
  dryRun?: boolean
}

export function formatReport(format: Format, files: VFile[], options: FormatOptions): string {
  switch (format) {
    case 'stylish': {
      const report = reporter(files, {color: options.color, silent: options.quiet, quiet: options.quiet})
      const diffs = options.dryRun ? files.map((file) => file.data.planLintFixed?.diff ?? '').join('') : ''
      return diffs + (report === '' || report.endsWith('\n') ? report : report + '\n')
    }
    case 'json':
      return JSON.stringify(toJson(files, options), null, 2) + '\n'
    case 'sarif':
      return JSON.stringify(toSarif(files, options), null, 2) + '\n'
    case 'github':
      return toGithub(files, options)
  }
}

export type Level = 'error' | 'warning' | 'info'

export function levelOf(message: VFileMessage): Level {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

function shown(message: VFileMessage, options: FormatOptions): boolean {
  return !options.quiet || message.fatal === true
}

function relativePath(file: VFile, cwd: string): string {
  const absolute = path.resolve(file.cwd, file.path)
  return path.relative(cwd, absolute).split(path.sep).join('/')
}

interface Range {
  line: number
  column: number
  endLine: number | undefined
  endColumn: number | undefined
}

function rangeOf(message: VFileMessage): Range {
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

function toJson(files: VFile[], options: FormatOptions) {
  return files.map((file) => ({
    path: relativePath(file, options.cwd),
    messages: file.messages
      .filter((message) => shown(message, options))
      .map((message) => ({
        ruleId: message.ruleId ?? null,
        source: message.source ?? null,
        severity: levelOf(message),
        message: message.reason,
        ...rangeOf(message),
        url: message.url ?? null,
        expected: message.expected ?? null,
        // A text edit: offsets into the text without a byte order mark, end exclusive.
        ...(options.dryRun && message.fix ? {fix: {range: message.fix.range, text: message.fix.text}} : {})
      })),
    ...(options.dryRun ? {diff: file.data.planLintFixed?.diff ?? null} : {})
  }))
}

const fileErrorRule = 'file-error'

/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
function toSarif(files: VFile[], options: FormatOptions) {
  const rules: Array<{id: string; shortDescription: {text: string}; helpUri?: string; defaultConfiguration: {level: string}}> =
    ruleMetas.map((meta) => ({
      id: meta.id,
      shortDescription: {text: meta.description},
      helpUri: docUrl(meta.id),
      defaultConfiguration: {level: meta.defaultSeverity === 'warn' ? 'warning' : 'error'}
    }))
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]))
  const results = []
  for (const file of files) {
    for (const message of file.messages) {
      if (!shown(message, options)) continue
      // Messages from other plugins in the user's config, and files that
      // could not be read, still get a rule entry so every result has one.
      const ruleId = message.source === sourceName && message.ruleId ? message.ruleId : ruleIdOf(message)
      if (!indexOf.has(ruleId)) {
        indexOf.set(ruleId, rules.length)
        rules.push({
          id: ruleId,
          shortDescription: {
            text:
              ruleId === fileErrorRule
                ? 'A file could not be read or processed'
                : ruleId === fileCheckId
                  ? fileCheckDescription
                  : `Finding of ${ruleId}`
          },
          ...(message.url ? {helpUri: message.url} : {}),
          defaultConfiguration: {level: 'error'}
        })
      }
      const range = rangeOf(message)
      const level = levelOf(message)
      results.push({
        ruleId,
        ruleIndex: indexOf.get(ruleId)!,
        level: level === 'info' ? 'note' : level,
        message: {text: message.reason},
        locations: [
          {
            physicalLocation: {
              artifactLocation: {uri: encodeURI(relativePath(file, options.cwd)), uriBaseId: '%SRCROOT%'},
              region: {
                startLine: range.line,
                startColumn: range.column,
                ...(range.endLine === undefined ? {} : {endLine: range.endLine}),
                ...(range.endColumn === undefined ? {} : {endColumn: range.endColumn})
              }
            }
          }
        ]
      })
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plan-lint',
            informationUri: 'https://github.com/remark-plan-lint/remark-plan-lint',
            version: packageVersion(),
            rules
          }
        },
        results
      }
    ]
  }
}

function ruleIdOf(message: VFileMessage): string {
  if (!message.ruleId) return fileErrorRule
  return message.source ? `${message.source}/${message.ruleId}` : message.ruleId
}

/**
 * GitHub Actions workflow commands. GitHub drops annotations that give
 * columns on a range over several lines, so those get lines only.
 */
function toGithub(files: VFile[], options: FormatOptions): string {
  const lines: string[] = []
  for (const file of files) {
    for (const message of file.messages) {
      if (!shown(message, options)) continue
      const range = rangeOf(message)
      const level = levelOf(message)
      const command = level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'notice'
      const properties = [`file=${escapeProperty(relativePath(file, options.cwd))}`, `line=${range.line}`]
      const multiline = range.endLine !== undefined && range.endLine !== range.line
      if (!multiline) properties.push(`col=${range.column}`)
      if (range.endLine !== undefined) properties.push(`endLine=${range.endLine}`)
      if (!multiline && range.endColumn !== undefined) properties.push(`endColumn=${range.endColumn}`)
      const title = message.ruleId ? `${message.source ?? sourceName}/${message.ruleId}` : sourceName
      properties.push(`title=${escapeProperty(title)}`)
      lines.push(`::${command} ${properties.join(',')}::${escapeData(message.reason)}`)
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : ''
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
