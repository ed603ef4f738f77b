import {describe, expect, it} from 'vitest'
import type {Options} from '../src/index.js'
import {describeEvidence, detectionOf, pathMatches} from '../src/views/detect.js'
import {unfilledCopyOf} from '../src/views/unfilled-copy.js'
import {lintTree} from './helpers.js'

/** Which template a document is taken for, and why (src/views/detect.ts). */
async function detect(value: string, filePath = 'docs/plan.md', options: Options = {}) {
  const {file, tree} = await lintTree(value, options, filePath)
  const detection = detectionOf(tree, file)
  return {id: detection.template?.id ?? 'none', detection, unfilled: unfilledCopyOf(tree, file) !== undefined, file}
}

const ownOutline = `# Technical Plan: Sign-in with passkeys

## Overview

Passkeys next to passwords.

## API

Two new endpoints.

## Risks

Old browsers.

## Dependencies

The WebAuthn library.
`

const followsTechnicalPlan = `# Technical Plan: Sign-in with passkeys

## Executive Summary

Passkeys next to passwords.

## Technical Approach

A WebAuthn library behind the existing session service.

## System Architecture

### Components

The session service and a new credential store.

## Rollout Notes

Behind a flag.
`

describe('detection needs evidence beyond the title', () => {
  it('a matching title over a home-grown outline is no template', async () => {
    const {id, detection} = await detect(ownOutline)
    expect(id).toBe('none')
    expect(detection.via).toBeUndefined()
  })

  it('a matching title with the template’s sections making most of the outline is the template', async () => {
    const {id, detection} = await detect(followsTechnicalPlan)
    expect(id).toBe('technical-plan')
    expect(detection.evidence).toEqual({found: 4, required: 30, present: 4, topLevelMatched: 3, topLevel: 4, sections: 5, sectionsMatched: 4})
    expect(describeEvidence(detection)).toBe('its title matches `Technical Plan: …` and 4 of its 30 required sections are present')
  })

  it('a few of the template’s sections over a mostly own outline are no evidence', async () => {
    // Three of its top-level sections open the plan, then its own subsections and sections take over.
    const ownAfterStart = followsTechnicalPlan.replace(
      '## Rollout Notes',
      ['### Command Files', '### Naming', '### Paths', '### Moved Files', '## Files Touched', '## Rollout Notes'].join('\n\nText.\n\n')
    )
    const {id, detection} = await detect(ownAfterStart)
    expect(id).toBe('none')
    expect(detection.titled?.id).toBe('technical-plan')
  })

  it('half of a small template’s sections, none of them among the plan’s own top-level ones, are no evidence', async () => {
    const tasks = ['# Tasks: Export retries', '## Approach', '## Task Breakdown', '### Phase 1: Retries', '- [ ] T001 Add the attempt counter', '## Rollback'].join('\n\n')
    expect((await detect(tasks)).id).toBe('none')
    expect((await detect(tasks.replace('## Task Breakdown\n\n###', '##'))).id).toBe('spec-kit-tasks')
  })

  it('a template with a task format needs its task ids, as task items or headings', async () => {
    const tasks = ['# Tasks: Export retries', '## Phase 1: Setup', '1. [x] Add the attempt counter', '2. [ ] Retry failed exports', '## Notes', 'None.'].join('\n\n')
    const {id, detection} = await detect(tasks)
    expect(id).toBe('none')
    expect(detection.titled?.id).toBe('spec-kit-tasks')
    expect((await detect(tasks.replace('1. [x] Add', '1. [x] T001 Add'))).id).toBe('spec-kit-tasks')
    expect((await detect(tasks.replace('1. [x] Add the attempt counter', '### T001: Add the attempt counter'))).id).toBe('spec-kit-tasks')
    expect((await detect(tasks.replace('1. [x] Add the attempt counter', '#### Task 1.1: Add the attempt counter'))).id).toBe('none')
  })

  it('a declared template needs no evidence', async () => {
    const {id, detection} = await detect('---\ntemplate: technical-plan\n---\n\n' + ownOutline)
    expect(id).toBe('technical-plan')
    expect(describeEvidence(detection)).toBe('front matter declares it')
  })
})

describe('a repository’s own template file is not a plan', () => {
  it.each([
    ['docs/plan-template.md', 'its name is a template’s'],
    ['docs/template.md', 'its name is a template’s'],
    ['templates/plan.md', 'it is in a `templates` folder'],
    ['.specify/templates/plan.md', 'it is in a `templates` folder']
  ])('`%s`', async (filePath, reason) => {
    const {id, detection, file} = await detect(followsTechnicalPlan, filePath)
    expect(id).toBe('none')
    expect(detection.templateFile).toBe(reason)
    expect(file.messages).toEqual([])
  })

  it('a file written in placeholders of its own', async () => {
    const {id, detection} = await detect('# Technical Plan: {Feature}\n\n## Executive Summary\n\n{summary}\n\n## Technical Approach\n\n{approach}\n')
    expect(id).toBe('none')
    expect(detection.templateFile).toBe('its title is a placeholder')
    const prose = await detect(followsTechnicalPlan.replace('Passkeys next to passwords.', 'Owner {owner}, ticket {ticket}, due {due date}.'))
    expect(prose.detection.templateFile).toBe('it is written in placeholders of its own')
  })

  it('path parameters and names with braces are not placeholders', async () => {
    const {id} = await detect(followsTechnicalPlan.replace('Passkeys next to passwords.', 'Calls `GET /users/{id}`, /keys/{keyId}/rotate, param_{name} and /runs/{run_id}.'))
    expect(id).toBe('technical-plan')
  })

  it('unless it is declared', async () => {
    const {id} = await detect('<!-- plan-lint template: technical-plan -->\n\n' + followsTechnicalPlan, 'templates/plan.md')
    expect(id).toBe('technical-plan')
  })
})

describe('the user’s own templates win over a built-in with the same title', () => {
  const plan = `# Implementation Plan: Rate limits

## Summary

Per-key rate limits on the public API.

## Technical Context

Redis counters next to the gateway.

## Constitution Check

Nothing new.

## Project Structure

### Documentation

The API guide gets a limits page.

### Source Code

\`gateway/limits/\`.

## Rollback

Turn the flag off.
`

  it('built-ins alone: spec-kit’s plan, every one of its sections is there', async () => {
    expect((await detect(plan)).id).toBe('spec-kit-plan')
  })

  it('with the team’s template configured: the team’s, though it covers less of it', async () => {
    const {id, detection} = await detect(plan, 'docs/plan.md', {templates: ['fixtures/templates/team-plan.md']})
    expect(id).toBe('team-plan')
    expect(detection.coverage).toBe(0.8)
  })
})

describe('an unfilled copy of a template', () => {
  it('is one with only the template’s text and placeholders', async () => {
    const {readFileSync} = await import('node:fs')
    const copy = readFileSync('fixtures/no-template-text/not-ok-unfilled-copy.md', 'utf8')
    const options = {templates: ['fixtures/templates/rfc.md']}
    expect((await detect(copy, 'docs/plan.md', options)).unfilled).toBe(true)
    const started = copy.replace('[One paragraph: what changes and why.]', 'Search answers in under 100 ms at the 95th percentile.')
    expect((await detect(started, 'docs/plan.md', options)).unfilled).toBe(false)
  })
})

describe('a format’s place for its documents (template front matter `paths`)', () => {
  const options: Options = {templates: ['fixtures/templates/decision-record.md']}
  const record = `# Use Postgres for the audit log

## Context

The audit log outgrew the file store.

## Decision

Postgres, one table per tenant.
`

  it('assigns the template to a file at that place, whatever its title', async () => {
    const {id, detection} = await detect(record, 'docs/decisions/0007-audit-log.md', options)
    expect(id).toBe('decision-record')
    expect(detection.via).toBe('path')
    expect(describeEvidence(detection)).toBe('its path matches `decisions/[0-9][0-9][0-9][0-9]-*.md`')
  })

  it('not elsewhere: the title alone is no evidence', async () => {
    expect((await detect(record, 'docs/notes/audit-log.md', options)).id).toBe('none')
  })

  it('not to a file at that place with none of its sections and another title', async () => {
    const readme = '# Decisions\n\n## How we write them\n\nOne file per decision.\n'
    expect((await detect(readme, 'docs/decisions/0000-readme.md', options)).id).toBe('none')
  })
})

describe('a template’s `paths` glob', () => {
  it('matches at any depth, as picomatch does, after ruling files out by the segments it writes out', () => {
    expect(pathMatches('/repo/openspec/changes/add-2fa/proposal.md', 'openspec/changes/*/proposal.md')).toBe(true)
    expect(pathMatches('/repo/openspec/changes/add-2fa/design.md', 'openspec/changes/*/proposal.md')).toBe(false)
    expect(pathMatches('/repo/changes/add-2fa/proposal.md', 'openspec/changes/*/proposal.md')).toBe(false)
    // Literal segments in the path, but not where the glob puts them.
    expect(pathMatches('/openspec/x/changes/a/b/proposal.md', 'openspec/changes/*/proposal.md')).toBe(false)
    expect(pathMatches('/repo/text/0042-async.md', 'text/[0-9][0-9][0-9][0-9]-*.md')).toBe(true)
    expect(pathMatches('/repo/docs/0042-async.md', 'text/[0-9][0-9][0-9][0-9]-*.md')).toBe(false)
    expect(pathMatches('/repo/keps/sig-auth/279-node/README.md', '/keps/*/[0-9]*-*/README.md')).toBe(true)
    expect(pathMatches('/repo/.kiro/specs/login/tasks.md', './.kiro/specs/*/tasks.md')).toBe(true)
    expect(pathMatches('/repo/docs/stories/1.2.story.md', 'docs/stories/*.story.md')).toBe(true)
    expect(pathMatches('/repo/docs/stories/1.2.story.md', '**/*.story.md')).toBe(true)
  })
})
