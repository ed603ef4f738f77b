import type {VFile} from 'vfile'
import {sourceName} from '../../pipeline/rule-meta.js'
import {levelOf, rangeOf, relativePath, shownMessages, type FormatOptions} from './shared.js'

/**
 * `--format github`: GitHub Actions workflow commands. GitHub drops
 * annotations that give columns on a range over several lines, so those get
 * lines only.
 */
export function toGithub(files: VFile[], options: FormatOptions): string {
  const lines: string[] = []
  for (const file of files) {
    for (const message of shownMessages(file, options)) {
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
