/**
 * Recognition on real documents: which template `plan-lint which` (the built
 * binary, as a user runs it) gives each document of a manifest, against the
 * template the document really follows.
 *
 *   npm run build && npx tsx scripts/corpus-recognition.ts <folder> <manifest.tsv>
 *
 * The manifest has a header row and the columns `repo path commit expected`
 * (`expected` is a template id or `none`); a document is at
 * `<folder>/<owner>+<name>/<path>`. Prints every document recognised
 * otherwise, then the share recognised right, per expected id and in all.
 */
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const binary = path.join(root, 'dist', 'bin', 'plan-lint.js')

interface Row {
  document: string
  expected: string
}

function readManifest(file: string): Row[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '')
  const columns = header!.split('\t').map((cell) => cell.trim())
  const at = (name: string): number => {
    const index = columns.indexOf(name)
    if (index === -1) throw new Error(`${file}: no \`${name}\` column (columns: ${columns.join(', ')})`)
    return index
  }
  const [repo, where, expected] = [at('repo'), at('path'), at('expected')]
  return lines.map((line) => {
    const cells = line.split('\t').map((cell) => cell.trim())
    return {document: `${cells[repo]!.replace('/', '+')}/${cells[where]!}`, expected: cells[expected]!}
  })
}

function main(): void {
  const [folder, manifest] = process.argv.slice(2)
  if (!folder || !manifest) {
    console.error('usage: tsx scripts/corpus-recognition.ts <folder> <manifest.tsv>')
    process.exit(2)
  }
  if (!existsSync(binary)) throw new Error('No dist/bin/plan-lint.js: run `npm run build` first')
  const rows = readManifest(manifest)
  const missing = rows.filter((row) => !existsSync(path.join(folder, row.document)))
  if (missing.length > 0) throw new Error(`Not in ${folder}: ${missing.map((row) => row.document).join(', ')}`)
  const run = spawnSync(process.execPath, [binary, 'which', ...rows.map((row) => row.document)], {cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  if (run.status !== 0) throw new Error(`plan-lint which exited ${String(run.status)}: ${run.stderr}`)
  const got = new Map<string, string>()
  for (const line of run.stdout.split('\n')) {
    const [document, id] = line.split('\t')
    if (document && id) got.set(document.split(path.sep).join('/'), id)
  }
  const byId = new Map<string, {right: number; all: number}>()
  let right = 0
  for (const row of rows) {
    const id = got.get(row.document) ?? '(no line)'
    const tally = byId.get(row.expected) ?? {right: 0, all: 0}
    byId.set(row.expected, tally)
    tally.all++
    if (id === row.expected) {
      tally.right++
      right++
    } else console.log(`WRONG ${row.document}: expected ${row.expected}, got ${id}`)
  }
  const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(1)} %`
  console.log('\n| expected | documents | recognised | share |\n| --- | --- | --- | --- |')
  for (const [id, tally] of [...byId].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`| \`${id}\` | ${String(tally.all)} | ${String(tally.right)} | ${percent(tally.right, tally.all)} |`)
  }
  console.log(`| all | ${String(rows.length)} | ${String(right)} | ${percent(right, rows.length)} |`)
}

main()
