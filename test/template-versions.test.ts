import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {unitKey} from '../src/markdown/text-units.js'
import {builtinTemplates} from '../src/template/builtin.js'
import {createRegistry} from '../src/template/registry.js'
import {fieldLabels, hashedUnitKey, textOfAllVersions} from '../src/template/versions.js'

/** Front matter `versions`: the text of a template’s older versions is template text too. */
describe('template versions', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'plan-lint-versions-'))
  mkdirSync(path.join(folder, 'old'))
  writeFileSync(path.join(folder, 'old', 'v1.md'), '# Note: [Topic]\n\n**Writer**: [Name]\n\n## Body\n\nSay it in one line.\n')
  writeFileSync(path.join(folder, 'old', 'v0.keys'), `# hashed\n${hashedUnitKey('an older line')}\n`)
  const template = (versions: string) => `---\nversions: ${versions}\n---\n\n# Note: [Topic]\n\n**Owner**: [Name]\n\n## Body\n\n[What to say]\n`

  it('reads Markdown and hashed versions, relative to the template', () => {
    writeFileSync(path.join(folder, 'note.md'), template('[old/v1.md, old/v0.keys]'))
    const note = createRegistry(['note.md'], folder).get('note')!
    const text = textOfAllVersions(note)
    expect(note.versionFiles).toEqual([path.join(folder, 'old', 'v1.md'), path.join(folder, 'old', 'v0.keys')])
    expect(text.has(unitKey('Say it in one line.'))).toBe(true)
    expect(text.has(unitKey('[What to say]'))).toBe(true)
    expect(text.has('an older line')).toBe(true)
    expect(text.has('a line of the author')).toBe(false)
    expect([...text.headerLabels].sort()).toEqual(['owner', 'writer'])
  })

  it('rejects a version file that is not there', () => {
    writeFileSync(path.join(folder, 'broken.md'), template('[old/v2.md]'))
    expect(() => createRegistry(['broken.md'], folder)).toThrow(
      'Cannot read `old/v2.md` named in front matter `versions` of template `broken.md` (no such file), expected a path relative to the template (option `templates[0]`)'
    )
  })

  it.each([
    // Lines of upstream versions that the built-in templates word differently.
    ['spec-kit-plan', '[Gates determined based on constitution file]'],
    ['spec-kit-spec', '[Describe this user journey in plain language]'],
    ['spec-kit-tasks', '**Organization**: Tasks are grouped by user story to enable independent implementation and testing of each story.']
  ])('knows every upstream version of `%s`', (id, line) => {
    const template = builtinTemplates().find((each) => each.id === id)!
    expect(template.body).not.toContain(line)
    expect(textOfAllVersions(template).has(unitKey(line))).toBe(true)
  })

  it('reads header fields: one or several joined by `|`, each with a value', () => {
    expect(fieldLabels('**Branch**: `001-x` | **Date**: 2025-01-02')).toEqual(['branch', 'date'])
    expect(fieldLabels('**Status:** Draft')).toEqual(['status'])
    expect(fieldLabels('**Owner**:')).toBeUndefined()
    expect(fieldLabels('We ship it | then measure')).toBeUndefined()
  })
})
