import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

let root: string | undefined

/** The package’s root folder, from `src/` (tests) or `dist/src/` (built). */
export function packageRoot(): string {
  if (root) return root
  let current = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(current, 'templates', 'tip.md'))) {
    const parent = path.dirname(current)
    if (parent === current) throw new Error('Cannot find the root folder of remark-plan-lint')
    current = parent
  }
  root = current
  return root
}

/** The package’s version, from its `package.json`. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {version: string}
  return manifest.version
}
