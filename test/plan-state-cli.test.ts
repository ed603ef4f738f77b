import {readFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, inject, it} from 'vitest'
import {root} from './helpers.js'
import {openPackedProject, writeFiles, type PackedProject, type RunResult} from './packed.js'

/** Where a plan stands, through the installed `plan-lint` binary from the packed tarball. */
describe('plan-lint: stages, completed checklists and checked claims (packed tarball)', () => {
  let project: PackedProject
  let work: string
  const run = (args: string[]): RunResult => project.run('plan-lint', args, {cwd: work})

  const tip = readFileSync(path.join(root, 'fixtures', 'plans', 'tip', 'filled.md'), 'utf8')
  const status = (value: string, to: string) => value.replace('*Status*: Approved', '*Status*: ' + to)
  const withPlaceholder = tip.replace('**Use Case**: UC-214', '**Use Case**: [Use case ID]')
  const claims = '\n## Plan Checklist\n\n- [x] No placeholders remain\n'
  const claimLine = (withPlaceholder + claims).split('\n').indexOf('- [x] No placeholders remain') + 1

  beforeAll(() => {
    project = openPackedProject(inject('packedProject'))
    work = path.join(project.directory, 'plan-state')
    writeFiles(work, {
      'draft/plan.md': status(withPlaceholder, 'Draft'),
      'approved/plan.md': withPlaceholder,
      'done/plan.md': status(tip, 'Complete'),
      'claims/plan.md': withPlaceholder + claims
    })
  })

  it('a draft with a placeholder passes with a warning that names the stage', () => {
    const result = run(['draft/'])
    expect(result.stdout).toMatch(/3:15-3:28\s+warning\s+Unexpected placeholder `\[Use case ID\]`, expected the real value \(a warning at stage `draft`\)\s+no-placeholders\s+plan-lint/)
    expect(result.stdout).not.toMatch(/\berror\b/)
    expect(result.status).toBe(0)
  })

  it('the same plan marked Approved fails', () => {
    const result = run(['approved/'])
    expect(result.stdout).toMatch(/3:15-3:28\s+error\s+Unexpected placeholder `\[Use case ID\]`, expected the real value\s+no-placeholders/)
    expect(result.status).toBe(1)
  })

  it('marked Complete with nothing checked, the open Definition of Done list is one `completed-checklists` finding (JSON)', () => {
    const result = run(['--format', 'json', 'done/'])
    const [report] = JSON.parse(result.stdout) as Array<{messages: Array<{ruleId: string; line: number; column: number; severity: string; message: string}>}>
    const found = report!.messages.filter((message) => message.ruleId === 'completed-checklists')
    expect(found.map((message) => [message.line, message.column, message.severity])).toEqual([[198, 3, 'error']])
    expect(found[0]!.message).toContain('6 unchecked items (none checked) in `### Definition of Done` of a plan with status `Complete`')
    expect(result.status).toBe(1)
  })

  it('a checked “No placeholders remain” above a placeholder is a `checked-claims` finding naming its line', () => {
    const result = run(['claims/'])
    expect(result.stdout).toMatch(
      new RegExp(`${claimLine}:3-${claimLine}:6\\s+error\\s+Unexpected checked claim \`No placeholders remain\` while \`no-placeholders\` reports line 3, expected the box unchecked`)
    )
    expect(result.status).toBe(1)
  })
})
