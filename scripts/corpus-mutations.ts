/**
 * Injected defects in real documents: copy a folder of plans people wrote,
 * inject one defect into every document (a placeholder left, a required
 * section removed, a broken checkbox, and the format’s own defects from
 * `scripts/mutations/<format>.ts`), lint each copy with the built binary and
 * check that the defect is reported on the right line by the right rule. A
 * legitimate edit (a paragraph with a link and inline code) must add no
 * finding.
 *
 *   npm run build && npx tsx scripts/corpus-mutations.ts <folder> [--format <name>] [--manifest <manifest.tsv>] [--verbose]
 *
 * With `--manifest` (columns `repo path commit expected`), documents whose
 * `expected` template is `none` are left out. The folder is never written:
 * each mutation runs on a copy in a temporary folder, keeping every path, so
 * path conventions and sibling documents work as in the original.
 */
import {spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {defaultRegistry} from '../src/template/registry.js'
import {headingKey} from '../src/template/heading-text.js'
import type {Mutation} from './mutations/mutation.js'
import {lineKinds} from './mutations/mutation.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const binary = path.join(root, 'dist', 'bin', 'plan-lint.js')

interface Message {
  ruleId: string | null
  message: string
  line: number | null
}

/** Lint a folder with the built binary: messages by document path (relative, `/`). */
function lintFolder(folder: string): Map<string, Message[]> {
  const run = spawnSync(process.execPath, [binary, '--format', 'json', '--no-color', '.'], {cwd: folder, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024})
  if (run.status !== 0 && run.status !== 1) throw new Error(`plan-lint exited ${String(run.status)}: ${run.stderr}`)
  const files = JSON.parse(run.stdout) as Array<{path: string; messages: Message[]}>
  return new Map(files.map((file) => [file.path.split(path.sep).join('/'), file.messages]))
}

/** Template ids by document, as `plan-lint which` gives them. */
function whichFolder(folder: string, documents: string[]): Map<string, string> {
  const run = spawnSync(process.execPath, [binary, 'which', ...documents], {cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  const ids = new Map<string, string>()
  for (const line of run.stdout.split('\n')) {
    const [document, id] = line.split('\t')
    if (document && id) ids.set(document.split(path.sep).join('/'), id)
  }
  return ids
}

function markdownFiles(folder: string, prefix = ''): string[] {
  const found: string[] = []
  for (const name of readdirSync(path.join(folder, prefix))) {
    const relative = prefix ? `${prefix}/${name}` : name
    if (statSync(path.join(folder, relative)).isDirectory()) found.push(...markdownFiles(folder, relative))
    else if (/\.md$/i.test(name)) found.push(relative)
  }
  return found.sort()
}

/** The generic defects, for a document of a known template. */
function genericMutations(templateOf: (file: string) => string | undefined): Mutation[] {
  const registry = defaultRegistry()
  return [
    {
      name: 'placeholder left in a paragraph',
      rules: ['no-placeholders', 'no-empty-sections', 'no-template-text'],
      applies: () => true,
      apply(text) {
        const lines = text.split('\n')
        const kinds = lineKinds(lines)
        const index = kinds.findIndex((kind, at) => kind === 'paragraph' && /^[A-Za-z\u00C0-\u024F\u3040-\u30FF\u4E00-\u9FFF]/.test(lines[at]!.trim()))
        if (index === -1) return undefined
        lines[index] = lines[index]!.replace(/\s*$/, ' [Describe the rollback here]')
        return {text: lines.join('\n'), line: index + 1, mention: '[Describe the rollback here]'}
      }
    },
    {
      name: 'broken checkbox',
      rules: ['checklist-format'],
      applies: () => true,
      apply(text) {
        const lines = text.split('\n')
        const kinds = lineKinds(lines)
        const index = lines.findIndex((line, at) => kinds[at] === 'list' && /^\s*[-*+] \[[ xX]\] \S/.test(line))
        if (index === -1) return undefined
        lines[index] = lines[index]!.replace(/\[[ xX]\]/, '[]')
        return {text: lines.join('\n'), line: index + 1}
      }
    },
    {
      name: 'required section removed',
      rules: ['required-headings'],
      applies: (file) => templateOf(file) !== undefined,
      apply(text, file) {
        const template = registry.get(templateOf(file) ?? '')
        if (!template) return undefined
        const lines = text.split('\n')
        const kinds = lineKinds(lines)
        for (const section of template.alwaysRequired) {
          // A section whose subsections are required too would be reported for them as well: take leaves.
          if (template.alwaysRequired.some((other) => other.parent === section)) continue
          // A group (`Phase N: …`) needs only one of its sections; a heading written twice stays.
          if (section.pattern.repeated) continue
          const matching = lines.flatMap((line, at) => {
            const heading = kinds[at] === 'heading' ? /^(#{2,6})\s+(.*?)\s*#*\s*$/.exec(line) : null
            return heading !== null && section.pattern.test(headingKey(heading[2]!)) ? [at] : []
          })
          if (matching.length !== 1) continue
          const index = matching[0]!
          const depth = /^#+/.exec(lines[index]!)![0].length
          let end = index + 1
          while (end < lines.length && !(kinds[end] === 'heading' && /^#+/.exec(lines[end]!)![0].length <= depth)) end++
          lines.splice(index, end - index)
          // Placed where the section belongs (in template order, or first for `placement: any`), naming it.
          return {text: lines.join('\n'), line: Math.min(index + 1, lines.length), mention: section.label}
        }
        return undefined
      }
    },
    {
      name: 'legitimate edit: a paragraph with a link and inline code',
      rules: [],
      expectNone: true,
      applies: () => true,
      apply(text) {
        const lines = text.split('\n')
        const kinds = lineKinds(lines)
        const index = kinds.findIndex((kind, at) => kind === 'paragraph' && (kinds[at + 1] === 'blank' || at + 1 === lines.length))
        if (index === -1) return undefined
        lines.splice(index + 1, 0, '', 'See the [design notes](https://example.com/design-notes) and `config/limits.yaml` for the details.')
        return {text: lines.join('\n'), line: index + 3}
      }
    }
  ]
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
  const folder = args.find((arg, index) => !arg.startsWith('--') && !['--format', '--manifest'].includes(args[index - 1] ?? ''))
  if (!folder) {
    console.error('usage: tsx scripts/corpus-mutations.ts <folder> [--format <name>] [--manifest <manifest.tsv>] [--verbose]')
    process.exit(2)
  }
  if (!existsSync(binary)) throw new Error('No dist/bin/plan-lint.js: run `npm run build` first')
  const source = path.resolve(folder)
  let documents = markdownFiles(source)
  const manifest = option('--manifest')
  if (manifest) {
    const none = new Set(
      readFileSync(manifest, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t'))
        .filter((cells) => cells[3]?.trim() === 'none')
        .map((cells) => `${cells[0]!.replace('/', '+')}/${cells[1]}`)
    )
    documents = documents.filter((document) => !none.has(document))
  }
  const ids = whichFolder(source, documents)
  documents = documents.filter((document) => (ids.get(document) ?? 'none') !== 'none')
  const templateOf = (file: string): string | undefined => ids.get(file)
  const mutations = genericMutations(templateOf)
  const format = option('--format')
  if (format) {
    const module = (await import(pathToFileURL(path.join(root, 'scripts', 'mutations', `${format}.ts`)).href)) as {mutations: Mutation[]}
    mutations.push(...module.mutations)
  }
  const baseline = lintFolder(source)
  const verbose = args.includes('--verbose')
  let caught = 0
  let missed = 0
  let quiet = 0
  let noisy = 0
  for (const mutation of mutations) {
    const work = mkdtempSync(path.join(os.tmpdir(), 'plan-lint-mutations-'))
    try {
      cpSync(source, work, {recursive: true})
      const expected = new Map<string, {line: number; mention?: string | undefined}>()
      for (const document of documents) {
        if (!mutation.applies(document)) continue
        // An unfilled copy with one paragraph of the author’s is no longer unfilled: its placeholders are then reported one by one.
        if (mutation.expectNone && (baseline.get(document) ?? []).some((message) => message.message.includes('that nothing has filled in'))) continue
        const result = mutation.apply(readFileSync(path.join(source, document), 'utf8'), document)
        if (!result) continue
        writeFileSync(path.join(work, document), result.text)
        expected.set(document, {line: result.line, mention: result.mention})
      }
      const after = lintFolder(work)
      let hit = 0
      for (const [document, {line, mention}] of expected) {
        const before = baseline.get(document) ?? []
        const now = after.get(document) ?? []
        // New: a finding the document now has more often than before (lines shift, so they are not compared; an equal message elsewhere does not hide it).
        const same = (list: Message[], message: Message): number => list.filter((old) => old.ruleId === message.ruleId && old.message === message.message).length
        const seen = (message: Message): boolean => same(now, message) <= same(before, message)
        if (mutation.expectNone) {
          const added = now.filter((message) => !seen(message))
          if (added.length === 0 && now.length === before.length) {
            quiet++
            hit++
          } else {
            noisy++
            console.log(`  NOISY  ${mutation.name}: ${document}:${String(line)}: ${added.map((message) => `${String(message.line)} ${message.ruleId ?? ''} ${message.message}`).join(' | ')}`)
          }
          continue
        }
        const found = now.some(
          (message) =>
            mutation.rules.includes(message.ruleId ?? '') &&
            !seen(message) &&
            (message.line === line || (mention !== undefined && message.message.includes(mention)))
        )
        if (found) {
          caught++
          hit++
        } else {
          missed++
          const near = now.filter((message) => !seen(message)).map((message) => `${String(message.line)} ${message.ruleId ?? ''} ${message.message}`)
          console.log(`  MISSED ${mutation.name}: ${document}:${String(line)}${near.length > 0 ? ` (new: ${near.join(' | ')})` : ' (nothing new)'}`)
        }
      }
      console.log(`${mutation.name}: ${String(hit)} of ${String(expected.size)} documents ${mutation.expectNone ? 'unchanged' : 'caught'}`)
      if (verbose) for (const document of expected.keys()) console.log(`    ${document}`)
    } finally {
      rmSync(work, {recursive: true, force: true})
    }
  }
  console.log(`\n${String(documents.length)} documents; defects caught ${String(caught)} of ${String(caught + missed)}; legitimate edits quiet ${String(quiet)} of ${String(quiet + noisy)}`)
}

await main()
