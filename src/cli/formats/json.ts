import type {VFile} from 'vfile'
import {levelOf, rangeOf, relativePath, shownMessages, type FormatOptions} from './shared.js'

/** `--format json`: every file with its messages. */
export function toJson(files: VFile[], options: FormatOptions): string {
  const report = files.map((file) => ({
    path: relativePath(file, options.cwd),
    messages: shownMessages(file, options).map((message) => ({
      ruleId: message.ruleId ?? null,
      source: message.source ?? null,
      severity: levelOf(message),
      message: message.reason,
      ...rangeOf(message),
      url: message.url ?? null,
      expected: message.expected ?? null
    }))
  }))
  return JSON.stringify(report, null, 2) + '\n'
}
