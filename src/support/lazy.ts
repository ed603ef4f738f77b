import {createRequire} from 'node:module'
import type * as Zod from 'zod'
import type * as Yaml from 'yaml'

/**
 * Libraries loaded on first use, synchronously (a unified attacher cannot
 * wait). Loading zod costs about a sixth of a second and yaml a tenth: a
 * run without options or front matter (the pre-commit case, `remark --use
 * plan-lint`) needs neither.
 */

const require = createRequire(import.meta.url)

export type ZodApi = typeof Zod.z

let zodApi: ZodApi | undefined
let yamlApi: typeof Yaml | undefined

export function zod(): ZodApi {
  return (zodApi ??= (require('zod') as typeof Zod).z)
}

export function yaml(): typeof Yaml {
  return (yamlApi ??= require('yaml') as typeof Yaml)
}

/** A schema built on first use. */
export function lazySchema<Schema>(build: (z: ZodApi) => Schema): () => Schema {
  let schema: Schema | undefined
  return () => (schema ??= build(zod()))
}
