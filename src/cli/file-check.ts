import {lstatSync, readlinkSync, statSync, type Stats} from 'node:fs'
import path from 'node:path'
import markdownExtensions from 'markdown-extensions'
import {VFile} from 'vfile'
import {fileCheckId, fileCheckUrl} from '../markdown/input-guard.js'
import {sourceName} from '../pipeline/rule-meta.js'

/**
 * What the CLI checks before the engine reads a file: reading a named pipe
 * blocks until someone writes to it, and a device (a link to `/dev/zero`)
 * never ends; a folder named like a Markdown file was meant as a file. Each
 * gets one fatal message, and the other files are still checked.
 */

const markdownName = new RegExp('\\.(?:' + markdownExtensions.join('|') + ')$', 'i')

/**
 * Split off the paths given on the command line that name a folder with a
 * Markdown extension (`notes.md/`).
 */
export function refuseFolderPaths(paths: string[], cwd: string): {paths: string[]; refused: VFile[]} {
  const kept: string[] = []
  const refused: VFile[] = []
  for (const given of paths) {
    let end = given.length
    while (end > 1 && (given[end - 1] === '/' || given[end - 1] === '\\')) end--
    const trimmed = given.slice(0, end)
    const stats = markdownName.test(trimmed) ? statOf(path.resolve(cwd, trimmed)) : undefined
    if (stats?.isDirectory()) {
      refused.push(refusedFile(trimmed, cwd, 'Unexpected folder, expected a Markdown file (a folder named like a Markdown file is not searched when given as a path)'))
    } else {
      kept.push(given)
    }
  }
  return {paths: kept, refused}
}

/**
 * Add a fatal message to each found file that is not a regular file (so it
 * is not read), and say what a broken symbolic link is.
 */
export function refuseSpecialFiles(files: VFile[]): void {
  for (const file of files) {
    const absolute = path.resolve(file.cwd, file.path)
    if (file.messages.some((message) => message.fatal === true)) {
      const target = brokenLinkTarget(absolute)
      if (target !== undefined) {
        file.messages.length = 0
        addRefusal(file, `Unexpected broken symbolic link to \`${target}\`, expected a Markdown file`)
      }
      continue
    }
    const stats = statOf(absolute)
    if (!stats || stats.isFile() || stats.isDirectory()) continue
    const kind = stats.isFIFO() ? 'named pipe (FIFO)' : stats.isSocket() ? 'socket' : 'device file'
    addRefusal(file, `Unexpected ${kind}, expected a regular Markdown file: reading it could block or never end`)
  }
}

function refusedFile(filePath: string, cwd: string, reason: string): VFile {
  const file = new VFile({path: filePath, cwd})
  addRefusal(file, reason)
  return file
}

function addRefusal(file: VFile, reason: string): void {
  const message = file.message(reason, {place: {line: 1, column: 1}, ruleId: fileCheckId, source: sourceName})
  message.fatal = true
  message.url = fileCheckUrl
}

function brokenLinkTarget(filePath: string): string | undefined {
  try {
    if (!lstatSync(filePath).isSymbolicLink() || statOf(filePath)) return undefined
    return readlinkSync(filePath)
  } catch {
    return undefined
  }
}

function statOf(filePath: string): Stats | undefined {
  try {
    return statSync(filePath)
  } catch {
    return undefined
  }
}
