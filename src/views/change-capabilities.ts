import {existsSync} from 'node:fs'
import path from 'node:path'
import type {List, Root} from 'mdast'
import type {VFile} from 'vfile'
import {toString} from 'mdast-util-to-string'
import {headingKey} from '../template/heading-text.js'
import type {CapabilityFacts} from '../template/requirement-facts.js'
import {outlineOf, sectionEnd} from './outline.js'
import {perTree} from './per-tree.js'
import {siblingOf} from './feature-sibling.js'

/**
 * How the change’s proposal lists the capability of a delta spec
 * (`changes/<id>/specs/<capability>/spec.md`): the proposal sits beside
 * the change’s `specs/` folder, and lists capabilities under its new and
 * modified headings as list items that start with the name (`` `auth` ``,
 * `**auth**:`, `auth:`).
 */

export interface CapabilityListing {
  /** The capability: the path between `specs/` and `spec.md`. */
  capability: string
  /** The proposal, as the delta names it (`../../proposal.md`). */
  proposal: string
  /** Which list of the proposal names it. */
  listed: 'new' | 'modified' | undefined
  /**
   * Whether the capability has a main spec (`openspec/specs/<capability>/spec.md`,
   * beside the `changes/` folder); `undefined` for an archived change, whose
   * capability has one since it was archived.
   */
  mainSpec: string | undefined
  hasMainSpec: boolean | undefined
}

/** The listing of a delta’s capability, or `undefined` when the file is not in a `specs/` folder or the proposal lists no capabilities. */
export const capabilityListingOf = perTree((tree: Root, file: VFile, facts: CapabilityFacts): CapabilityListing | undefined => {
  if (!file.path) return undefined
  const parts = path.resolve(file.cwd, file.path).split(path.sep)
  const specs = parts.lastIndexOf('specs', parts.length - 2)
  if (specs < 1) return undefined
  const capability = parts.slice(specs + 1, -1).join('/')
  if (capability === '') return undefined
  const proposal = '../'.repeat(parts.length - specs - 1) + facts.file
  const sibling = siblingOf(tree, file, proposal)
  if (!sibling?.tree) return undefined
  const lists = {new: namesUnder(sibling.tree, facts.new), modified: namesUnder(sibling.tree, facts.modified)}
  if (lists.new === undefined && lists.modified === undefined) return undefined
  const listed = lists.new?.has(capability) ? 'new' : lists.modified?.has(capability) ? 'modified' : undefined
  const changes = parts.lastIndexOf('changes', specs)
  const archived = parts[changes + 1] === 'archive'
  const mainSpec = changes > 0 ? [...parts.slice(0, changes), 'specs', ...capability.split('/'), 'spec.md'].join(path.sep) : undefined
  let hasMainSpec: boolean | undefined
  if (mainSpec && !archived) {
    file.data.planLintDependencies = [...(file.data.planLintDependencies ?? []), mainSpec]
    hasMainSpec = existsSync(mainSpec)
  }
  const shown = mainSpec ? path.relative(path.dirname(parts.slice(0, changes).join(path.sep)), mainSpec).split(path.sep).join('/') : undefined
  return {capability, proposal: facts.file, listed, mainSpec: shown, hasMainSpec}
})

/** The capability names listed under a heading, or `undefined` when the heading is absent. */
function namesUnder(tree: Root, heading: string): Set<string> | undefined {
  const outline = outlineOf(tree)
  const key = headingKey(heading)
  const at = outline.headings.find((candidate) => candidate.key === key)
  if (!at) return undefined
  const end = outline.headings[sectionEnd(outline, at)]?.node
  const names = new Set<string>()
  let inside = false
  for (const node of tree.children) {
    if (node === at.node) {
      inside = true
      continue
    }
    if (node === end) break
    if (inside && node.type === 'list') for (const name of listNames(node)) names.add(name)
  }
  return names
}

function listNames(list: List): string[] {
  const names: string[] = []
  for (const item of list.children) {
    const lead = item.children[0]
    if (lead?.type !== 'paragraph') continue
    const first = lead.children[0]
    const text = first?.type === 'inlineCode' ? first.value : /^\s*([\w./-]+)\s*(?::|—|–|-\s|$)/.exec(toString(lead))?.[1]
    if (text) names.push(text.trim().replace(/^specs\//, '').replace(/\/spec\.md$/, ''))
  }
  return names
}
