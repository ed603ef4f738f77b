import {createHash} from 'node:crypto'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {openPackedProject, writeFiles, type PackedProject} from './packed.js'
import {completePlan} from './robust-helpers.js'

/** `remark --use plan-lint` (packed tarball) on bad input and bad options. */
describe('remark --use plan-lint: bad input and bad options', () => {
  let project: PackedProject
  let work: string
  const files = ['good.md', 'image.md', 'latin1.md', 'huge.md']

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'remark-bad-input')
    writeFiles(work, {'good.md': completePlan, 'huge.md': completePlan.repeat(Math.ceil(2e6 / completePlan.length))})
    writeFileSync(path.join(work, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))
    writeFileSync(path.join(work, 'latin1.md'), Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]))
  })

  const fingerprint = () =>
    files.map((name) => {
      const file = path.join(work, name)
      return createHash('sha256').update(readFileSync(file)).digest('hex') + ' ' + statSync(file).mtimeMs
    })

  it('gives each bad file one clear fatal message, no stack trace, and writes nothing', () => {
    const before = fingerprint()
    const result = project.run('remark', ['--use', 'plan-lint', '--no-stdout', '.'], {cwd: work})
    expect(result.stderr).toMatch(/image\.md\n1:5 +error +Unexpected binary file \(it holds a NUL byte\).* lintable-file +plan-lint/)
    expect(result.stderr).toMatch(/latin1\.md\n1:6 +error +Unexpected byte `0xE9` that is not UTF-8/)
    expect(result.stderr).toMatch(/huge\.md\n1:1 +error +Unexpected file of 2,\d{3},\d{3} bytes/)
    expect(result.stderr).toContain('good.md: no issues found')
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.status).toBe(1)
    expect(fingerprint()).toEqual(before)
  })

  it('reports a bad `limits` option as a fatal message', () => {
    writeFiles(work, {'.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {limits: {bytes: -1}}]]})})
    const result = project.run('remark', ['--no-stdout', 'good.md'], {cwd: work})
    expect(result.stderr).toContain('Unexpected value `-1` for option `limits.bytes`, expected a whole number of bytes, 1 or more')
    expect(result.stderr).toMatch(/error/)
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.status).toBe(1)
  })
})
