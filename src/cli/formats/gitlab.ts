import {createHash} from 'node:crypto'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {checkIdOf, levelOf, rangeOf, relativePath, shownMessages, type FormatOptions} from './shared.js'

/** GitLab Code Quality severities, from plan-lint levels. */
const severities = {error: 'major', warning: 'minor', info: 'info'} as const

/**
 * `--format gitlab`: a GitLab Code Quality report (the Code Climate subset
 * GitLab reads). The fingerprint hashes the path, check, message and how many
 * identical findings came before in the file, never the line, so a finding
 * keeps its fingerprint across runs and when lines above it move, and GitLab
 * shows it as unchanged rather than fixed and new.
 */
export function toGitlab(files: VFile[], options: FormatOptions): string {
  const issues = []
  for (const file of files) {
    const path = relativePath(file, options.cwd)
    const seen = new Map<string, number>()
    for (const message of shownMessages(file, options)) {
      const check = checkIdOf(message)
      const key = JSON.stringify([path, check, message.reason])
      const occurrence = seen.get(key) ?? 0
      seen.set(key, occurrence + 1)
      const range = rangeOf(message)
      issues.push({
        type: 'issue',
        description: message.reason,
        check_name: check,
        categories: ['Clarity'],
        fingerprint: fingerprintOf(key, occurrence),
        severity: severities[levelOf(message)],
        location: {
          path,
          lines: {begin: range.line, ...(range.endLine === undefined ? {} : {end: range.endLine})}
        },
        ...content(message)
      })
    }
  }
  return JSON.stringify(issues, null, 2) + '\n'
}

function fingerprintOf(key: string, occurrence: number): string {
  return createHash('sha256').update(`${key}\n${occurrence}`).digest('hex')
}

/** The rule's doc, as Code Climate's Markdown `content.body`. */
function content(message: VFileMessage): {content?: {body: string}} {
  return message.url ? {content: {body: `See [${checkIdOf(message)}](${message.url}).`}} : {}
}
