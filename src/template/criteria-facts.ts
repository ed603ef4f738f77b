import {headingKey} from './heading-text.js'

/**
 * What a template says about numbered acceptance criteria: where a document
 * defines them (front matter `criteria`) and where a document cites them
 * (front matter `references`). Kiro's requirements define `1.2` (criterion 2
 * of requirement 1) and its tasks cite `_Requirements: 1.2_`; a BMAD story
 * defines criteria `1`, `2`, … and its own tasks cite `(AC: 2)`.
 */

/** Front matter `criteria`, as written. */
export interface CriteriaData {
  requirement?: string | undefined
  section?: string[] | undefined
  story?: string[] | undefined
  form?: 'ears' | undefined
  label?: string | undefined
}

/** Front matter `references`, as written. */
export interface ReferencesData {
  criteria?: {file: string; template: string} | undefined
  cite: string[]
  coverage?: boolean | undefined
}

/** How a document defines its numbered criteria. */
export interface CriteriaFormat {
  /**
   * A heading whose first matching group numbers a requirement
   * (`Requirement 3: …`): its criteria are `3.1`, `3.2`, …. Without one the
   * criteria are numbered `1`, `2`, … in the document.
   */
  requirement: RegExp | undefined
  /** Heading keys of the sections (or bold labels) that hold the numbered list; empty: any ordered list. */
  sections: string[]
  /** Keys of the bold labels of a requirement's user story (`**User Story:**`); empty: none asked for. */
  story: string[]
  /** The labels as the template writes them, for messages. */
  storyLabel: string | undefined
  sectionLabel: string | undefined
  /** `ears`: every criterion says `SHALL` (rule `ears-criteria`). */
  form: 'ears' | undefined
  /**
   * The word that names a criterion before its number (`AC` in `### AC1: …`,
   * `**AC-2:**`, `1. **AC3:** …`, `| AC4 | … |`), as a regular expression
   * source: criteria so labelled are numbered by their label, and citations
   * may write the number with it (`(AC: AC1, AC2)`).
   */
  label: string | undefined
}

/** How a document cites criteria. */
export interface ReferenceFormat {
  /** The sibling file that defines the criteria and the template that describes it; `undefined`: this document, by its own template. */
  source: {file: string; template: string} | undefined
  /** Expressions whose first group holds the cited numbers (`_Requirements: 1.2, 3.1_`). */
  cite: RegExp[]
  /** Every criterion must be cited somewhere in the document. */
  coverage: boolean
}

export function buildCriteriaFormat(data: CriteriaData | undefined): CriteriaFormat | undefined {
  if (!data) return undefined
  return {
    requirement: data.requirement === undefined ? undefined : new RegExp(data.requirement, 'iu'),
    sections: (data.section ?? []).map((text) => headingKey(text)),
    story: (data.story ?? []).map((text) => labelKey(text)),
    storyLabel: data.story?.[0],
    sectionLabel: data.section?.[0],
    form: data.form,
    label: data.label
  }
}

export function buildReferenceFormat(data: ReferencesData | undefined): ReferenceFormat | undefined {
  if (!data) return undefined
  return {
    source: data.criteria,
    cite: data.cite.map((source) => new RegExp(source, 'giu')),
    coverage: data.coverage ?? false
  }
}

/** A bold label as compared: `**User Story:**` → `user story`. */
export function labelKey(text: string): string {
  return text
    .replace(/[:：]\s*$/u, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
}
