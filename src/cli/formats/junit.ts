import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {fileCheckId} from '../../markdown/input-guard.js'
import {checkIdOf, fileErrorRule, levelOf, rangeOf, relativePath, shownMessages, type FormatOptions} from './shared.js'

/**
 * `--format junit`: JUnit XML as ESLint's `junit` formatter and
 * markdownlint-cli2-formatter-junit write it, which Jenkins, GitLab and Azure
 * Pipelines all read: one `<testsuite>` per file (named by its path), one
 * `<testcase>` per finding (`classname` the path, `name` the rule id, stable
 * across runs) holding a `<failure>`, or an `<error>` when the file could not
 * be read; a file without findings is one passing test case, so it counts.
 */
export function toJunit(files: VFile[], options: FormatOptions): string {
  const suites: string[] = []
  let tests = 0
  let failures = 0
  let errors = 0
  for (const file of files) {
    const name = relativePath(file, options.cwd)
    const messages = shownMessages(file, options)
    const cases = messages.map((message) => testCase(name, message))
    const suiteErrors = messages.filter(unreadable).length
    const suiteFailures = messages.length - suiteErrors
    if (cases.length === 0) cases.push(`    <testcase classname="${xml(name)}" name="plan-lint" time="0"/>`)
    tests += cases.length
    failures += suiteFailures
    errors += suiteErrors
    suites.push(
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0" time="0">\n` +
        cases.join('\n') +
        '\n  </testsuite>'
    )
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="plan-lint" tests="${tests}" failures="${failures}" errors="${errors}" time="0">\n` +
    suites.map((suite) => suite + '\n').join('') +
    '</testsuites>\n'
  )
}

function testCase(path: string, message: VFileMessage): string {
  const range = rangeOf(message)
  const check = checkIdOf(message)
  const level = levelOf(message)
  const element = unreadable(message) ? 'error' : 'failure'
  const end = range.endLine === undefined ? '' : `-${range.endLine}:${range.endColumn ?? 1}`
  // The body reads like a line of the stylish report, with the doc link.
  const body = `${path}:${range.line}:${range.column}${end} ${level} ${message.reason} (${check})${message.url ? '\n' + message.url : ''}`
  return (
    `    <testcase classname="${xml(path)}" name="${xml(check)}" time="0">\n` +
    `      <${element} message="${xml(message.reason)}" type="${level}">${xml(body)}</${element}>\n` +
    '    </testcase>'
  )
}

/** A file that could not be read or processed is an error, not a failed check. */
function unreadable(message: VFileMessage): boolean {
  const check = checkIdOf(message)
  return check === fileErrorRule || check === fileCheckId
}

/**
 * Text for an XML attribute or element (by hand: xast-util-to-xml leaves `]]>`
 * and control characters as they are, which makes the XML invalid): the five markup characters as
 * entities, line breaks kept in attributes, and characters XML 1.0 cannot
 * hold at all (most control characters, lone surrogates) as U+FFFD.
 */
function xml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
}
