import {accessSync, constants, existsSync, realpathSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The folders the server may read and write: the client's MCP roots (file
 * URIs), or the server's working directory when the client has none. A
 * path is taken relative to the first folder; it must lie inside one of
 * them both as written and once symbolic links are followed.
 */

/** A path the server will not touch: answered as a tool error, never a crash. */
export class WorkspaceError extends Error {
  override name = 'WorkspaceError'
}

/** A path inside the workspace. */
export interface WorkspacePath {
  /** Absolute, as written (links not followed). */
  absolute: string
  /** The workspace folder that holds it: the engine's cwd for it. */
  root: string
  /** Relative to `root`, with `/`. */
  relative: string
  /** It is a folder (to search for Markdown files). */
  folder: boolean
}

/** The workspace folders from the client's roots, or `fallback` (the server's cwd). */
export function rootFolders(uris: readonly string[], fallback: string): string[] {
  const folders = uris.filter((uri) => uri.startsWith('file:')).map((uri) => path.resolve(fileURLToPath(uri)))
  return folders.length > 0 ? folders : [fallback]
}

/**
 * Resolve `given` in the workspace. `mustExist`: a file or folder that can
 * be read (a named pipe or device is refused: reading it could block).
 */
export function resolveInWorkspace(given: string, roots: readonly string[], mustExist: boolean): WorkspacePath {
  if (given.trim() === '' || given.includes('\0')) throw new WorkspaceError(`Unexpected path \`${given}\`, expected a file or folder path`)
  const absolute = path.resolve(roots[0]!, given)
  const root = roots.find((folder) => isInside(absolute, folder))
  if (!root) throw new WorkspaceError(`Unexpected path \`${given}\` outside the workspace (${listed(roots)}), expected a path inside it`)
  const real = realPathOf(absolute)
  if (!roots.some((folder) => isInside(real, realPathOf(folder)))) {
    throw new WorkspaceError(`Unexpected path \`${given}\`: it leads to \`${real}\` outside the workspace (${listed(roots)}) through a symbolic link`)
  }
  const folder = mustExist ? checkReadable(given, absolute) : false
  return {absolute, root, relative: path.relative(root, absolute).split(path.sep).join('/') || '.', folder}
}

/** Whether the file found at `absolute` (inside a folder that was named) stays inside the workspace once links are followed. */
export function leadsOutside(absolute: string, roots: readonly string[]): boolean {
  const real = realPathOf(absolute)
  return !roots.some((folder) => isInside(real, realPathOf(folder)))
}

/** Refuse what cannot be read; whether it is a folder. */
function checkReadable(given: string, absolute: string): boolean {
  if (!existsSync(absolute)) throw new WorkspaceError(`No such file or folder: \`${given}\``)
  const stats = statSync(absolute)
  if (!stats.isFile() && !stats.isDirectory()) {
    throw new WorkspaceError(`Unexpected special file \`${given}\` (a pipe, socket or device), expected a Markdown file or a folder: reading it could block or never end`)
  }
  try {
    accessSync(absolute, constants.R_OK)
  } catch (error) {
    throw new WorkspaceError(`Cannot read \`${given}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  return stats.isDirectory()
}

/** The real path of `file`, or of its nearest existing folder with the rest appended (a file not written yet). */
function realPathOf(file: string): string {
  let existing = file
  const rest: string[] = []
  while (!existsSync(existing)) {
    const parent = path.dirname(existing)
    if (parent === existing) break
    rest.unshift(path.basename(existing))
    existing = parent
  }
  try {
    return path.join(realpathSync(existing), ...rest)
  } catch {
    return file
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file)
  return relative === '' || (relative !== '..' && !relative.startsWith('..' + path.sep) && !path.isAbsolute(relative))
}

function listed(roots: readonly string[]): string {
  return roots.map((root) => '`' + root + '`').join(', ')
}
