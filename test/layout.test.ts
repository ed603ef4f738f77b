import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {importCycles, importGraph, layerViolations} from './import-graph.js'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

/** The folders and files of docs/architecture.md’s “Where things are”, lowest layer first. */
function documentedLayers(): string[] {
  const doc = readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8')
  const block = /## Where things are\n+```text\n([\s\S]*?)```/.exec(doc)?.[1] ?? ''
  return block.trim().split('\n').map((line) => line.split(/\s+/)[0]!)
}

/** Graph keys use the platform’s separator; layers are written with `/`. */
const posix = (graph: Map<string, string[]>) =>
  new Map([...graph].map(([file, targets]) => [file.split(path.sep).join('/'), targets.map((target) => target.split(path.sep).join('/'))]))

describe('source layout', () => {
  it('has no import cycle in src/ and rules/ (type-only and dynamic imports included)', () => {
    const graph = importGraph(root, ['src', 'rules'])
    expect(graph.size).toBeGreaterThan(40)
    expect(graph.get(path.join('rules', 'required-headings.ts'))).toContain(path.join('src', 'views', 'outline.ts'))
    expect(importCycles(graph)).toEqual([])
  })

  it('imports only from its own layer or one below it in docs/architecture.md (type-only and dynamic imports included)', () => {
    const layers = documentedLayers()
    expect(layers.slice(0, 3)).toEqual(['src/support/', 'src/markdown/', 'src/template/'])
    expect(layers).toContain('rules/')
    expect(layerViolations(posix(importGraph(root, ['src', 'rules'])), layers)).toEqual([])
  })

  it('finds an import that runs up the layers, and a module no layer holds', () => {
    const graph = new Map([
      ['low/a.ts', ['low/b.ts']],
      ['low/b.ts', ['high/c.ts']],
      ['high/c.ts', ['low/a.ts', 'top.ts']],
      ['top.ts', ['high/c.ts']],
      ['stray/d.ts', []]
    ])
    expect(layerViolations(graph, ['low/', 'high/', 'top.ts'])).toEqual([
      'low/b.ts -> high/c.ts',
      'high/c.ts -> top.ts',
      'stray/d.ts (no layer)'
    ])
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
