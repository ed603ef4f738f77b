/**
 * `npx tsx scripts/template-versions.ts <template-id> <folder>`: write
 * `templates/versions/<template-id>.keys`, the text of every older version of
 * a built-in template as hashed text-unit keys (`src/template/versions.ts`),
 * from a folder holding one Markdown file per upstream version, named
 * `<date>-<commit>.md` (for spec-kit: `git show <commit>:templates/plan-template.md`).
 * Only the hashes are committed, not the upstream prose; the file's header
 * names the origin, the licence and the versions it was made from.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {hashedUnitKey, markdownUnitKeys} from '../src/template/versions.js'
import {root} from '../test/helpers.js'

/** Where each built-in template with older versions comes from. */
const origins: Record<string, string> = {
  'spec-kit-plan': 'templates/plan-template.md',
  'spec-kit-spec': 'templates/spec-template.md',
  'spec-kit-tasks': 'templates/tasks-template.md'
}

const [id, folder] = process.argv.slice(2)
const origin = id === undefined ? undefined : origins[id]
if (!id || !folder || !origin) {
  console.error(`usage: tsx scripts/template-versions.ts <${Object.keys(origins).join('|')}> <folder of <date>-<commit>.md files>`)
  process.exit(2)
}
const versions = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .sort()
const hashes = new Set<string>()
for (const name of versions) {
  for (const key of markdownUnitKeys(readFileSync(path.join(folder, name), 'utf8'))) hashes.add(hashedUnitKey(key))
}
const header = [
  `# Text of every upstream version of ${origin} in github/spec-kit, template \`${id}\``,
  '# (spec-kit: MIT License, Copyright GitHub, Inc.). Not the text itself: one line per',
  '# text unit (src/markdown/text-units.ts), the first 16 hex digits of the SHA-256 of its key.',
  '# Made by `npx tsx scripts/template-versions.ts` from these versions (date-commit):',
  ...chunks(versions.map((name) => name.replace(/\.md$/, '')), 4).map((line) => '#   ' + line.join(' '))
]
const out = path.join(root, 'templates', 'versions', id + '.keys')
writeFileSync(out, [...header, ...[...hashes].sort()].join('\n') + '\n')
console.log(`wrote ${path.relative(root, out)}: ${hashes.size} keys from ${versions.length} versions`)

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size))
  return result
}
