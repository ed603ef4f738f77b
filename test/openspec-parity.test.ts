import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {lint, root} from './helpers.js'

/**
 * Parity with OpenSpec’s own validator: the same fixture project is checked
 * by the real `openspec validate --all --json --strict` (the
 * `@fission-ai/openspec` dev dependency) and by plan-lint. Every error
 * `openspec` reports, and every warning plan-lint mirrors, plan-lint reports
 * on the same file; on the clean change and spec neither reports anything.
 *
 * Warnings and notes plan-lint does not mirror, on purpose:
 * - `Purpose section is too brief (less than 50 characters)`, and the
 *   `Why section must be at least 50 characters` / `should not exceed 1000`
 *   bounds: a length says nothing a reader sees as a defect (a one-line
 *   purpose can be complete);
 * - `Requirement text is very long`, `Consider splitting changes with more
 *   than 10 deltas`, `Delta description is too brief`: advice on size, not
 *   structure;
 * - task numbering (`Task "2.3" is under group 1…`): plan-lint’s `task-ids`
 *   checks ids once each and in order instead, which covers a task moved to
 *   the wrong group;
 * - notes (`INFO`), such as a `### Heading` inside ADDED that is not a
 *   requirement: they do not fail `validate --strict`.
 * The fixtures below stay clear of those, so that every issue in the report
 * is one plan-lint must have.
 */

const files: Record<string, string> = {
  'openspec/changes/add-code-sign-in/proposal.md': `# Change: Sign in with a one-time code

## Why

Support resets about forty passwords a week; a code sent by email removes the password.

## What Changes

- Add sign-in with a one-time code

## Capabilities

### New Capabilities

- \`code-sign-in\`: asking for a code and signing in with it

### Modified Capabilities

- \`sessions\`: a session records how its user signed in

## Impact

- Affected code: \`src/auth/\`
`,
  'openspec/changes/add-code-sign-in/specs/code-sign-in/spec.md': `## ADDED Requirements

### Requirement: Code request

The system sends a code to the address a user gives.

#### Scenario: Known address

- **WHEN** a user asks for a code
- **THEN** an email with the code is sent

### Requirement: Code expiry

A code MUST expire after ten minutes.

### Scenario: Late code

- **WHEN** a code is eleven minutes old
- **THEN** it is refused

### Requirement: Code request

The system SHALL log each code it sends.

#### Scenario: Logged

- **WHEN** a code is sent
- **THEN** it is logged

## REMOVED Requirements

### Requirement: Code expiry

**Reason**: Codes no longer expire.
`,
  'openspec/changes/add-code-sign-in/specs/sessions/spec.md': `## MODIFIED Requirements

### Requirement: Login

The system SHALL record how a user signed in.

#### Scenario: Code

- **WHEN** a user signs in with a code
- **THEN** the session records \`code\`

## RENAMED Requirements

- FROM: \`### Requirement: Login\`
- TO: \`### Requirement: Sign-in\`
- FROM: \`### Requirement: Logout\`
`,
  'openspec/changes/add-code-sign-in/specs/billing/spec.md': `# Billing notes

Nothing changes in billing; these are notes.
`,
  'openspec/changes/add-code-sign-in/specs/mail/spec.md': `## ADDED Requirements

The mail requirements are in the proposal.
`,
  'openspec/changes/add-code-sign-in/tasks.md': `## 1. Codes

- 1.1 Add the codes table
- 1.2 Send the code by mail
`,
  'openspec/changes/rename-sessions/proposal.md': `# Change: Rename the session requirements

## Why

The session requirements use words the product no longer uses, which confuses new readers.

## What Changes

- Rename two session requirements
`,
  'openspec/changes/rename-sessions/specs/sessions/spec.md': `## ADDED Requirements

### Requirement: Sign-out

The system SHALL end the session on sign-out.

#### Scenario: Sign-out

- **WHEN** a user signs out
- **THEN** the session ends

## REMOVED Requirements

- \`### Requirement: Session end\`

## RENAMED Requirements

- FROM: \`### Requirement: Logout\`
- TO: \`### Requirement: Sign-out\`
- FROM: \`### Requirement: Session end\`
- TO: \`### Requirement: Session expiry\`
`,
  'openspec/changes/no-what-changes/proposal.md': `# Change: Show the session device

## Why

Users want to see which devices are signed in, to sign out the ones they lost.
`,
  'openspec/changes/no-what-changes/specs/sessions/spec.md': `## ADDED Requirements

### Requirement: Session device

The system SHALL record the device of each session.

#### Scenario: Phone

- **WHEN** a user signs in on a phone
- **THEN** the session records \`phone\`
`,
  'openspec/changes/clean-change/proposal.md': `# Change: Export invoices as CSV

## Why

Accountants copy invoices by hand into spreadsheets at the end of each month.

## What Changes

- Add a CSV export to the invoice list ([format notes](https://example.com/csv))

## Impact

- Affected code: \`src/invoices/export.ts\`
`,
  'openspec/changes/clean-change/specs/invoices/spec.md': `## ADDED Requirements

### Requirement: CSV export

The system SHALL export the invoices of a month as one CSV file.

#### Scenario: One month

- **WHEN** a user exports March
- **THEN** one CSV file holds every invoice of March

\`\`\`markdown
### Requirement: An example in code is not checked
\`\`\`
`,
  'openspec/changes/clean-change/tasks.md': `## 1. Export

- [ ] 1.1 Add the CSV writer
- [ ] 1.2 Add the export button
`,
  'openspec/specs/sessions/spec.md': `# sessions Specification

## Purpose

How the system opens, records and closes the sessions of signed-in users.

## Requirements

### Requirement: Session end

A session MUST end after thirty days without a request.

#### Scenario: Idle session

- **WHEN** a session has seen no request for thirty days
- **THEN** the next request is asked to sign in again

### Requirement: Session end

A session MUST end when its user signs out.

### Requirement: Logout

The system SHALL offer sign-out on every page.

#### Scenario: Sign-out link

- **WHEN** a page is shown to a signed-in user
- **THEN** it has a sign-out link

### Requirement: Login

The system SHALL record how a user signed in.

#### Scenario: Password

- **WHEN** a user signs in with a password
- **THEN** the session records \`password\`

## Notes

### Requirement: Stray

The system SHALL do something outside the requirements section.

#### Scenario: Stray

- **WHEN** this is read
- **THEN** openspec does not see it
`,
  'openspec/specs/billing/spec.md': `# billing Specification

## Requirements

### Requirement: Invoices

The system SHALL send an invoice each month.

#### Scenario: Month end

- **WHEN** a month ends
- **THEN** each customer gets an invoice
`,
  'openspec/specs/invoices/spec.md': `# invoices Specification

## Purpose

How invoices are made, sent and kept for every customer of the shop.

## Requirements

### Requirement: Invoice numbers

The system SHALL number invoices without gaps.

#### Scenario: Next number

- **WHEN** an invoice is made
- **THEN** it takes the next number
`
}

interface Issue {
  level: 'ERROR' | 'WARNING' | 'INFO'
  path: string
  message: string
}

interface Item {
  id: string
  type: 'change' | 'spec'
  valid: boolean
  issues: Issue[]
}

/** Warnings plan-lint mirrors (see above for the ones it does not). */
const mirroredWarnings = [/should contain SHALL or MUST/, /counts as 0 tasks/, /is not a delta section/, /must have at least one scenario/]

let project: string
let items: Item[]

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'plan-lint-openspec-'))
  for (const [name, value] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, name)), {recursive: true})
    writeFileSync(path.join(project, name), value)
  }
  // The package exports no `package.json`: its folder is found from the repository’s node_modules.
  const manifest = path.join(root, 'node_modules', '@fission-ai', 'openspec', 'package.json')
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as {bin: Record<string, string>}).bin['openspec']!
  let output: string
  try {
    output = execFileSync(process.execPath, [path.join(path.dirname(manifest), bin), 'validate', '--all', '--json', '--strict', '--no-interactive'], {
      cwd: project,
      encoding: 'utf8',
      env: {...process.env, OPENSPEC_TELEMETRY: '0', DO_NOT_TRACK: '1', NO_COLOR: '1'}
    })
  } catch (error) {
    // Invalid items make it exit 1, with the report on stdout.
    output = (error as {stdout: string}).stdout
  }
  items = (JSON.parse(output) as {items: Item[]}).items
}, 60_000)

afterAll(() => {
  rmSync(project, {recursive: true, force: true})
})

/** The file an issue is about. */
function fileOf(item: Item, issue: Issue): string {
  if (item.type === 'spec') return `openspec/specs/${item.id}/spec.md`
  const change = `openspec/changes/${item.id}`
  if (issue.path.endsWith('spec.md')) return `${change}/specs/${issue.path}`
  if (issue.path.endsWith('.md')) return `${change}/${issue.path}`
  return `${change}/proposal.md`
}

async function findings(name: string): Promise<string[]> {
  const file = await lint(files[name]!, {}, path.relative(root, path.join(project, name)))
  return file.messages.map((message) => `${message.line ?? 0}: ${message.ruleId ?? ''}: ${message.reason}`)
}

describe('`openspec validate --strict` and plan-lint on the same files', () => {
  it('finds the issues it is meant to', () => {
    const reported = new Set(items.flatMap((item) => item.issues.filter((issue) => issue.level === 'ERROR').map((issue) => fileOf(item, issue))))
    // One file of each kind of error, so that a change in the validator shows here.
    for (const name of [
      'openspec/changes/add-code-sign-in/specs/code-sign-in/spec.md',
      'openspec/changes/add-code-sign-in/specs/sessions/spec.md',
      'openspec/changes/add-code-sign-in/specs/billing/spec.md',
      'openspec/changes/add-code-sign-in/specs/mail/spec.md',
      'openspec/changes/rename-sessions/specs/sessions/spec.md',
      'openspec/specs/sessions/spec.md',
      'openspec/specs/billing/spec.md'
    ]) {
      expect(reported).toContain(name)
    }
  })

  it('every error, and every warning plan-lint mirrors, is reported by plan-lint on the same file', async () => {
    const missed: string[] = []
    for (const item of items) {
      for (const issue of item.issues) {
        const mirrored = issue.level === 'ERROR' || (issue.level === 'WARNING' && mirroredWarnings.some((pattern) => pattern.test(issue.message)))
        if (!mirrored) continue
        const name = fileOf(item, issue)
        if ((await findings(name)).length === 0) missed.push(`${name}: ${issue.message}`)
      }
    }
    expect(missed).toEqual([])
  })

  it('a change and a spec that `openspec` finds valid get no finding', async () => {
    expect(items.find((item) => item.id === 'clean-change')?.valid).toBe(true)
    expect(items.find((item) => item.id === 'invoices')?.valid).toBe(true)
    for (const name of Object.keys(files).filter((name) => name.includes('/clean-change/') || name.includes('/specs/invoices/spec.md'))) {
      if (name.includes('/changes/') && name.endsWith('invoices/spec.md')) continue
      expect(await findings(name)).toEqual([])
    }
  })

  it('reports what `openspec validate` does not: a proposal without `## What Changes`, the capability lists against the deltas', async () => {
    // `openspec validate <change>` reads only the deltas of a change, not its proposal.
    expect(items.find((item) => item.id === 'no-what-changes')?.valid).toBe(true)
    expect(await findings('openspec/changes/no-what-changes/proposal.md')).toEqual([
      '6: required-headings: Unexpected missing section `## What Changes` (template `openspec-proposal`), expected it after `## Why`'
    ])
    // `sessions` is listed as modified and has a main spec: adding to it is fine;
    // `code-sign-in` is listed as new, and its delta removes a requirement.
    expect(await findings('openspec/changes/add-code-sign-in/specs/code-sign-in/spec.md')).toContain(
      '30: spec-deltas: Unexpected `## REMOVED Requirements` in the delta of `code-sign-in`, which `proposal.md` lists under `New Capabilities`, expected only `## ADDED Requirements` for a new capability, or `code-sign-in` under `Modified Capabilities`'
    )
  })
})
