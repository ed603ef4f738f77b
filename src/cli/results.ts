import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {PlanFix} from '../pipeline/fixes.js'

/**
 * A linted file as plain data: what the reports need (path and messages),
 * without its text or tree, so a file is released as soon as it is linted
 * and can cross from a worker thread.
 */
export interface FileResult {
  path: string
  cwd: string
  messages: MessageResult[]
  /** Absolute paths of other files the result depends on (user templates), for `--cache`. */
  dependencies?: string[]
  /** Which template the plan follows and the share of its required sections found (`plan-lint which`), for the HTML report. */
  template?: {id: string | undefined; coverage: number}
  /** The plan's status as written, when it has one (`file.data.planLintStatus`); shown by the HTML report. */
  status?: string
  /** What `--fix` or `--fix-dry-run` did with the file (absent: nothing to fix). */
  fixed?: FixOutcome
}

/** The result of fixing one file. */
export interface FixOutcome {
  /** `written`: fixed in place; `dry-run`: would be; `refused`: not written (see `problem`). */
  status: 'written' | 'dry-run' | 'refused'
  /** Unified diff of the fixed file against the file as read. */
  diff: string
  /** sha1 of the bytes written, for `--cache`. */
  hash?: string
  problem?: string
}

export interface MessageResult {
  reason: string
  place: VFileMessage['place']
  ruleId: string | undefined
  source: string | undefined
  url: string | undefined
  expected: string[] | undefined
  actual: string | undefined
  note: string | undefined
  fatal: boolean | null | undefined
  stack: string | null | undefined
  cause: CauseResult | undefined
  fix?: PlanFix
  suggestions?: PlanFix[]
}

export interface CauseResult {
  name: string
  message: string
  stack: string | undefined
  cause: CauseResult | undefined
}

export function toFileResult(file: VFile): FileResult {
  return {
    path: file.path,
    cwd: file.cwd,
    messages: file.messages.map((message) => ({
      reason: message.reason,
      place: message.place,
      ruleId: message.ruleId,
      source: message.source,
      url: message.url,
      expected: message.expected,
      actual: message.actual,
      note: message.note,
      fatal: message.fatal,
      stack: message.stack,
      cause: toCauseResult(message.cause),
      ...(message.fix ? {fix: message.fix} : {}),
      ...(message.suggestions ? {suggestions: message.suggestions} : {})
    })),
    ...(file.data.planLintDependencies ? {dependencies: [...file.data.planLintDependencies]} : {}),
    ...(file.data.planLintTemplate
      ? {template: {id: file.data.planLintTemplate.id, coverage: file.data.planLintTemplate.coverage}}
      : {}),
    ...statusOf(file)
  }
}

/** The plan's status as written (`Draft`), as the preset records it; none for a plan without one. */
function statusOf(file: VFile): {status?: string} {
  const value = file.data.planLintStatus?.value
  return value === undefined ? {} : {status: value}
}

export function toCauseResult(cause: unknown, depth = 0): CauseResult | undefined {
  if (cause === undefined || cause === null || depth > 8) return undefined
  if (typeof cause !== 'object') return {name: 'Error', message: String(cause), stack: undefined, cause: undefined}
  const error = cause as {name?: unknown; message?: unknown; stack?: unknown; cause?: unknown}
  return {
    name: typeof error.name === 'string' ? error.name : 'Error',
    message: typeof error.message === 'string' ? error.message : String(cause),
    stack: typeof error.stack === 'string' ? error.stack : undefined,
    cause: toCauseResult(error.cause, depth + 1)
  }
}

/** An `Error` again, with its name (`OptionsError`) and stack, for reports and `optionsMistake`. */
export function fromCauseResult(cause: CauseResult | undefined): Error | undefined {
  if (!cause) return undefined
  const error = new Error(cause.message)
  error.name = cause.name
  error.stack = cause.stack ?? ''
  const inner = fromCauseResult(cause.cause)
  if (inner) error.cause = inner
  return error
}

/** The file as the reports read it: a `VFile` without a value. */
export function fromFileResult(result: FileResult): VFile {
  const file = new VFile({path: result.path, cwd: result.cwd})
  // Detection and status ride along without a second parse; `via` is not kept.
  if (result.template) file.data.planLintTemplate = {...result.template, via: undefined}
  if (result.status !== undefined) file.data.planLintStatus = {value: result.status, stage: ''}
  for (const item of result.messages) {
    const cause = fromCauseResult(item.cause)
    const message = file.message(item.reason, {
      ...(item.place ? {place: item.place} : {}),
      ...(item.ruleId ? {ruleId: item.ruleId} : {}),
      ...(item.source ? {source: item.source} : {}),
      ...(cause ? {cause} : {})
    })
    message.fatal = item.fatal
    message.stack = item.stack ?? ''
    if (item.url !== undefined) message.url = item.url
    if (item.expected !== undefined) message.expected = item.expected
    if (item.actual !== undefined) message.actual = item.actual
    if (item.note !== undefined) message.note = item.note
    if (item.fix !== undefined) message.fix = item.fix
    if (item.suggestions !== undefined) message.suggestions = item.suggestions
  }
  if (result.fixed) file.data.planLintFixed = result.fixed
  return file
}

declare module 'vfile' {
  interface DataMap {
    /** What `--fix` did with the file, for the report. */
    planLintFixed: FixOutcome
  }
}

/** A message that reports a mistake in options or templates (exit code 2). */
export function optionsMistake(files: VFile[]): string | undefined {
  for (const file of files) {
    for (const message of file.messages) {
      const cause = message.cause
      if (cause instanceof Error && (cause.name === 'OptionsError' || cause.name === 'TemplateError' || cause.name === 'ConfigError')) {
        return cause.message
      }
    }
  }
  return undefined
}
