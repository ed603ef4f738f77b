import type {ZodApi} from '../support/lazy.js'

/**
 * What a template says about requirement blocks (front matter
 * `requirements`), as OpenSpec writes them: a `### Requirement: <name>`
 * heading, its text with a normative keyword (`SHALL`, `MUST`), and its
 * scenarios as `#### Scenario: <name>` headings; in a delta, the sections of
 * each operation (added, modified, removed, renamed) and the proposal whose
 * capability lists the delta must agree with.
 */

export interface RequirementFacts {
  /** Text a requirement heading starts with (`Requirement:`). */
  heading: string
  /** Text a scenario heading starts with (`Scenario:`). */
  scenario: string
  /** Words a requirement’s text must hold one of (whole words, case as written). */
  keywords: string[]
  /** H2 sections whose requirements have text and scenarios (`Requirements`; in a delta, its added and modified sections). */
  sections: string[]
  deltas: DeltaFacts | undefined
  capabilities: CapabilityFacts | undefined
}

export interface DeltaFacts {
  added: string
  modified: string
  removed: string
  renamed: string
}

/**
 * The change document beside the delta’s `specs/` folder (`proposal.md`)
 * and its sections that list new and modified capabilities.
 */
export interface CapabilityFacts {
  file: string
  new: string
  modified: string
}

export interface RequirementFactsData {
  heading: string
  scenario: string
  keywords: string[]
  sections?: string[] | undefined
  deltas?: DeltaFacts | undefined
  capabilities?: CapabilityFacts | undefined
}

/** The front matter key, for the template schema. */
export function requirementsSchemaShape(z: ZodApi) {
  return {
    requirements: z
      .object({
        heading: z.string().trim().min(1),
        scenario: z.string().trim().min(1),
        keywords: z.array(z.string().trim().min(1)).min(1),
        sections: z.array(z.string().trim().min(1)).optional(),
        deltas: z
          .object({added: z.string().min(1), modified: z.string().min(1), removed: z.string().min(1), renamed: z.string().min(1)})
          .strict()
          .optional(),
        capabilities: z.object({file: z.string().min(1), new: z.string().min(1), modified: z.string().min(1)}).strict().optional()
      })
      .strict()
      .optional()
  }
}

/** The facts from their data: a delta’s requirement sections are its added and modified ones. */
export function requirementFacts(data: RequirementFactsData | undefined): RequirementFacts | undefined {
  if (!data) return undefined
  const sections = data.sections ?? (data.deltas ? [data.deltas.added, data.deltas.modified] : [])
  return {
    heading: data.heading,
    scenario: data.scenario,
    keywords: data.keywords,
    sections,
    deltas: data.deltas,
    capabilities: data.capabilities
  }
}
