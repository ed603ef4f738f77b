import type {z} from 'zod'
import {headingKey} from './heading-text.js'

/**
 * When a required section is required: front matter `since` (the date from
 * which the template has had a section as it has it now, and where a plan
 * keeps the date it was written) and `requiredWith` (a section required only
 * in a plan that has one of the named ones). Both come from a template’s
 * history: a KEP written in 2019 followed a template that marked
 * `Drawbacks` `[optional]`; a Rust RFC written after 2017 whose design part
 * is neither a guide-level nor a reference-level explanation (a team’s
 * charter, `## Practicalities`) has its design under a name of its own.
 */

/** Front matter `since`, as written. */
export interface SinceData {
  /** The plan’s date: this key of its front matter, of `file` beside it, or a `Field: value` line above its first section. */
  field: string
  /** A file beside the plan that holds the date (`kep.yaml`), as for `status.file`. */
  file?: string | undefined
  /** Heading (as in the template) → the date (`YYYY-MM-DD`) the template got it. */
  sections?: Record<string, string> | undefined
  /** Heading → the date from which the template requires a section it had as optional before (`[optional]` until then). */
  required?: Record<string, string> | undefined
}

/** Where a plan keeps the date it was written (front matter `since`). */
export interface PlanDateSource {
  field: string
  file: string | undefined
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/

export function sectionConditionsSchemaShape(zod: typeof z) {
  return {
    since: zod
      .object({
        field: zod.string().trim().min(1),
        file: zod.string().trim().min(1).optional(),
        sections: zod.record(zod.string(), zod.string().regex(isoDate, 'expected a date `YYYY-MM-DD`')).optional(),
        required: zod.record(zod.string(), zod.string().regex(isoDate, 'expected a date `YYYY-MM-DD`')).optional()
      })
      .strict()
      .optional(),
    requiredWith: zod.record(zod.string(), zod.array(zod.string().trim().min(1)).min(1)).optional()
  }
}

/** The date (`YYYY-MM-DD`) a value of a plan’s date field holds, if it starts with one (`2019-11-17`, a YAML date). */
export function dateOf(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10)
  if (typeof value !== 'string') return undefined
  const match = /^\s*(\d{4}-\d{2}-\d{2})\b/.exec(value)
  return match ? match[1] : undefined
}

/** Heading keys of front matter `since.sections` or `since.required` → dates. */
export function sinceByKey(data: Record<string, string> | undefined): Map<string, string> {
  return new Map(Object.entries(data ?? {}).map(([text, date]) => [headingKey(text), date]))
}
