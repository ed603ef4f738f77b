import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {root} from './helpers.js'
import {mutationsOf} from './mutations.js'
import {openPackedProject, writeFiles, type PackedProject} from './packed.js'

/** `plan-lint --shard <i>/<n>` from the packed tarball: the shards split a run exactly. */
describe('plan-lint --shard (packed tarball)', () => {
  let project: PackedProject
  let work: string
  const run = (args: string[]) => project.run('plan-lint', args, {cwd: work})
  const report = (args: string[]) => {
    const result = run(['--format', 'json', ...args])
    expect(result.stderr).toBe('')
    expect([0, 1]).toContain(result.status)
    return JSON.parse(result.stdout) as Array<{path: string; messages: unknown[]}>
  }

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'shard')
    const good = readFileSync(path.join(root, 'fixtures', 'plans', 'technical-plan', 'filled.md'), 'utf8')
    const broken = mutationsOf('technical-plan').slice(0, 6)
    const files: Record<string, string> = {}
    for (let index = 0; index < 30; index++) {
      files[`plans/${index % 3 === 0 ? 'deep/' : ''}plan-${index}.md`] = index % 5 === 0 ? good : broken[index % broken.length]!.value
    }
    writeFiles(work, files)
  })

  it('shards are disjoint and their union is the whole run, findings included', () => {
    const whole = report(['.'])
    expect(whole).toHaveLength(30)
    for (const count of [1, 3, 7]) {
      const shards = Array.from({length: count}, (_, index) => report(['--shard', `${index + 1}/${count}`, '.']))
      const paths = shards.flatMap((shard) => shard.map((file) => file.path))
      // Each file on exactly one shard.
      expect(new Set(paths).size).toBe(paths.length)
      const union = shards.flat().sort((left, right) => (left.path < right.path ? -1 : 1))
      expect(union).toEqual([...whole].sort((left, right) => (left.path < right.path ? -1 : 1)))
      if (count === 3) expect(shards.every((shard) => shard.length > 0)).toBe(true)
    }
  })

  it('a file lands on the same shard however the files are named on the command line', () => {
    const byFolder = report(['--shard', '2/3', 'plans'])
    const byFile = report(['--shard', '2/3', ...byFolder.map((file) => file.path)])
    expect(byFile.map((file) => file.path)).toEqual(byFolder.map((file) => file.path))
    const asGlob = report(['--shard', '2/3', 'plans/**/*.md'])
    expect(asGlob.map((file) => file.path)).toEqual(byFolder.map((file) => file.path))
  })

  it('an empty shard passes; a missing path fails every shard', () => {
    const one = 'plans/plan-1.md'
    const results = [1, 2, 3, 4, 5].map((index) => run(['--shard', `${index}/5`, one]))
    expect(results.filter((result) => result.status === 0 && result.stdout === '').length).toBe(4)
    for (const index of [1, 2]) {
      const result = run(['--shard', `${index}/2`, 'plans/nothing-here.md'])
      expect(result.status).toBe(2)
      expect(result.stderr).toContain('No such file or folder: `plans/nothing-here.md`')
    }
  })

  it.each(['0/3', '4/3', '1/0', '2', 'a/b', '1/2/3', '-1/2', ''])('refuses `--shard %s` with exit code 2', (value) => {
    const result = run([`--shard=${value}`, '.'])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.split('\n')[0]).toBe(
      `plan-lint: Unexpected \`--shard ${value}\`, expected \`<i>/<n>\` with whole numbers 1 ≤ i ≤ n, such as \`1/3\``
    )
  })
})
