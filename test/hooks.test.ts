import {execFileSync, spawnSync} from 'node:child_process'
import {cpSync, mkdirSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {root} from './helpers.js'
import {writeFiles} from './packed.js'

/**
 * The hooks users install: the real `pre-commit` program with this
 * repository’s `.pre-commit-hooks.yaml`, and husky + lint-staged with the
 * packed tarball. A clean plan commits; a plan with a placeholder is blocked;
 * Markdown that is not a plan does not block.
 */
const good = readFileSync(path.join(root, 'fixtures', 'plans', 'tip', 'filled.md'), 'utf8')
const withPlaceholder = good.replace(/^## 1\. Context & Problem Analysis$/m, '## 1. Context & Problem Analysis\n\nOwner: [Team name]')
const notPlans = {'README.md': '# Project\n\nSee [the plans](docs/).\n', 'CHANGELOG.md': '# Changelog\n\n## 1.0.0\n\n- [x] Shipped.\n'}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
}

function newRepository(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), prefix))
  git(directory, 'init', '-q', '-b', 'main')
  git(directory, 'config', 'user.email', 'test@example.com')
  git(directory, 'config', 'user.name', 'Test')
  git(directory, 'config', 'commit.gpgsign', 'false')
  return directory
}

function commit(cwd: string, files: Record<string, string>, env: Record<string, string> = {}) {
  writeFiles(cwd, files)
  git(cwd, 'add', '-A')
  const result = spawnSync('git', ['commit', '-q', '-m', 'change'], {cwd, encoding: 'utf8', env: {...process.env, ...env}})
  return {status: result.status, output: result.stdout + result.stderr}
}

const preCommit = spawnSync('pre-commit', ['--version'], {encoding: 'utf8'})
const hasPreCommit = preCommit.status === 0
if (!hasPreCommit) console.warn('Skipping the pre-commit test: the `pre-commit` program is not installed (.ci/run installs it)')

describe.skipIf(!hasPreCommit)('pre-commit hook `plan-lint`', () => {
  let user: string
  let env: Record<string, string>

  beforeAll(() => {
    // The hook repository: this working tree as a git repository.
    const hooks = newRepository('plan-lint-hook-repo-')
    const tracked = git(root, 'ls-files', '-co', '--exclude-standard', '-z').split('\0').filter(Boolean)
    for (const file of tracked) {
      mkdirSync(path.dirname(path.join(hooks, file)), {recursive: true})
      try {
        cpSync(path.join(root, file), path.join(hooks, file))
      } catch {
        // A file listed but deleted in the working tree.
      }
    }
    git(hooks, 'add', '-A')
    git(hooks, 'commit', '-q', '-m', 'hook repository')
    const rev = git(hooks, 'rev-parse', 'HEAD').trim()

    user = newRepository('plan-lint-pre-commit-user-')
    env = {PRE_COMMIT_HOME: mkdtempSync(path.join(tmpdir(), 'plan-lint-pre-commit-home-'))}
    writeFiles(user, {
      '.pre-commit-config.yaml': `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: plan-lint\n`
    })
    execFileSync('pre-commit', ['install'], {cwd: user, env: {...process.env, ...env}, stdio: 'pipe'})
    // Build the hook environment once (npm install of the hook repository).
    execFileSync('pre-commit', ['install-hooks'], {cwd: user, env: {...process.env, ...env}, stdio: 'pipe'})
  })

  it('commits a clean plan and Markdown that is not a plan', () => {
    const result = commit(user, {'docs/plans/pantry.md': good, ...notPlans}, env)
    expect(result.output).toMatch(/plan-lint\.+Passed/)
    expect(result.status).toBe(0)
  })

  it('blocks a plan with a placeholder and names the rule', () => {
    const result = commit(user, {'docs/plans/pantry.md': withPlaceholder}, env)
    expect(result.output).toMatch(/plan-lint\.+Failed/)
    expect(result.output).toContain('Unexpected placeholder `[Team name]`')
    expect(result.output).toContain('no-placeholders')
    expect(result.status).not.toBe(0)
  })
})

describe('husky + lint-staged recipe (README)', () => {
  let user: string

  beforeAll(() => {
    user = newRepository('plan-lint-husky-user-')
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const config = /<!-- lint-staged-config -->\s*```json\n([\s\S]*?)```/.exec(readme)![1]!
    writeFiles(user, {'package.json': JSON.stringify({name: 'husky-user', private: true, ...JSON.parse(config)}, null, 2)})
    // The packed tarball from the shared test project, installed as users do.
    const tarball = readdirTarball(inject('packedProject'))
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--save-dev', tarball, 'husky@9', 'lint-staged@16'], {cwd: user, stdio: 'pipe'})
    execFileSync('npx', ['husky', 'init'], {cwd: user, stdio: 'pipe'})
    writeFiles(user, {'.husky/pre-commit': 'npx lint-staged\n', '.gitignore': 'node_modules/\n'})
  })

  it('commits a clean plan and Markdown that is not a plan', () => {
    const result = commit(user, {'docs/plans/pantry.md': good, ...notPlans})
    expect(result.status, result.output).toBe(0)
  })

  it('blocks a plan with a placeholder and names the rule', () => {
    const result = commit(user, {'docs/plans/pantry.md': withPlaceholder})
    expect(result.output).toContain('no-placeholders')
    expect(result.status).not.toBe(0)
  })
})

function readdirTarball(project: string): string {
  const lock = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as {dependencies: Record<string, string>}
  return path.resolve(project, lock.dependencies['remark-plan-lint']!.replace(/^file:/, ''))
}
