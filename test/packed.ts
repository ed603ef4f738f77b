import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {stripVTControlCharacters} from 'node:util'
import {root} from './helpers.js'

/**
 * A throwaway project with the packed tarball installed, as a user has it:
 * `npm pack`, then `npm install <tarball> remark-cli`.
 */
export interface PackedProject {
  directory: string
  /** Run a binary from the project’s `node_modules/.bin`. */
  run(bin: string, args: string[], options?: {cwd?: string; env?: Record<string, string>}): RunResult
}

export interface RunResult {
  status: number | null
  stdout: string
  stderr: string
}

let packed: string | undefined

/** Pack the package once per test run. */
export function packTarball(): string {
  if (packed) return packed
  const destination = mkdtempSync(path.join(tmpdir(), 'plan-lint-pack-'))
  const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], {
    cwd: root,
    encoding: 'utf8',
    env: {...process.env, npm_config_loglevel: 'error'}
  })
  const name = output.trim().split('\n').at(-1)!
  packed = path.join(destination, name)
  return packed
}

/** The project installed by `test/global-setup.ts`, with a fresh work folder. */
export function openPackedProject(directory: string): PackedProject {
  return projectAt(directory)
}

export function createPackedProject(extraPackages: string[] = []): PackedProject {
  const tarball = packTarball()
  const directory = mkdtempSync(path.join(tmpdir(), 'plan-lint-project-'))
  writeFileSync(
    path.join(directory, 'package.json'),
    JSON.stringify({name: 'plan-lint-e2e', private: true, type: 'module'}, null, 2)
  )
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'remark-cli@12', ...extraPackages],
    {cwd: directory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}
  )
  return projectAt(directory)
}

function projectAt(directory: string): PackedProject {
  return {
    directory,
    run(bin, args, options = {}) {
      const result = spawnSync(path.join(directory, 'node_modules', '.bin', bin), args, {
        cwd: options.cwd ?? directory,
        encoding: 'utf8',
        env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env},
        stdio: ['ignore', 'pipe', 'pipe']
      })
      return {status: result.status, stdout: stripVTControlCharacters(result.stdout), stderr: stripVTControlCharacters(result.stderr)}
    }
  }
}

/** Write files (path → content) under a directory. */
export function writeFiles(directory: string, files: Record<string, string>): void {
  for (const [name, value] of Object.entries(files)) {
    const file = path.join(directory, name)
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, value)
  }
}

/** Every `fixtures/plans/<template>/<name>.md` as `[template, name]`. */
export function planFixtures(): Array<[string, string]> {
  const directory = path.join(root, 'fixtures', 'plans')
  return readdirSync(directory).flatMap((template) =>
    readdirSync(path.join(directory, template)).map((name): [string, string] => [template, name])
  )
}
