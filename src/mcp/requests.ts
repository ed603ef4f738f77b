import path from 'node:path'
import {VFile} from 'vfile'
import type {Options} from '../index.js'
import {discoverFiles} from '../cli/discover.js'
import {isTemplatePath} from '../cli/new-plan.js'
import {leadsOutside, resolveInWorkspace, WorkspaceError, type WorkspacePath} from './workspace.js'

/**
 * What a tool call names, checked against the workspace before anything is
 * read: paths grouped by the workspace folder that holds them (each group
 * runs with that folder as cwd, as the CLI run there would), and unsaved
 * text placed at a path.
 */

/** Named paths by workspace folder, relative to it; files inside named folders that lead outside are refused. */
export async function pathsByRoot(paths: readonly string[], roots: readonly string[]): Promise<Map<string, string[]>> {
  const resolved = paths.map((given) => resolveInWorkspace(given, roots, true))
  const groups = new Map<string, string[]>()
  for (const item of resolved) groups.set(item.root, [...(groups.get(item.root) ?? []), item.relative])
  for (const [root, relatives] of groups) {
    const folders = resolved.filter((item) => item.root === root && item.folder).map((item) => item.relative)
    const found = folders.length > 0 ? await discoverFiles(folders, root) : []
    for (const file of found ?? []) {
      const absolute = path.resolve(file.cwd, file.path)
      if (leadsOutside(absolute, roots)) {
        throw new WorkspaceError(`Unexpected symbolic link \`${path.relative(root, absolute)}\` that leads outside the workspace, expected files inside it`)
      }
    }
  }
  return groups
}

/** Unsaved text checked as if it were the file at `given` (which need not exist). */
export function contentAt(content: string, given: string, roots: readonly string[]): {file: VFile; place: WorkspacePath} {
  const place = resolveInWorkspace(given, roots, false)
  return {file: new VFile({path: place.absolute, cwd: place.root, value: content}), place}
}

/** The preset options a call's `template` gives; a template named by path must be in the workspace. */
export function templateOptions(template: string | undefined, roots: readonly string[]): Options {
  if (template === undefined) return {}
  if (!isTemplatePath(template)) return {template}
  return {template: resolveInWorkspace(template, roots, true).absolute}
}
