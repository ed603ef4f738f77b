import type {Processor} from 'unified'

/**
 * The pre-parse scan (`mayBePlan` in `src/views/plan-scan.ts`): a file that
 * cannot be a plan is not parsed; it gets an empty tree, so no finding, as
 * a parsed one would. Only the binaries turn it on, with `preParseScan` in
 * their engine's plugins, where nothing is written out from the tree; and
 * it holds only while every plugin of the processor is the preset's own
 * (another plugin's findings or output need the real tree).
 * `PLAN_LINT_PRE_PARSE=0` turns it off (tests compare the reports with and
 * without it; docs/performance.md).
 */

declare module 'unified' {
  interface Data {
    /** Set by `preParseScan`. */
    planLintPreParse?: boolean
  }
}

export function preParseScan(this: Processor): undefined {
  if (process.env.PLAN_LINT_PRE_PARSE !== '0') this.data('planLintPreParse', true)
}

/** remark's own parser and compiler, whichever copy of remark the processor comes from (a workspace's own, in the language server). */
const baseNames = new Set(['remarkParse', 'remarkStringify'])

/**
 * Whether the processor skips the parse of files that cannot be plans:
 * asked at parse time, when its plugins are all attached.
 * @param own the preset and the plugins it attached
 */
export function skipsNonPlans(processor: Processor, own: ReadonlySet<unknown>): boolean {
  return (
    processor.data('planLintPreParse') === true &&
    processor.attachers.every(([plugin]) => own.has(plugin) || plugin === preParseScan || baseNames.has(plugin.name))
  )
}
