import {readFileSync, readdirSync} from 'node:fs'
import path from 'node:path'

/** Relative imports of one module: static, type-only, re-exports and `import()`. */
const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm

/** Every `.ts` file under `folders` (relative to `root`), with the `.ts` files it imports. */
export function importGraph(root: string, folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const folder of folders) {
    for (const entry of readdirSync(path.join(root, folder), {recursive: true, encoding: 'utf8'})) {
      if (!entry.endsWith('.ts') || entry.endsWith('.d.ts')) continue
      const file = path.join(folder, entry)
      const text = readFileSync(path.join(root, file), 'utf8')
      const targets = [...text.matchAll(specifier)].map((match) =>
        path.join(path.dirname(file), match[2]!).replace(/\.js$/, '.ts')
      )
      graph.set(file, targets)
    }
  }
  return graph
}

/** Import cycles: strongly connected components of more than one module, or a module importing itself (Tarjan). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let counter = 0
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter)
    counter++
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!))
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        component.push(member)
      } while (member !== node)
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort())
    }
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}

/**
 * Imports that run up an ordered list of layers (lowest first; each a folder
 * ending in `/` or a file), as `from -> to`, and modules no layer holds, as
 * `from (no layer)`. A module may import from its own layer and those below.
 */
export function layerViolations(graph: Map<string, string[]>, layers: string[]): string[] {
  const layerOf = (file: string): number =>
    layers.findIndex((layer) => (layer.endsWith('/') ? file.startsWith(layer) : file === layer))
  const violations: string[] = []
  for (const [file, targets] of graph) {
    const from = layerOf(file)
    if (from < 0) violations.push(`${file} (no layer)`)
    for (const target of targets) if (graph.has(target) && layerOf(target) > from) violations.push(`${file} -> ${target}`)
  }
  return violations
}
