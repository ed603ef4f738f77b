import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {detectionOf} from '../src/views/detect.js'
import {corpusDirectory, formatMessages, lintTree} from './helpers.js'

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
