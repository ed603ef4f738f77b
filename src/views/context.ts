import type {VFile} from 'vfile'
import {defaultRegistry, type TemplateRegistry} from '../template/registry.js'
import type {Template} from '../template/template.js'
import type {Root} from 'mdast'
import type {VFileMessage} from 'vfile-message'

/** What the preset hands to its rules through `file.data`. */
export interface PlanContext {
  registry: TemplateRegistry
  templateGlobs: Record<string, string>
  /** Template every file is checked against (`template` option), if set. */
  forced: Template | undefined
  requireTemplate: boolean
  /**
   * Findings of another rule on this plan, for `checked-claims` (set by the
   * preset; `undefined` for a rule that is off or when a rule runs on its own).
   */
  findingsOf?: ((ruleId: string, tree: Root, file: VFile) => VFileMessage[] | undefined) | undefined
}

declare module 'vfile' {
  interface DataMap {
    planLint: PlanContext
    /** Which template the plan follows, recorded by the preset after its rules. */
    planLintTemplate: {id: string | undefined; via: string | undefined; coverage: number; reason?: string}
    /** Where the plan stands (its status as written and its stage), recorded with `planLintTemplate`. */
    planLintStatus: {value: string | undefined; stage: string}
    /** Absolute paths of the user template files the preset read: a cached result is valid only while they are unchanged. */
    planLintDependencies: string[]
  }
}

let fallback: PlanContext | undefined

/** The run’s context, or the built-in defaults when a rule is used on its own. */
export function contextOf(file: VFile): PlanContext {
  const context = file.data.planLint
  if (context) return context
  fallback ??= {registry: defaultRegistry(), templateGlobs: {}, forced: undefined, requireTemplate: false}
  return fallback
}
