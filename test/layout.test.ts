import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {importCycles, importGraph} from './import-graph.js'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

describe('source layout', () => {
  it('has no import cycle in src/ and rules/ (type-only and dynamic imports included)', () => {
    const graph = importGraph(root, ['src', 'rules'])
    expect(graph.size).toBeGreaterThan(40)
    expect(graph.get(path.join('rules', 'required-headings.ts'))).toContain(path.join('src', 'views', 'outline.ts'))
    expect(importCycles(graph)).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']]
    ])
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']])
  })

  it('keeps every rule module to 300 lines or fewer (parsing belongs in src/views/)', () => {
    const rules = readdirSync(path.join(root, 'rules')).filter((name) => name.endsWith('.ts'))
    expect(rules.length).toBeGreaterThanOrEqual(7)
    const long = rules
      .map((name) => [name, readFileSync(path.join(root, 'rules', name), 'utf8').trimEnd().split('\n').length] as const)
      .filter(([, lines]) => lines > 300)
    expect(long).toEqual([])
  })
})
