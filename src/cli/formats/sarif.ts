import type {VFile} from 'vfile'
import {fileCheckDescription, fileCheckId} from '../../markdown/input-guard.js'
import {docUrl, ruleMetas} from '../../pipeline/rule-meta.js'
import {packageVersion} from '../../support/package-root.js'
import {checkIdOf, fileErrorRule, levelOf, rangeOf, relativePath, shownMessages, type FormatOptions} from './shared.js'

interface SarifRule {
  id: string
  shortDescription: {text: string}
  helpUri?: string
  defaultConfiguration: {level: string}
}

/** `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
export function toSarif(files: VFile[], options: FormatOptions): string {
  const rules: SarifRule[] = ruleMetas.map((meta) => ({
    id: meta.id,
    shortDescription: {text: meta.description},
    helpUri: docUrl(meta.id),
    defaultConfiguration: {level: meta.defaultSeverity === 'warn' ? 'warning' : 'error'}
  }))
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]))
  const results = []
  for (const file of files) {
    for (const message of shownMessages(file, options)) {
      // Messages from other plugins in the user's config, and files that
      // could not be read, still get a rule entry so every result has one.
      const ruleId = checkIdOf(message)
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
  const log = {
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
  return JSON.stringify(log, null, 2) + '\n'
}
