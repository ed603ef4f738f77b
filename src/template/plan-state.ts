import type {Root} from 'mdast'
import {headingKey} from './heading-text.js'
import type {ZodApi} from '../support/lazy.js'
import {linesOf} from '../support/text.js'

/**
 * What a template says about where a plan stands: its status line and
 * values grouped into stages, its completion checklists, the self-check
 * phrases the linter can verify, and the sections whose text is real content.
 * Defaults here apply to templates whose front matter says nothing.
 */

export const stageNames = ['draft', 'review', 'approved', 'done'] as const
export type Stage = (typeof stageNames)[number]

/** Stage of a plan without a status (today’s behaviour: findings at their configured severity). */
export const defaultStage: Stage = 'review'

export interface StatusFacts {
  /** Label of the status line (`**Status**: Draft`); front matter `status:` always counts too. */
  field: string
  /**
   * A file beside the plan that holds its status (`kep.yaml`): a YAML file,
   * or a Markdown file’s front matter, whose key `field` is the status. The
   * plan’s own front matter `status:` still comes first.
   */
  file: string | undefined
  /** Status values by stage, as written. */
  stages: Record<Stage, string[]>
  /**
   * Heading key of the section that holds the template’s own status line
   * (`next steps` for `tip`), or `undefined` when it is above the first section.
   */
  section: string | undefined
  /**
   * Heading key of a section whose body is the status (front matter
   * `status.heading`: BMAD's `## Status` then `Done` on the next line), also
   * written as the heading itself (`## Status: Done`).
   */
  heading?: string | undefined
}

export const defaultStatusStages: Record<Stage, string[]> = {
  draft: ['Draft', 'WIP', 'Work in progress'],
  review: ['Review', 'In Review', 'Proposed'],
  approved: ['Approved', 'Accepted', 'In Progress'],
  done: ['Done', 'Complete', 'Completed', 'Implemented']
}

/** A self-check phrase and the rules whose findings prove it false. */
export interface ClaimFacts {
  /** Phrases as written; `…` (or `...`) stands for any words. */
  phrases: string[]
  rules: string[]
}

/** Rules a claim may name (ids from `src/pipeline/rule-meta.ts`; a test keeps them in step). */
export const claimRuleIds = [
  'required-headings',
  'no-template-guidance',
  'no-placeholders',
  'checklist-format',
  'risk-table-columns',
  'no-empty-sections',
  'no-template-text'
] as const

export const defaultClaims: ClaimFacts[] = [
  {phrases: ['No placeholders remain', 'no [brackets]', 'no bracketed placeholders', 'all placeholders replaced'], rules: ['no-placeholders']},
  {phrases: ['All sections complete', 'all required sections'], rules: ['required-headings', 'no-empty-sections', 'no-template-text']},
  {phrases: ['Dependencies and risks are identified', 'Risks … mitigation'], rules: ['risk-table-columns']},
  {phrases: ['Template usage notes removed'], rules: ['no-template-guidance']}
]

/** Sections whose task items must all be checked when a plan is `done`. */
export const defaultCompletion = ['Definition of Done', 'Success Criteria', 'Acceptance Criteria', 'Must Have']

/** The front matter keys, for the template schema. */
export function planStateSchemaShape(z: ZodApi) {
  const values = z.array(z.string()).optional()
  return {
    status: z
      .object({
        field: z.string().optional(),
        heading: z.string().trim().min(1).optional(),
        file: z.string().trim().min(1).optional(),
        stages: z.object({draft: values, review: values, approved: values, done: values}).strict().optional()
      })
      .strict()
      .optional(),
    completion: z.array(z.string()).optional(),
    content: z.array(z.string()).optional(),
    empty: z.array(z.string()).optional(),
    claims: z
      .array(
        z
          .object({
            phrases: z.array(z.string()).min(1),
            rules: z.array(z.enum(claimRuleIds, {error: 'a rule id: ' + claimRuleIds.map((id) => '`' + id + '`').join(', ')})).min(1)
          })
          .strict()
      )
      .optional()
  }
}

/** Plan-state facts as template data (what `templates/compiled.json` holds). */
export interface PlanStateData {
  status: {field: string; file?: string | undefined; stages: Record<Stage, string[]>; section: string | undefined; heading?: string | undefined}
  completion: string[]
  content: string[]
  /** Front matter `empty`: sections a finished plan may leave empty. */
  empty?: string[]
  claims: ClaimFacts[]
}

interface PlanStateMeta {
  status?: {field?: string | undefined; file?: string | undefined; heading?: string | undefined; stages?: Partial<Record<Stage, string[] | undefined>> | undefined} | undefined
  completion?: string[] | undefined
  content?: string[] | undefined
  empty?: string[] | undefined
  claims?: ClaimFacts[] | undefined
}

/** Read the plan-state facts: front matter, defaults, and where the template’s own status line is. */
export function readPlanState(meta: PlanStateMeta, tree: Root, source: string): PlanStateData {
  const field = meta.status?.field ?? 'Status'
  const stages = {...defaultStatusStages}
  for (const stage of stageNames) stages[stage] = meta.status?.stages?.[stage] ?? defaultStatusStages[stage]
  const completion = meta.completion ?? defaultCompletion
  const status: PlanStateData['status'] = {field, stages, section: statusSection(tree, source, field)}
  if (meta.status?.heading !== undefined) status.heading = headingKey(meta.status.heading)
  if (meta.status?.file) status.file = meta.status.file
  return {
    status,
    completion,
    content: meta.content ?? [],
    ...(meta.empty ? {empty: meta.empty} : {}),
    claims: meta.claims ?? defaultClaims
  }
}

/** Heading key of the H2 section that holds the template’s status line, if not above the first H2. */
function statusSection(tree: Root, source: string, field: string): string | undefined {
  let section: string | undefined
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth === 2) {
      section = headingKey(source.slice(node.children[0]?.position?.start.offset ?? 0, node.children.at(-1)?.position?.end.offset ?? 0))
    }
    if (node.type !== 'paragraph') continue
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) continue
    for (const line of linesOf(source.slice(start, end))) {
      if (statusLineValue(line.text, field) !== undefined) return section
    }
  }
  return undefined
}

/**
 * The value of a status line (`**Status**: Draft`, `*Status:* Draft`,
 * `Status: Draft`), or `undefined` when the line is not one.
 */
export function statusLineValue(line: string, field: string): string | undefined {
  // Read by hand: an expression with a lazy label beside optional spaces
  // backtracks polynomially on long lines without a colon.
  let at = skipSpaces(line, 0)
  let mark = ''
  while (mark.length < 2 && (line[at] === '*' || line[at] === '_')) mark += line[at++]
  at = skipSpaces(line, at)
  if (line.slice(at, at + field.length).toLowerCase() !== field.toLowerCase()) return undefined
  at = skipSpaces(line, at + field.length)
  if (line[at] === ':') {
    at = skipSpaces(line, at + 1)
    if (!line.startsWith(mark, at)) return undefined
    at += mark.length
  } else if (mark !== '' && line.startsWith(mark, at)) {
    at = skipSpaces(line, at + mark.length)
    if (line[at] !== ':') return undefined
    at++
  } else {
    return undefined
  }
  let value = line.slice(at).trimEnd()
  // A hard line break (`Draft\`) is not part of the value.
  if (value.endsWith('\\')) value = value.slice(0, -1)
  return value.trim()
}

function skipSpaces(line: string, from: number): number {
  let at = from
  while (at < line.length && (line[at] === ' ' || line[at] === '\t')) at++
  return at
}

/** A status value as compared: the words before any note (`✅ Complete (see …)` → `complete`). */
export function statusKey(value: string): string {
  const words = value
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .split(/\s[([—–-]|[(;,.]/)[0] ?? ''
  return words.replace(/[*_`]/g, '').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** The phrase of a claim as a pattern over a unit key (see `unitKey`; `…` is any words). */
export function claimPattern(phrase: string): RegExp {
  const parts = phrase
    .split(/…|\.\.\./)
    .map((part) => part.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim())
    .filter((part) => part !== '')
  return new RegExp('(?:^| )' + parts.join(' (?:.+ )?') + '(?: |$)', 'u')
}
