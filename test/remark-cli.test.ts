import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {stripVTControlCharacters} from 'node:util'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {builtinTemplateIds} from '../src/template/builtin.js'
import {defaultRegistry} from '../src/template/registry.js'
import {root} from './helpers.js'
import {mutatedTemplateIds, mutationsOf} from './mutations.js'
import {openPackedProject, planFixtures, writeFiles, type PackedProject} from './packed.js'

/** The real `remark` CLI with the packed tarball installed in a temp project. */
describe('remark --use plan-lint (packed tarball)', () => {
  let project: PackedProject

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    const files: Record<string, string> = {}
    for (const [template, name] of planFixtures()) {
      files[`docs/good/${template}-${name}`] = readFileSync(path.join(root, 'fixtures', 'plans', template, name), 'utf8')
    }
    for (const id of builtinTemplateIds) {
      files[`seeds/${id}.md`] = readFileSync(path.join(root, 'templates', id + '.md'), 'utf8')
    }
    for (const id of mutatedTemplateIds) {
      mutationsOf(id).forEach((mutation, index) => {
        files[`mutations/${id}/${String(index).padStart(3, '0')}.md`] = mutation.value
      })
    }
    for (const name of ['spec', 'tasks']) {
      files[`specs/003-reset/${name}.md`] = readFileSync(path.join(root, 'fixtures', 'feature-consistency', 'not-ok-stories', name + '.md'), 'utf8')
    }
    files['docs/not-a-plan/CHANGELOG.md'] = '# Changelog\n\n## 1.0.0\n\n- First release.\n'
    writeFiles(project.directory, files)
  })

  it('passes complete plans of every template and Markdown that is not a plan', () => {
    const result = project.run('remark', ['--use', 'plan-lint', '--no-stdout', 'docs/'])
    expect(result.stderr).not.toMatch(/warning|error/)
    expect(result.stderr.match(/no issues found/g)).toHaveLength(planFixtures().length + 1)
    expect(result.status).toBe(0)
  })

  it('checks a spec-kit feature folder across its files, in remark and in plan-lint alike', () => {
    const expected = readFileSync(path.join(root, 'fixtures', 'feature-consistency', 'not-ok-stories', 'tasks.txt'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
    const remark = project.run('remark', ['--use', 'plan-lint', '--no-stdout', '--report', 'json', 'specs/'])
    const planLint = project.run('plan-lint', ['--format', 'json', 'specs/'])
    type Report = Array<{path: string; messages: Array<{line: number; column: number; reason?: string; message?: string; ruleId: string}>}>
    for (const [report, field] of [[JSON.parse(remark.stderr) as Report, 'reason'], [JSON.parse(planLint.stdout) as Report, 'message']] as const) {
      const tasks = report.find((file) => file.path.endsWith('specs/003-reset/tasks.md'))!
      const found = tasks.messages.filter((message) => message.ruleId === 'feature-consistency')
      expect(found.map((message) => `${message.line}:${message.column}: ${message[field]}`)).toEqual(
        expected.map((line) => line.replace(/^(\d+):(\d+)-[\d:]+: /, '$1:$2: '))
      )
      const spec = report.find((file) => file.path.endsWith('specs/003-reset/spec.md'))!
      expect(spec.messages.filter((message) => message.ruleId === 'feature-consistency')).toEqual([])
    }
  })

  it('gives no required-headings finding on the template files themselves', () => {
    const result = project.run('remark', ['--use', 'plan-lint', '--no-stdout', '--report', 'json', 'seeds/'])
    const report = JSON.parse(result.stderr) as Array<{path: string; messages: Array<{ruleId: string; reason: string}>}>
    const registry = defaultRegistry()
    for (const id of builtinTemplateIds) {
      const messages = report.find((file) => file.path === `seeds/${id}.md`)?.messages ?? []
      // Nothing of an author's in them: one finding each, for the unfilled copy (not one per
      // placeholder, nor the story-plan usage notes on their own). A template found only by its
      // place (`openspec/changes/<id>/specs/…`) or with no section to require is no plan elsewhere.
      const template = registry.get(id)!
      const recognisable = template.title !== undefined && template.alwaysRequired.length > 0
      expect(messages.map((message) => message.ruleId), id).toEqual(recognisable ? ['no-template-text'] : messages.length === 0 ? [] : ['no-template-text'])
      for (const message of messages) expect(message.reason, id).toContain('nothing has filled in yet')
    }
  })

  it('reports every broken plan on the right line with the right words', () => {
    const result = project.run('remark', ['--use', 'plan-lint', '--no-stdout', '--report', 'json', 'mutations/'])
    const report = JSON.parse(result.stderr) as Array<{path: string; messages: Array<{line: number; reason: string; ruleId: string; source: string}>}>
    const byPath = new Map(report.map((file) => [file.path, file.messages]))
    let checked = 0
    for (const id of mutatedTemplateIds) {
      mutationsOf(id).forEach((mutation, index) => {
        const messages = byPath.get(`mutations/${id}/${String(index).padStart(3, '0')}.md`)
        expect(messages, mutation.name).toHaveLength(1)
        const [message] = messages!
        expect(message!.ruleId).toBe('required-headings')
        expect(message!.source).toBe('plan-lint')
        for (const words of mutation.words) expect(message!.reason).toContain(words)
        const endOfFile = mutation.value.split('\n').length
        expect(mutation.lines.length > 0 ? mutation.lines : [endOfFile]).toContain(message!.line)
        checked++
      })
    }
    expect(checked).toBeGreaterThan(400)
    expect(result.status).toBe(1)
    // Over 600 files through the CLI: minutes on a loaded machine.
  }, 300_000)

  it('fails on errors, and with --frail on warnings too', () => {
    const broken = mutationsOf('technical-plan').find((mutation) => mutation.name.startsWith('removing'))!
    writeFiles(project.directory, {'frail/plan.md': broken.value})
    const errors = project.run('remark', ['--use', 'plan-lint', '--no-stdout', 'frail/'])
    expect(errors.status).toBe(1)
    expect(errors.stderr).toMatch(/\d+:\d+-\d+:\d+\s+error\s+Unexpected missing section/)

    writeFiles(project.directory, {
      'frail/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {rules: {'required-headings': 'warn'}}]]})
    })
    const warnings = project.run('remark', ['--no-stdout', 'frail/'])
    expect(warnings.stderr).toMatch(/warning\s+Unexpected missing section/)
    expect(warnings.status).toBe(0)
    const frail = project.run('remark', ['--frail', '--no-stdout', 'frail/'])
    expect(frail.status).toBe(1)
  })

  it('honours options from a .remarkrc.js: a custom template and rule settings', () => {
    writeFiles(project.directory, {
      'custom/.remarkrc.js': `export default {plugins: [['plan-lint', {templates: ['templates/rfc.md'], requireTemplate: true}]]}\n`,
      'custom/templates/rfc.md': readFileSync(path.join(root, 'fixtures', 'templates', 'rfc.md'), 'utf8'),
      'custom/docs/bad.md': '---\ntemplate: rfc\n---\n\n# RFC: Webhooks\n\n## Summary\n\nSign payloads.\n',
      'custom/docs/notes.md': '# Offsite notes\n\nNot a plan.\n',
      'custom/.remarkignore': 'templates/\n'
    })
    const result = project.run('remark', ['--no-stdout', '.'], {cwd: path.join(project.directory, 'custom')})
    expect(result.stderr).toContain('Unexpected missing sections `## Design`, `## Rollout`, `## Open Questions` (template `rfc`)')
    expect(result.stderr).toContain('Unexpected plan that follows no known template')
    expect(result.status).toBe(1)
  })

  it('runs the README’s “From code” example', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const code = /### From code[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)![1]!
    const broken = mutationsOf('tip').find((mutation) => mutation.name.startsWith('removing'))!
    writeFiles(project.directory, {'api/example.mjs': code, 'api/plan.md': broken.value})
    const result = spawnSync(process.execPath, ['example.mjs'], {cwd: path.join(project.directory, 'api'), encoding: 'utf8'})
    expect(stripVTControlCharacters(result.stderr)).toMatch(/plan\.md\n\d+:\d+(-\d+:\d+)?\s+error\s+Unexpected missing section/)
    expect(result.status).toBe(0)
  })

  it('exports each rule on its own as `remark-plan-lint/rules/<rule-id>`', () => {
    const broken = mutationsOf('story-plan').find((mutation) => mutation.name.startsWith('removing'))!
    const script = [
      "import {remark} from 'remark'",
      "import requiredHeadings from 'remark-plan-lint/rules/required-headings'",
      "import noPlaceholders from 'remark-plan-lint/rules/no-placeholders'",
      "import {readFileSync} from 'node:fs'",
      "const file = await remark().use(requiredHeadings).use(noPlaceholders).process(readFileSync('plan.md', 'utf8'))",
      'console.log(JSON.stringify(file.messages.map((m) => [m.ruleId, m.source, m.line])))'
    ].join('\n')
    writeFiles(project.directory, {'standalone/run.mjs': script, 'standalone/plan.md': broken.value + '\nOwner: [Team name]\n'})
    const result = spawnSync(process.execPath, ['run.mjs'], {cwd: path.join(project.directory, 'standalone'), encoding: 'utf8'})
    expect(result.stderr).toBe('')
    const messages = JSON.parse(result.stdout) as Array<[string, string, number]>
    expect(messages.map(([ruleId, source]) => `${source}:${ruleId}`).sort()).toEqual([
      'plan-lint:no-placeholders',
      'plan-lint:required-headings'
    ])
  })

  it('parses with the micromark it bundles (4.0.2), where remark-cli brings 4.0.3', () => {
    // What Node resolves from the preset's parser module: the bundled copies, not the project's.
    const script = [
      "import {createRequire} from 'node:module'",
      "import {existsSync, readFileSync} from 'node:fs'",
      "import path from 'node:path'",
      'const packageOf = (from, name) => {',
      '  let directory = path.dirname(createRequire(from).resolve(name))',
      "  while (!existsSync(path.join(directory, 'package.json'))) directory = path.dirname(directory)",
      "  const {version} = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'))",
      '  return {directory, version}',
      '}',
      "const parser = path.resolve('node_modules/remark-plan-lint/dist/src/markdown/parser.js')",
      "const fromMarkdown = packageOf(parser, 'mdast-util-from-markdown')",
      "const planMicromark = packageOf(path.join(fromMarkdown.directory, 'index.js'), 'micromark')",
      "const projectMicromark = packageOf(path.resolve('package.json'), 'micromark')",
      'console.log(JSON.stringify({fromMarkdown: path.relative(".", fromMarkdown.directory), plan: planMicromark, project: projectMicromark.version}))'
    ].join('\n')
    writeFiles(project.directory, {'resolve-micromark.mjs': script})
    const result = spawnSync(process.execPath, ['resolve-micromark.mjs'], {cwd: project.directory, encoding: 'utf8'})
    expect(result.stderr).toBe('')
    const found = JSON.parse(result.stdout) as {fromMarkdown: string; plan: {directory: string; version: string}; project: string}
    expect(found.fromMarkdown).toBe(path.join('node_modules', 'remark-plan-lint', 'node_modules', 'mdast-util-from-markdown'))
    expect(found.plan.version).toBe('4.0.2')
    expect(found.plan.directory).toBe(path.join(project.directory, 'node_modules', 'remark-plan-lint', 'node_modules', 'micromark'))
    // The scenario the bundle is for: the project's own remark parses with a newer micromark.
    expect(found.project).not.toBe('4.0.2')
  })

  it('stops with a clear message on a bad option', () => {
    writeFiles(project.directory, {
      'badconfig/.remarkrc.json': JSON.stringify({plugins: [['plan-lint', {rules: {'required-headings': 'loud'}}]]}),
      'badconfig/plan.md': '# Notes\n'
    })
    const result = project.run('remark', ['--no-stdout', '.'], {cwd: path.join(project.directory, 'badconfig')})
    expect(result.stderr).toContain('Unexpected value `"loud"` for option `rules.required-headings`')
    expect(result.stderr).not.toMatch(/^\s+at /m)
    expect(result.status).toBe(1)
  })
})
