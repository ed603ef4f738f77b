import {spawnSync} from 'node:child_process'
import path from 'node:path'
import {stripVTControlCharacters} from 'node:util'
import {expect, it} from 'vitest'
import {root} from './helpers.js'

it('this repository’s own Markdown passes its own .remarkrc.js (`npm run lint:md`)', () => {
  const result = spawnSync('npm', ['run', '--silent', 'lint:md'], {cwd: root, encoding: 'utf8'})
  expect(stripVTControlCharacters(result.stderr)).toBe('')
  expect(result.status).toBe(0)
})

it('`npm start` reports the bad example and passes the good ones', () => {
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'remark'), ['--no-stdout', 'examples/'], {
    cwd: root,
    encoding: 'utf8'
  })
  const report = stripVTControlCharacters(result.stderr)
  expect(report).toContain('examples/good/offline-photo-sync.md: no issues found')
  expect(report).toContain('examples/not-a-plan/CHANGELOG.md: no issues found')
  expect(report).toMatch(/examples\/bad\/draft-technical-plan\.md\n\d+:\d+/)
  expect(result.status).toBe(1)
})
