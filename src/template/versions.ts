import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import type {Root, RootContent} from 'mdast'
import {parseMarkdown} from '../markdown/parser.js'
import {textUnits, unitKey} from '../markdown/text-units.js'
import {TemplateError, type CompiledTemplateText, type Template} from './template.js'

/**
 * What a template writes, across all its versions: the keys of the text units
 * (`src/markdown/text-units.ts`) of its body, of the lines it keeps (front
 * matter `placeholders.kept`) and of every older version named in front
 * matter `versions`. A version file is either Markdown (an older version of
 * the template, read like the template) or a `.keys` file: one hashed key
 * (`hashedUnitKey`) a line, `#` lines being comments. The built-in spec-kit
 * templates ship their upstream versions as `.keys` files
 * (`templates/versions/`, made by `scripts/template-versions.ts`), so the
 * upstream prose is not copied into the package.
 */
export interface TemplateText {
  /** Whether a text unit’s key is text of the template (any version). */
  has(key: string): boolean
  /** Keys of the labels of the template’s header fields (`**Status**:` before its first section: `status`). */
  headerLabels: ReadonlySet<string>
  /** Text units of the template’s own body (its current version): how much a copy of it holds. */
  units: number
}

const cache = new WeakMap<Template, TemplateText>()

/** The template’s text across its versions; read on first use, once per template. */
export function textOfAllVersions(template: Template): TemplateText {
  let text = cache.get(template)
  if (!text) {
    const {keys, hashed, headerLabels, units} = template.compiled.text ?? compileTemplateText(template)
    const keySet = new Set(keys)
    const hashedSet = new Set(hashed)
    text = {has: (key) => keySet.has(key) || (hashedSet.size > 0 && hashedSet.has(hashedUnitKey(key))), headerLabels: new Set(headerLabels), units}
    cache.set(template, text)
  }
  return text
}

/** The template’s text across its versions as data: read from its Markdown and version files (`templates/compiled.json` holds it for the built-in ones). */
export function compileTemplateText(template: Template): CompiledTemplateText {
  const keys = new Set(template.placeholders.kept)
  const headerLabels = new Set<string>()
  const units = readMarkdown(template.body, keys, headerLabels)
  const hashed = new Set<string>()
  for (const file of template.versionFiles) readVersion(file, template, {keys, headerLabels, hashed})
  return {keys: [...keys], hashed: [...hashed], headerLabels: [...headerLabels], units}
}

/** Keys of the text units of a template’s Markdown, outside headings and front matter. */
export function markdownUnitKeys(value: string): string[] {
  const keys = new Set<string>()
  readMarkdown(value, keys, new Set())
  return [...keys]
}

/** Add the text-unit keys of a template’s Markdown, and its header field labels; how many units its body has. */
function readMarkdown(value: string, keys: Set<string>, headerLabels: Set<string>): number {
  const tree = parseMarkdown(value)
  let units = 0
  for (const unit of textUnits(bodyNodes(tree), value)) {
    if (unit.key === '') continue
    keys.add(unit.key)
    units++
  }
  for (const unit of textUnits(headerNodes(tree), value)) {
    for (const label of fieldLabels(value.slice(unit.start, unit.end)) ?? []) headerLabels.add(label)
  }
  return units
}

/** Root nodes before the first section (H2 or deeper), other than the title and front matter. */
export function headerNodes(tree: Root): RootContent[] {
  const end = tree.children.findIndex((node) => node.type === 'heading' && node.depth > 1)
  return bodyNodes({...tree, children: end === -1 ? tree.children : tree.children.slice(0, end)})
}

/**
 * Label keys of a line of `**Label**: value` fields (one, or several joined
 * by `|`), each with a value; `undefined` for any other line.
 */
export function fieldLabels(line: string): string[] | undefined {
  const labels: string[] = []
  for (const part of line.split('|')) {
    const match = /^\s*\*\*([^*]+?)\s*:?\*\*\s*:?\s*[^\s:]/.exec(part)
    const label = match ? unitKey(match[1]!) : ''
    if (label === '') return undefined
    labels.push(label)
  }
  return labels.length > 0 ? labels : undefined
}

/** Root nodes other than headings and front matter. */
export function bodyNodes(tree: Root): RootContent[] {
  return tree.children.filter((node) => node.type !== 'heading' && node.type !== 'yaml')
}

/** A text unit’s key as a `.keys` file holds it: the first 16 hex digits of its SHA-256. */
export function hashedUnitKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16)
}

interface VersionText {
  keys: Set<string>
  headerLabels: Set<string>
  hashed: Set<string>
}

function readVersion(file: string, template: Template, {keys, headerLabels, hashed}: VersionText): void {
  let value: string
  try {
    value = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new TemplateError(
      `Cannot read \`${file}\` (${code}) named in front matter \`versions\` of template \`${template.source}\`, expected a Markdown file or a \`.keys\` file relative to the template`
    )
  }
  if (file.endsWith('.keys')) {
    for (const line of value.split(/\r?\n/)) {
      const hash = line.trim()
      if (hash !== '' && !hash.startsWith('#')) hashed.add(hash)
    }
    return
  }
  readMarkdown(value, keys, headerLabels)
}
