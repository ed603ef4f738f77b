import {fileURLToPath} from 'node:url'
import {engine as unifiedEngine, type Callback, type Options} from 'unified-engine'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import remarkPlanLint from '../index.js'
import {explainMissingPlugins, planLintConfigTransform} from '../pipeline/config-plugins.js'

/**
 * unified-engine as the language server runs it: unified-language-server
 * passes a fixed set of options, so the bundled server
 * (scripts/build-bins.mjs) routes its `unified-engine` import here to add
 * what `plan-lint` does too: `remark-plan-lint` in a configuration is the
 * running preset, and a plugin that cannot be found is one clear diagnostic.
 */
export function engine(options: Options, callback: Callback): undefined {
  unifiedEngine({...options, configTransform: planLintConfigTransform(remarkPlanLint as Plugin<never[]>)}, (error, code, context) => {
    const files = (options.files ?? []).filter((file): file is VFile => typeof file === 'object')
    const cwd = options.cwd instanceof URL ? fileURLToPath(options.cwd) : (options.cwd ?? process.cwd())
    explainMissingPlugins(files, cwd)
    callback(error, code, context)
  })
  return undefined
}
