import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {builtinTemplateIds} from '../src/template/builtin.js'
import {defaultRegistry} from '../src/template/registry.js'
import {claimRuleIds, statusKey, statusLineValue} from '../src/template/plan-state.js'
import {ruleIds} from '../src/pipeline/rule-meta.js'
import {planStatusOf} from '../src/views/plan-status.js'
import {formatMessages, lint, lintTree, root} from './helpers.js'

const tip = readFileSync(path.join(root, 'fixtures', 'plans', 'tip', 'filled.md'), 'utf8')
const withStatus = (value: string, status: string) => value.replace('*Status*: Approved', '*Status*: ' + status)
// A placeholder left in a complete plan.
const withPlaceholder = tip.replace('**Use Case**: UC-214', '**Use Case**: [Use case ID]')

describe('stages: severity by where a plan stands', () => {
  it('a draft with a placeholder gets a warning that names the stage', async () => {
    const file = await lint(withStatus(withPlaceholder, 'Draft'))
    expect(formatMessages(file)).toEqual([
      '3:15-3:28: Unexpected placeholder `[Use case ID]`, expected the real value (a warning at stage `draft`)'
    ])
    expect(file.messages[0]!.fatal).toBe(false)
  })

  it('the same plan approved gets an error, without a stage note (its severity is the configured one)', async () => {
    const file = await lint(withPlaceholder)
    expect(formatMessages(file)).toEqual(['3:15-3:28: Unexpected placeholder `[Use case ID]`, expected the real value'])
    expect(file.messages[0]!.fatal).toBe(true)
  })

  it('a plan without a status is judged at `review`, as before', async () => {
    const {file, tree} = await lintTree(withPlaceholder.replace('*Status*: Approved', ''))
    expect(planStatusOf(tree, file)).toMatchObject({value: undefined, stage: 'review', unknown: false})
    expect(file.messages.map((message) => message.fatal)).toEqual([true])
  })

  it('the `stages` option replaces the defaults rule by rule, and can turn a rule off at one stage', async () => {
    const draft = withStatus(withPlaceholder, 'Draft')
    const strict = await lint(draft, {stages: {draft: {'no-placeholders': 'error'}}})
    expect(formatMessages(strict)).toEqual(['3:15-3:28: Unexpected placeholder `[Use case ID]`, expected the real value'])
    expect(strict.messages[0]!.fatal).toBe(true)
    const quiet = await lint(draft, {stages: {draft: {'no-placeholders': 'off'}}})
    expect(quiet.messages).toEqual([])
    // Raised at `approved`: a note says so.
    const raised = await lint(withStatus(withPlaceholder, 'Approved'), {rules: {'no-placeholders': 'warn'}, stages: {approved: {'no-placeholders': 2}}})
    expect(formatMessages(raised)).toEqual(['3:15-3:28: Unexpected placeholder `[Use case ID]`, expected the real value (an error at stage `approved`)'])
  })

  it('a rule off in `rules` stays off whatever the stage says', async () => {
    const file = await lint(withStatus(withPlaceholder, 'Draft'), {rules: {'no-placeholders': 'off'}, stages: {draft: {'no-placeholders': 'warn'}}})
    expect(file.messages).toEqual([])
  })

  it.each(builtinTemplateIds)('the `%s` template file itself, declared a draft, gives only warnings', async (id) => {
    // A draft in the template’s own words: `Draft`, or `WIP` for spec-kit (whose every spec says Draft).
    const draft = defaultRegistry().get(id)!.status.stages.draft[0]!
    const value = readFileSync(path.join(root, 'templates', id + '.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, `---\ntemplate: ${id}\nstatus: ${draft}\n---\n`)
    const file = await lint(value, {}, id + '.md')
    // Nothing filled in: one finding for the copy, not one per placeholder.
    expect(file.messages.map((message) => message.ruleId)).toEqual(['no-template-text'])
    expect(file.messages.filter((message) => message.fatal !== false).map((message) => message.reason)).toEqual([])
    // … and declared Approved, the completeness finding is an error.
    const approved = await lint(value.replace(`status: ${draft}`, 'status: Approved'), {}, id + '.md')
    expect(approved.messages.some((message) => message.fatal === true && message.ruleId === 'no-template-text')).toBe(true)
  })
})

describe('plan status', () => {
  it('reads status lines as templates and plans write them', () => {
    expect(statusLineValue('**Status**: Draft', 'Status')).toBe('Draft')
    expect(statusLineValue('**Status:** Approved  ', 'Status')).toBe('Approved')
    expect(statusLineValue('*Status*: [Draft/Approved/In Progress/Complete]', 'Status')).toBe('[Draft/Approved/In Progress/Complete]')
    expect(statusLineValue('Status: Done\\', 'Status')).toBe('Done')
    expect(statusLineValue('**Status**', 'Status')).toBeUndefined()
    expect(statusLineValue('**Statuses**: Draft', 'Status')).toBeUndefined()
    // Linear on long lines that are not status lines (an expression once backtracked for minutes here).
    const start = process.cpuUsage()
    for (const line of ['Status' + ' '.repeat(100_000) + 'x', '**' + 'a '.repeat(100_000), 'Status ' + 'word '.repeat(50_000)]) {
      expect(statusLineValue(line, 'Status')).toBeUndefined()
    }
    const {user, system} = process.cpuUsage(start)
    expect((user + system) / 1000).toBeLessThan(500)
    expect(statusKey('✅ Complete (see `research.md` Rev.2).')).toBe('complete')
    expect(statusKey('In Review - waiting for security')).toBe('in review')
  })

  it('takes the status from front matter first, then the template’s status line where the template has it', async () => {
    const fromFrontMatter = await lintTree('---\nstatus: Done\n---\n\n' + tip)
    expect(planStatusOf(fromFrontMatter.tree, fromFrontMatter.file)).toMatchObject({value: 'Done', stage: 'done'})
    // `tip` writes its status line at the end, under `## Next Steps`.
    const fromLine = await lintTree(withStatus(tip, 'In Progress'))
    expect(planStatusOf(fromLine.tree, fromLine.file)).toMatchObject({value: 'In Progress', stage: 'approved'})
    // A status in another section (a phase’s) is not the plan’s.
    const phase = await lintTree(tip.replace('*Status*: Approved', '').replace('### Current State\n', '### Current State\n\n**Status**: Done\n'))
    expect(planStatusOf(phase.tree, phase.file).value).toBeUndefined()
  })

  it('claims name only rules that exist', () => {
    for (const ruleId of claimRuleIds) expect(ruleIds).toContain(ruleId)
  })
})

describe('completeness findings, once each', () => {
  it.each(builtinTemplateIds)('`no-empty-sections` and `no-template-text` never report the same heading (template `%s`)', async (id) => {
    const value = readFileSync(path.join(root, 'templates', id + '.md'), 'utf8')
    // Declared: a template found only by its place (an OpenSpec delta) is no plan elsewhere.
    const file = await lint(value, {template: id}, id + '.md')
    const lines = (ruleId: string) => file.messages.filter((message) => message.ruleId === ruleId).map((message) => message.line)
    const empty = lines('no-empty-sections')
    const text = lines('no-template-text')
    expect(text.length).toBeGreaterThan(0)
    expect(text.filter((line) => empty.includes(line))).toEqual([])
  })

  it('a section of only the template’s placeholders is `no-placeholders`’, not `no-template-text`’s nor `no-empty-sections`’ (one cause, one finding)', async () => {
    const value = tip.replace(/### High-Level Strategy\n\n[^\n]+\n/, '### High-Level Strategy\n\n[1-2 sentences describing the core technical approach]\n')
    const file = await lint(value)
    expect(file.messages.map((message) => message.ruleId)).toEqual(['no-placeholders'])
    // With `no-placeholders` off, or silenced there, the section's own finding is the one.
    const off = await lint(value, {rules: {'no-placeholders': 'off'}})
    expect(off.messages.map((message) => [message.ruleId, message.reason.replace(/ section .*? with/, ' section with')])).toEqual([
      ['no-empty-sections', 'Unexpected section with only placeholders, expected content in their place or the heading removed (an error at stage `approved`)']
    ])
    const ignored = await lint(value.replace('### High-Level Strategy\n\n', '### High-Level Strategy\n\n<!-- lint ignore no-placeholders -->\n\n'))
    expect(ignored.messages.map((message) => message.ruleId)).toEqual(['no-empty-sections'])
  })
})

describe('done plans and checked claims on a complete plan', () => {
  it('a plan marked Complete with nothing checked in its Definition of Done gets one finding for the list', async () => {
    const file = await lint(withStatus(tip, 'Complete'))
    const found = file.messages.filter((message) => message.ruleId === 'completed-checklists')
    // One cause, one finding: a list with not one box checked, not one finding per box.
    expect(found.map((message) => message.line)).toEqual([198])
    expect(found[0]!.reason).toMatch(/^Unexpected 6 unchecked items \(none checked\) in `### Definition of Done` of a plan with status `Complete`/)
  })

  it('a plan marked Complete with one open Definition of Done item among checked ones gets a finding on that box', async () => {
    const lines = withStatus(tip, 'Complete').split('\n')
    for (const at of [198, 199, 200, 201, 202]) lines[at - 1] = lines[at - 1]!.replace('- [ ]', '- [x]')
    const file = await lint(lines.join('\n'))
    const found = file.messages.filter((message) => message.ruleId === 'completed-checklists')
    expect(found.map((message) => message.line)).toEqual([203])
    expect(found[0]!.reason).toMatch(/^Unexpected unchecked item `.*` in `### Definition of Done` of a plan with status `Complete`/)
  })

  it('a checked “No placeholders remain” in a plan that still has one names its line', async () => {
    const file = await lint(withPlaceholder + '\n## Plan Checklist\n\n- [x] No placeholders remain\n- [x] All sections complete\n')
    const lines = withPlaceholder.split('\n').length
    expect(formatMessages(file).filter((line) => line.includes('claim'))).toEqual([
      `${lines + 3}:3-${lines + 3}:6: Unexpected checked claim \`No placeholders remain\` while \`no-placeholders\` reports line 3, expected the box unchecked (\`[ ]\`) until they are fixed`
    ])
  })
})
