import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {describe, expect, inject, it} from 'vitest'
import {openPackedProject} from './packed.js'

/**
 * Start-up of the bundled `plan-lint` (docs/performance.md): unified-engine's
 * configuration and plugin loader (yaml, `@npmcli/config`, semver) sit in a
 * chunk of their own, loaded only when a configuration file applies.
 */
describe('plan-lint start-up (packed tarball)', () => {
  const project = openPackedProject(inject('packedProject'))
  const bin = path.join(project.directory, 'node_modules', 'remark-plan-lint', 'dist', 'bin')

  /** The bundle chunks a run loads, recorded by a module hook. */
  function loadedChunks(cwd: string, args: string[]): {chunks: string[]; status: number | null} {
    const log = path.join(cwd, 'loaded.txt')
    writeFileSync(log, '')
    const hooks = path.join(cwd, 'hooks.mjs')
    writeFileSync(
      hooks,
      `import {appendFileSync} from 'node:fs'\nexport async function load(url, context, next) {\n  if (url.includes('/dist/bin/')) appendFileSync(${JSON.stringify(log)}, url.split('/').pop() + '\\n')\n  return next(url, context)\n}\n`
    )
    const register = path.join(cwd, 'register.mjs')
    writeFileSync(register, `import {register} from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`)
    const result = spawnSync(process.execPath, ['--import', register, path.join(bin, 'plan-lint.js'), ...args], {cwd, encoding: 'utf8'})
    return {chunks: readFileSync(log, 'utf8').split('\n').filter((line) => line !== ''), status: result.status}
  }

  it('loads the plugin loader’s chunk only when a configuration file applies', () => {
    const loader = readdirSync(bin).filter((name) => name.endsWith('.js') && readFileSync(path.join(bin, name), 'utf8').includes('node_modules/@npmcli/config/'))
    expect(loader).toHaveLength(1)

    const bare = mkdtempSync(path.join(project.directory, 'start-up-'))
    writeFileSync(path.join(bare, 'plan.md'), '# Notes\n\nNot a plan.\n')
    const plain = loadedChunks(bare, ['plan.md'])
    expect(plain.status).toBe(0)
    expect(plain.chunks).toContain('plan-lint.js')
    expect(plain.chunks).not.toContain(loader[0])

    writeFileSync(path.join(bare, '.remarkrc.json'), JSON.stringify({plugins: [['remark-plan-lint', {}]]}))
    const configured = loadedChunks(bare, ['plan.md'])
    expect(configured.status).toBe(0)
    expect(configured.chunks).toContain(loader[0])
  })
})
