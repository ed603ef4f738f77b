import type {z} from 'zod'
import {OptionsError} from '../support/errors.js'
import {defaultLimits, type Limits} from '../markdown/input-guard.js'
import {lazySchema, zod, type ZodApi} from '../support/lazy.js'
import {ruleIds, type RuleId} from './rule-meta.js'
import {stageNames} from '../template/plan-state.js'
import {defaultStageSeverities, stageSeverity, type StageSeverities} from './stages.js'

/**
 * Options of the preset: one schema, validated before any file is checked.
 * A bad value names the option, the value and what is allowed.
 */

const severityExpected = '`"off"`, `"warn"`, `"error"`, `0`, `1`, `2`, a boolean, or `[severity, options]`'

/** A rule severity as remark-lint reads it; `error` says what is allowed where it is used. */
const severitySchema = (z: ZodApi, error: string) =>
  z.union([z.enum(['off', 'warn', 'error', 'on']), z.boolean(), z.literal([0, 1, 2])], {error})

const ruleSettingSchema = lazySchema((z) => {
  const severity = severitySchema(z, severityExpected)
  return z.union([severity, z.tuple([severity], z.unknown())], {error: severityExpected})
})

const ruleIdList = ruleIds.map((id) => '`' + id + '`').join(', ')

const stageSeverityExpected = '`"off"`, `"warn"`, `"error"`, `0`, `1`, `2` or a boolean'

/** `stages`: per stage, per rule, the severity for plans at that stage. */
const stagesSchema = (z: ZodApi) => {
  const severity = severitySchema(z, stageSeverityExpected)
  const perRule = z
    .partialRecord(z.enum(ruleIds as [RuleId, ...RuleId[]], {error: 'a rule id: ' + ruleIdList}), severity, {
      error: 'an object mapping rule ids to severities, such as `{"no-placeholders": "warn"}`'
    })
    .optional()
  return z
    .object(Object.fromEntries(stageNames.map((stage) => [stage, perRule])) as Record<(typeof stageNames)[number], typeof perRule>, {
      error: 'an object mapping stages (' + stageNames.map((stage) => '`' + stage + '`').join(', ') + ') to rule severities'
    })
    .strict()
}

const wholeNumber = (z: ZodApi, what: string) =>
  z.number({error: `a whole number of ${what}, 1 or more`}).int({error: `a whole number of ${what}, 1 or more`}).min(1, {error: `a whole number of ${what}, 1 or more`})

/** Per-file limits of the check that runs before the parser (`src/markdown/input-guard.ts`), or `false` for none. */
const limitsSchema = (z: ZodApi) => z.union(
  [
    z.literal(false),
    z
      .object(
        {
          bytes: wholeNumber(z, 'bytes'),
          lines: wholeNumber(z, 'lines'),
          nesting: wholeNumber(z, 'levels'),
          complexity: z.number({error: 'a number greater than 0'}).positive({error: 'a number greater than 0'})
        },
        {error: 'an object such as `{"bytes": 2000000}`'}
      )
      .partial()
      .strict()
  ],
  {error: '`false` or an object with `bytes`, `lines`, `nesting` or `complexity`'}
)

export const optionsSchema = lazySchema((z) => z
  .object({
    templates: z
      .array(z.string({error: 'a path to a Markdown template file'}), {
        error: 'an array of paths to Markdown template files'
      })
      .optional(),
    templateGlobs: z
      .record(z.string(), z.string({error: 'a template id'}), {
        error: 'an object mapping globs to template ids, such as `{"docs/rfcs/**": "rfc"}`'
      })
      .optional(),
    template: z.string({error: 'a template id or a path to a template file'}).optional(),
    requireTemplate: z.boolean({error: 'a boolean'}).optional(),
    limits: limitsSchema(z).optional(),
    stages: stagesSchema(z).optional(),
    rules: z
      .partialRecord(
        z.enum(ruleIds as [RuleId, ...RuleId[]], {error: 'a rule id: ' + ruleIdList}),
        ruleSettingSchema(),
        {error: 'an object mapping rule ids to severities'}
      )
      .optional()
  }, {error: 'an options object'})
  .strict())

export type Options = z.input<ReturnType<typeof optionsSchema>>
export type RuleSetting = z.infer<ReturnType<typeof ruleSettingSchema>>

export interface Settings {
  templates: string[]
  templateGlobs: Record<string, string>
  template: string | undefined
  requireTemplate: boolean
  /** `false`: no limits (the encoding check still runs). */
  limits: Limits | false
  rules: Partial<Record<RuleId, RuleSetting>>
  /** Per-stage rule severities: the defaults with the `stages` option over them. */
  stages: StageSeverities
}

export {OptionsError}

/** Validate options, or throw an `OptionsError` that says what to fix. */
export function parseOptions(options: unknown, prefix = ''): Settings {
  // No options: nothing to validate, so zod is not even loaded.
  if (isEmpty(options)) return settingsFrom({})
  const result = optionsSchema().safeParse(options)
  if (!result.success) throw new OptionsError(describeIssue(result.error.issues[0], options, prefix))
  return settingsFrom(result.data)
}

function isEmpty(options: unknown): boolean {
  return options === undefined || options === null || (Object.getPrototypeOf(options) === Object.prototype && Object.keys(options as object).length === 0)
}

function settingsFrom(data: z.output<ReturnType<typeof optionsSchema>>): Settings {
  return {
    templates: data.templates ?? [],
    templateGlobs: data.templateGlobs ?? {},
    template: data.template,
    requireTemplate: data.requireTemplate ?? false,
    limits: data.limits === false ? false : withDefaults(data.limits ?? {}),
    rules: data.rules ?? {},
    stages: mergeStages(data.stages ?? {})
  }
}

function mergeStages(given: Partial<Record<(typeof stageNames)[number], Partial<Record<RuleId, string | number | boolean>> | undefined>>): StageSeverities {
  const result = {} as StageSeverities
  for (const stage of stageNames) {
    const own = Object.entries(given[stage] ?? {}).map(([ruleId, value]) => [ruleId, stageSeverity(value!)] as const)
    result[stage] = {...defaultStageSeverities[stage], ...Object.fromEntries(own)}
  }
  return result
}

function withDefaults(limits: Partial<Record<keyof Limits, number | undefined>>): Limits {
  return {
    bytes: limits.bytes ?? defaultLimits.bytes,
    lines: limits.lines ?? defaultLimits.lines,
    nesting: limits.nesting ?? defaultLimits.nesting,
    complexity: limits.complexity ?? defaultLimits.complexity
  }
}

/**
 * Validate a rule’s own options with its schema.
 * @param where option path for messages, such as `rules.no-placeholders[1]`
 */
export function parseRuleOptions<Schema extends z.ZodType>(
  schema: () => Schema,
  options: unknown,
  where: string
): z.infer<Schema> {
  const result = schema().safeParse(options ?? {})
  if (!result.success) throw new OptionsError(describeIssue(result.error.issues[0], options ?? {}, where, schema()))
  return result.data
}

/**
 * A rule’s options read once per options object: validated (the preset has
 * done so already; a rule used on its own does it here) and compiled.
 * @param none what no options mean (no validation, so no zod either)
 */
export function ruleSettings<Schema extends z.ZodType, Settings>(
  schema: () => Schema,
  where: string,
  compile: (options: z.infer<Schema>) => Settings,
  none: Settings
): (options: unknown) => Settings {
  const cache = new WeakMap<object, Settings>()
  return (options) => {
    if (options === undefined || options === null) return none
    if (typeof options !== 'object') return compile(parseRuleOptions(schema, options, where))
    let settings = cache.get(options)
    if (settings === undefined) {
      settings = compile(parseRuleOptions(schema, options, where))
      cache.set(options, settings)
    }
    return settings
  }
}

function describeIssue(
  issue: z.core.$ZodIssue | undefined,
  input: unknown,
  prefix: string,
  schema: z.ZodType = optionsSchema()
): string {
  if (!issue) return 'Unexpected options'
  if (issue.code === 'invalid_union') {
    // An object for a union of `false` and an object: say what is wrong inside it.
    const value = valueAt(input, issue.path)
    const inner = value && typeof value === 'object' && !Array.isArray(value)
      ? issue.errors.flat().find((item) => item.path.length > 0 || item.code === 'unrecognized_keys')
      : undefined
    if (inner) return describeIssue({...inner, path: [...issue.path, ...inner.path]} as z.core.$ZodIssue, input, prefix, schema)
  }
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    const where = joinPath(prefix, [...issue.path, key])
    const parent = valueAt(input, issue.path)
    const known = parent && typeof parent === 'object' ? knownKeys(issue, schema) : ''
    return `Unexpected unknown option \`${where}\`${known}`
  }
  const where = joinPath(prefix, issue.path)
  const value = valueAt(input, issue.path)
  return `Unexpected value ${show(value)} for option \`${where || 'options'}\`, expected ${issue.message}`
}

/** The keys allowed where an unknown one was found: the schema’s own, or the rule ids. */
function knownKeys(issue: z.core.$ZodIssue, schema: z.ZodType): string {
  const path = issue.path.join('.')
  if (schema === optionsSchema() && (path === 'rules' || /^stages\.[a-z]+$/.test(path))) return ', expected a rule id: ' + ruleIdList
  const object = objectAt(schema, issue.path)
  if (object) return ', expected one of ' + Object.keys(object.shape).map((key) => '`' + key + '`').join(', ')
  return ''
}

/** The object schema at a path, through optional values and unions. */
function objectAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodObject | undefined {
  const {ZodObject, ZodOptional, ZodUnion} = zod()
  let current: z.ZodType | undefined = schema
  for (let index = 0; index <= path.length && current; index++) {
    while (current instanceof ZodOptional || current instanceof ZodUnion) {
      current =
        current instanceof ZodOptional
          ? (current.unwrap() as z.ZodType)
          : (current.options as z.ZodType[]).find((option) => option instanceof ZodObject)
    }
    if (!(current instanceof ZodObject)) return undefined
    if (index === path.length) return current
    current = current.shape[String(path[index])] as z.ZodType | undefined
  }
  return undefined
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let result = prefix
  for (const part of path) {
    result += typeof part === 'number' ? `[${part}]` : (result ? '.' : '') + String(part)
  }
  return result
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[part]
  }
  return current
}

function show(value: unknown): string {
  if (value === undefined) return '`undefined`'
  if (typeof value === 'function') return 'a function'
  try {
    const text = JSON.stringify(value)
    return '`' + (text.length > 60 ? text.slice(0, 57) + '…' : text) + '`'
  } catch {
    return '`' + String(value) + '`'
  }
}
