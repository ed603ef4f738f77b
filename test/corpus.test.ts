import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {detectionOf} from '../src/views/detect.js'
import {keyOf, readJudgments} from '../scripts/precision-judgments.js'
import {corpusDirectory, formatMessages, lint, lintTree, root} from './helpers.js'

/**
 * Real plans from public repositories (`../shared/corpus`, never copied into
 * this repository). Their findings are snapshotted so that any change in what
 * users would see shows up in review.
 */
const present = existsSync(corpusDirectory)

if (!present) {
  console.warn(`Skipping the corpus tests: ${corpusDirectory} is not there`)
}

describe.skipIf(!present)('real plans in ../shared/corpus', () => {
  it('give the findings in test/snapshots/corpus.txt', async () => {
    const names = readdirSync(corpusDirectory).filter((name) => name.endsWith('.md') && name !== 'README.md').sort()
    const sections: string[] = []
    for (const name of names) {
      const value = readFileSync(path.join(corpusDirectory, name), 'utf8')
      const {file, tree} = await lintTree(value, {}, name)
      const detection = detectionOf(tree, file)
      const template = detection.template
        ? `${detection.template.id} (by ${detection.via}, ${detection.coverage.toFixed(2)} of its sections)`
        : 'none'
      const lines = formatMessages(file).map((line, index) => `  ${line} [${file.messages[index]!.ruleId}]`)
      sections.push([`${name}: ${template}`, ...lines].join('\n'))
    }
    expect(names.length).toBeGreaterThan(10)
    await expect(sections.join('\n\n') + '\n').toMatchFileSnapshot('./snapshots/corpus.txt')
  })
})

describe.skipIf(!present)('precision on ../shared/corpus', () => {
  it('every finding is one judged TRUE in docs/precision.md', async () => {
    const judgments = readJudgments(readFileSync(path.join(root, 'docs', 'precision.md'), 'utf8'))
    const names = readdirSync(corpusDirectory).filter((name) => name.endsWith('.md') && name !== 'README.md').sort()
    const unjudged: string[] = []
    for (const name of names) {
      const file = await lint(readFileSync(path.join(corpusDirectory, name), 'utf8'), {}, name)
      for (const message of file.messages) {
        const finding = {document: name, place: `${String(message.line ?? 0)}:${String(message.column ?? 0)}`, rule: message.ruleId ?? '(file)'}
        const verdict = judgments.get(keyOf(finding))?.verdict
        if (verdict !== 'TRUE') unjudged.push(`${name}:${finding.place} ${finding.rule} (${verdict ?? 'not judged'}) ${message.reason}`)
      }
    }
    expect(unjudged).toEqual([])
  })
})
