import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {writeCorpus} from './corpus.js'

/**
 * A repository's Markdown as `plan-lint .` meets it (issue 22): READMEs and
 * changelogs (those of the installed packages in `node_modules`, never this
 * package's own files or templates) with plans among them. Fewer distinct
 * documents than asked for are used again, under other names.
 */
export interface MixedTree {
  /** Documents that are not plans, and how many of them are distinct. */
  others: number
  distinct: number
  plans: number
  bytes: number
}

const docName = /^(?:readme|changelog|history|changes)\.(?:md|markdown)$/i

export function packageDocs(root: string): string[] {
  const found: string[] = []
  const visit = (folder: string, depth: number): void => {
    let names: string[]
    try {
      names = readdirSync(folder).sort()
    } catch {
      return
    }
    for (const name of names) {
      const file = path.join(folder, name)
      let stats
      try {
        stats = statSync(file)
      } catch {
        continue
      }
      if (stats.isDirectory()) {
        // Packages, scopes and nested `node_modules`; not this package (a link to it, or a copy).
        if (depth < 4 && name !== 'remark-plan-lint' && name !== 'templates' && !name.startsWith('.')) visit(file, depth + 1)
      } else if (docName.test(name) && stats.size > 0) {
        found.push(file)
      }
    }
  }
  visit(path.join(root, 'node_modules'), 0)
  return found
}

/** Write `total` Markdown files under `directory`, `plans` of them plans (the first of `corpus`). */
export function writeMixedTree(directory: string, root: string, corpus: string[], total: number, plans: number): MixedTree {
  const docs = packageDocs(root)
  if (docs.length === 0) throw new Error('Expected READMEs in node_modules for the mixed tree')
  const others = total - plans
  let bytes = 0
  for (let index = 0; index < others; index++) {
    const source = docs[index % docs.length]!
    const folder = path.join(directory, 'packages', `package-${String(index + 1).padStart(4, '0')}`)
    mkdirSync(folder, {recursive: true})
    const value = readFileSync(source)
    bytes += value.length
    writeFileSync(path.join(folder, path.basename(source)), value)
  }
  for (const file of writeCorpus(path.join(directory, 'docs', 'plans'), corpus.slice(0, plans))) bytes += statSync(file).size
  return {others, distinct: Math.min(docs.length, others), plans, bytes}
}
