import type {VFile} from 'vfile'
import type {FormatOptions} from './formats/shared.js'

export type {FormatOptions, Level} from './formats/shared.js'
export {levelOf} from './formats/shared.js'

/** How findings are printed: `--format`. Each lives in `formats/<name>.ts`, loaded when asked for. */
export const formats = ['stylish', 'json', 'sarif', 'github', 'junit', 'gitlab', 'html'] as const
export type Format = (typeof formats)[number]

/** Formats that make a file, not a terminal report: they need `--output-file`. */
export const fileOnlyFormats: readonly Format[] = ['html']

export async function formatReport(format: Format, files: VFile[], options: FormatOptions): Promise<string> {
  switch (format) {
    case 'stylish': {
      const [{reporter}, width] = await Promise.all([import('vfile-reporter'), import('./formats/string-width.js')])
      // The report's cells (place, severity, reason, rule, source): string-width is loaded only for text beyond the narrow set.
      const cells = files.flatMap((file) => file.messages.flatMap((message) => [message.reason, message.ruleId, message.source]))
      if (cells.some((cell) => width.needsStringWidth(cell))) await width.loadStringWidth()
      const report = reporter(files, {color: options.color, silent: options.quiet, quiet: options.quiet})
      const diffs = options.dryRun ? files.map((file) => file.data.planLintFixed?.diff ?? '').join('') : ''
      return diffs + (report === '' || report.endsWith('\n') ? report : report + '\n')
    }
    case 'json':
      return (await import('./formats/json.js')).toJson(files, options)
    case 'sarif':
      return (await import('./formats/sarif.js')).toSarif(files, options)
    case 'github':
      return (await import('./formats/github.js')).toGithub(files, options)
    case 'junit':
      return (await import('./formats/junit.js')).toJunit(files, options)
    case 'gitlab':
      return (await import('./formats/gitlab.js')).toGitlab(files, options)
    case 'html':
      return (await import('./formats/html.js')).toHtmlPage(files, options)
  }
}
