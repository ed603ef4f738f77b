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
      expected: message.expected ?? null,
      // A text edit: offsets into the text without a byte order mark, end exclusive.
      ...(options.dryRun && message.fix ? {fix: {range: message.fix.range, text: message.fix.text}} : {})
    })),
    ...(options.dryRun ? {diff: file.data.planLintFixed?.diff ?? null} : {})
  }))
  return JSON.stringify(report, null, 2) + '\n'
}
