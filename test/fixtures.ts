import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Options} from '../src/index.js'
import {root} from './helpers.js'

/**
 * Rule fixtures: `fixtures/<rule-id>/<name>.md`. A `not-ok-*` fixture has its
 * exact expected report in `<name>.txt`; an `ok-*` fixture must give nothing.
 * `options.json` in the folder (or `<name>.json`) holds preset options.
 * A folder named `ok-…` or `not-ok-…` is one feature folder (siblings such
 * as `spec.md` and `tasks.md`, for cross-document rules): its files are
 * fixtures named `<folder>/<file>`; in a `not-ok-…` folder only the files
 * with a `.txt` report are, the others are their siblings.
 */
export interface Fixture {
  ruleId: string
  name: string
  file: string
  value: string
  expected: string[]
  options: Options
}

export function ruleFixtures(ruleId: string): Fixture[] {
  const directory = path.join(root, 'fixtures', ruleId)
  if (!existsSync(directory)) return []
  const shared = readOptions(path.join(directory, 'options.json'))
  const folders = readdirSync(directory, {withFileTypes: true})
    .filter((entry) => entry.isDirectory() && /^(?:ok|not-ok)-/.test(entry.name))
    .flatMap((entry) =>
      readdirSync(path.join(directory, entry.name))
        .filter((name) => name.endsWith('.md'))
        .filter((name) => entry.name.startsWith('ok-') || existsSync(path.join(directory, entry.name, name.slice(0, -3) + '.txt')))
        .map((name) => entry.name + '/' + name)
    )
  return [...readdirSync(directory).filter((name) => name.endsWith('.md')), ...folders]
    .sort()
    .map((name) => {
      const base = name.slice(0, -3)
      const file = path.join(directory, name)
      const expectedFile = path.join(directory, base + '.txt')
      const expected = existsSync(expectedFile)
        ? readFileSync(expectedFile, 'utf8').split('\n').filter((line) => line !== '')
        : []
      return {
        ruleId,
        name: base,
        file,
        value: readFileSync(file, 'utf8'),
        expected,
        options: {...shared, ...readOptions(path.join(directory, base + '.json'))}
      }
    })
}

function readOptions(file: string): Options {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Options) : {}
}
