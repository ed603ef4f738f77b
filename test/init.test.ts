import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {root} from './helpers.js'
import {openPackedProject, writeFiles, type PackedProject, type RunResult} from './packed.js'

/** `plan-lint init` from the packed tarball, on the home-grown plans in `fixtures/init/`. */
describe('plan-lint init (packed tarball)', () => {
  let project: PackedProject
  const fixtures = path.join(root, 'fixtures', 'init')
  const tips = ['audit-log.md', 'csv-invoice-export.md', 'search-filters.md', 'sso-login.md']
  const decisions = ['audit-storage.md', 'csv-library.md', 'feature-flags.md']

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
  })

  /** A fresh folder in the project (so `remark-plan-lint` resolves) with the fixture folders copied in. */
  function workspace(copies: Record<string, string>): {cwd: string; run: (args: string[]) => RunResult} {
    const cwd = mkdtempSync(path.join(project.directory, 'init-'))
    for (const [from, to] of Object.entries(copies)) cpSync(path.join(fixtures, from), path.join(cwd, to), {recursive: true})
    return {cwd, run: (args) => project.run('plan-lint', args, {cwd})}
  }

  const read = (cwd: string, file: string) => readFileSync(path.join(cwd, file), 'utf8')

  it('learns a template from one home-grown format that `which` names for every plan, and lint then finds a removed section', () => {
    const {cwd, run} = workspace({tips: 'docs/tips'})
    const result = run(['init', 'docs/tips'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('wrote plan-templates/tips.md: template `tips` from 4 plans, 10 required and 1 optional sections')
    expect(result.stdout).toContain('created .remarkrc.json')
    // Per file: the template it matched and its coverage, as `which` prints it.
    expect(result.stdout).toContain('docs/tips/csv-invoice-export.md\ttips\t1.00\n')
    expect(result.stdout).toContain('docs/tips/audit-log.md\ttips\t0.90\n')
    expect(result.stdout).toContain('docs/tips/README.md\tnone\t0.00\n')
    expect(result.stdout).toMatch(/left out .*\n {2}docs\/tips\/README\.md: its sections match no other plan\n$/)

    const template = read(cwd, 'plan-templates/tips.md')
    expect(template).toContain('# TIP: [Title]\n')
    expect(template).toContain('### Task 1: [Name]\n')
    expect(template).toMatch(/^optional:\n {2}- Open Questions$/m)
    expect(template).toMatch(/likelihood:\n {4}- Probability/)
    expect(template).toContain('| Risk | Probability | Impact | Mitigation |')
    // The plugin entry as unified-engine reads it.
    expect(JSON.parse(read(cwd, '.remarkrc.json'))).toEqual({
      plugins: [
        [
          'remark-plan-lint',
          {
            templates: ['./plan-templates/tips.md'],
            // README.md in the folder is no plan: the plans are mapped by name.
            templateGlobs: Object.fromEntries(tips.map((name) => [`docs/tips/${name}`, 'tips']))
          }
        ]
      ]
    })

    const which = run(['which', ...tips.map((name) => `docs/tips/${name}`)])
    expect(which.status).toBe(0)
    expect(which.stdout.split('\n').filter(Boolean).map((line) => line.split('\t')[1])).toEqual(['tips', 'tips', 'tips', 'tips'])

    // No other configuration: the plans pass, except the one without a section 3 of 4 have.
    const lint = run(['--format', 'json', 'docs/tips'])
    const report = JSON.parse(lint.stdout) as Array<{path: string; messages: Array<{ruleId: string; message: string}>}>
    const findings = Object.fromEntries(report.map((file) => [file.path, file.messages.map((message) => `${message.ruleId}: ${message.message}`)]))
    expect(findings).toEqual({
      'docs/tips/README.md': [],
      'docs/tips/audit-log.md': [
        'required-headings: Unexpected missing section `## Dependencies` (template `tips`), expected it after `## Risks`'
      ],
      'docs/tips/csv-invoice-export.md': [],
      'docs/tips/search-filters.md': [],
      'docs/tips/sso-login.md': []
    })

    // Remove a section the group shares from one plan.
    const file = path.join(cwd, 'docs/tips/sso-login.md')
    const plan = readFileSync(file, 'utf8')
    writeFileSync(file, plan.replace(/## Context\n[\s\S]*?(?=## Approach)/, ''))
    const broken = run(['--format', 'json', 'docs/tips/sso-login.md'])
    expect(broken.status).toBe(1)
    const [sso] = JSON.parse(broken.stdout) as Array<{messages: Array<{ruleId: string; message: string}>}>
    expect(sso!.messages.map((message) => `${message.ruleId}: ${message.message}`)).toEqual([
      'required-headings: Unexpected missing section `## Context` (template `tips`), expected it after `## Summary`'
    ])
  })

  it('learns two templates from two formats in one folder, and lists the files that fit neither', () => {
    const {cwd, run} = workspace({tips: 'plans', decisions: 'plans'})
    writeFiles(cwd, {'plans/notes.md': '# Meeting notes\n\n## Attendees\n\nDana, Sam\n\n## Notes\n\nTalked about the export.\n'})
    const result = run(['init', 'plans'])
    expect(result.status).toBe(0)
    const written = readdirSync(path.join(cwd, 'plan-templates')).sort()
    // `TIP` would replace the built-in `tip`: the folder names it instead.
    expect(written).toEqual(['decision.md', 'plans.md'])
    expect(read(cwd, 'plan-templates/decision.md')).toContain('# Decision: [Title]\n')
    expect(read(cwd, 'plan-templates/plans.md')).toContain('# TIP: [Title]\n')
    for (const name of tips) expect(result.stdout).toContain(`plans/${name}\tplans\t`)
    for (const name of decisions) expect(result.stdout).toContain(`plans/${name}\tdecision\t1.00\n`)
    expect(result.stdout).toContain('left out (no group of 3 or more plans with similar sections):\n  plans/README.md: its sections match no other plan\n  plans/notes.md: its sections match no other plan\n')
    const options = (JSON.parse(read(cwd, '.remarkrc.json')) as {plugins: Array<[string, {templateGlobs: Record<string, string>}]>}).plugins[0]![1]
    expect(Object.keys(options.templateGlobs)).toHaveLength(7)
  })

  it('refuses to overwrite an existing file without --force: exit 2 and nothing written at all', () => {
    const {cwd, run} = workspace({tips: 'plans', decisions: 'plans'})
    // One of the two targets exists; the other must not be written either.
    writeFiles(cwd, {'plan-templates/decision.md': '# Ours\n\n## Keep\n'})
    const refused = run(['init', 'plans'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('Cannot write `plan-templates/decision.md`: the file exists; run again with `--force` to overwrite (nothing was written)')
    expect(refused.stdout).toBe('')
    expect(readdirSync(path.join(cwd, 'plan-templates'))).toEqual(['decision.md'])
    expect(read(cwd, 'plan-templates/decision.md')).toBe('# Ours\n\n## Keep\n')
    expect(existsSync(path.join(cwd, '.remarkrc.json'))).toBe(false)

    const forced = run(['init', 'plans', '--force'])
    expect(forced.status).toBe(0)
    expect(read(cwd, 'plan-templates/decision.md')).toContain('# Decision: [Title]')
    expect(readdirSync(path.join(cwd, 'plan-templates')).sort()).toEqual(['decision.md', 'plans.md'])
  })

  it('merges into an existing .remarkrc.json and keeps what it holds', () => {
    const {cwd, run} = workspace({tips: 'docs/tips'})
    const existing = {
      settings: {bullet: '-'},
      plugins: [['remark-plan-lint', {rules: {'no-empty-sections': 'off'}, templateGlobs: {'rfcs/**/*.md': 'tip'}}]]
    }
    writeFiles(cwd, {'.remarkrc.json': JSON.stringify(existing, null, 2) + '\n'})
    const result = run(['init', 'docs/tips', '--id', 'team-tip'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('updated .remarkrc.json')
    expect(JSON.parse(read(cwd, '.remarkrc.json'))).toEqual({
      settings: {bullet: '-'},
      plugins: [
        [
          'remark-plan-lint',
          {
            rules: {'no-empty-sections': 'off'},
            templates: ['./plan-templates/team-tip.md'],
            templateGlobs: {'rfcs/**/*.md': 'tip', ...Object.fromEntries(tips.map((name) => [`docs/tips/${name}`, 'team-tip']))}
          }
        ]
      ]
    })
    expect(run(['which', 'docs/tips/sso-login.md']).stdout).toBe('docs/tips/sso-login.md\tteam-tip\t1.00\n')

    // A glob already mapped to another template is not replaced without --force.
    const conflicting = workspace({tips: 'docs/tips'})
    const glob = {plugins: [['plan-lint', {templateGlobs: {'docs/tips/sso-login.md': 'tip'}}]]}
    writeFiles(conflicting.cwd, {'.remarkrc.json': JSON.stringify(glob)})
    const refused = conflicting.run(['init', 'docs/tips'])
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain('run again with `--force` to replace it (nothing was written)')
    expect(read(conflicting.cwd, '.remarkrc.json')).toBe(JSON.stringify(glob))
    expect(existsSync(path.join(conflicting.cwd, 'plan-templates'))).toBe(false)
  })

  it('leaves a .remarkrc.js or a package.json remarkConfig untouched and prints the options to add', () => {
    for (const [name, content] of [
      ['.remarkrc.js', "export default {plugins: [['remark-plan-lint', {}]]}\n"],
      ['package.json', JSON.stringify({name: 'team', private: true, remarkConfig: {plugins: ['remark-plan-lint']}}, null, 2) + '\n']
    ] as const) {
      const {cwd, run} = workspace({tips: 'docs/tips'})
      writeFiles(cwd, {[name]: content})
      const result = run(['init', 'docs/tips'])
      expect(result.status).toBe(0)
      expect(read(cwd, name)).toBe(content)
      expect(existsSync(path.join(cwd, '.remarkrc.json'))).toBe(false)
      expect(existsSync(path.join(cwd, 'plan-templates/tips.md'))).toBe(true)
      expect(result.stdout).toContain(`plan-lint does not edit \`${name}\`: add these options to its \`remark-plan-lint\` entry:\n{\n  "templates": [\n    "./plan-templates/tips.md"\n  ],`)
      expect(result.stdout).toContain('"docs/tips/sso-login.md": "tips"')
      // What the plans will follow once the options are added.
      expect(result.stdout).toContain('docs/tips/sso-login.md\ttips\t1.00\n')
    }
  })

  it('still writes the template when the configuration it cannot edit fails to load, and the report says why it cannot show the plans', () => {
    const {cwd, run} = workspace({tips: 'docs/tips'})
    writeFiles(cwd, {'.remarkrc.mjs': "throw new Error('broken config')\n"})
    const result = run(['init', 'docs/tips'])
    expect(result.status).toBe(0)
    expect(existsSync(path.join(cwd, 'plan-templates/tips.md'))).toBe(true)
    expect(result.stdout).toContain('plan-lint does not edit `.remarkrc.mjs`')
    // The closing report says why it cannot show the plans' templates.
    expect(result.stdout).toMatch(/^docs\/tips\/sso-login\.md: Cannot process file: .*broken config$/m)
  })

  it('takes --min-share: a section in 3 of 4 plans is optional at 0.8', () => {
    const {cwd, run} = workspace({tips: 'docs/tips'})
    const result = run(['init', 'docs/tips', '--min-share', '0.8'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('9 required and 2 optional sections')
    expect(read(cwd, 'plan-templates/tips.md')).toMatch(/^optional:\n {2}- Dependencies\n {2}- Open Questions$/m)
    expect(run(['docs/tips']).status).toBe(0)
  })

  it('exits 1 when no group of three plans is found, 2 on usage errors, writing nothing', () => {
    const {cwd, run} = workspace({decisions: 'docs'})
    const two = run(['init', 'docs/audit-storage.md', 'docs/csv-library.md'])
    expect(two.status).toBe(1)
    expect(two.stderr).toBe('plan-lint: no group of 3 or more plans with similar sections among 2 Markdown files; nothing written\n')
    expect(two.stdout).toContain('docs/audit-storage.md: its format is shared by 2 plans, fewer than 3')

    for (const [args, message] of [
      [['--min-share', '1.5'], 'Unexpected `--min-share 1.5`, expected a number from 0 to 1, such as `0.6`'],
      [['--min-share', 'most'], 'Unexpected `--min-share most`, expected a number from 0 to 1, such as `0.6`'],
      [['--id', 'Team Plan'], 'Unexpected `--id Team Plan`, expected a kebab-case id such as `team-plan`'],
      [['missing/'], 'No such file or folder: `missing`']
    ] as const) {
      const result = run(['init', 'docs', ...args])
      expect(result.status).toBe(2)
      expect(result.stderr).toContain(message)
    }
    const {cwd: mixed, run: runMixed} = workspace({tips: 'plans', decisions: 'plans'})
    const oneId = runMixed(['init', 'plans', '--id', 'team'])
    expect(oneId.status).toBe(2)
    expect(oneId.stderr).toContain('Unexpected `--id team` for 2 groups of plans')
    for (const folder of [cwd, mixed]) {
      expect(existsSync(path.join(folder, 'plan-templates'))).toBe(false)
      expect(existsSync(path.join(folder, '.remarkrc.json'))).toBe(false)
    }
  })
})
