import {fileURLToPath} from 'node:url'
import {engine as unifiedEngine, type Callback, type Options} from 'unified-engine'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import remarkPlanLint from '../index.js'
import {explainMissingPlugins, planLintConfigTransform} from '../pipeline/config-plugins.js'
import {preParseScan} from '../pipeline/pre-parse.js'

/**
 * unified-engine as the language server runs it: unified-language-server
 * passes a fixed set of options, so the bundled server
 * (scripts/build-bins.mjs) routes its `unified-engine` import here to add
 * what `plan-lint` does too: `remark-plan-lint` in a configuration is the
 * running preset, a plugin that cannot be found is one clear diagnostic, and
 * a file that cannot be a plan is not parsed (src/pipeline/pre-parse.ts).
 */
export function engine(options: Options, callback: Callback): undefined {
  // Diagnostics need no tree of a file that cannot be a plan; formatting (`alwaysStringify`) writes the tree out.
  const plugins = Array.isArray(options.plugins) && !options.alwaysStringify ? [...options.plugins, [preParseScan]] : options.plugins
  const settings: Options = {...options, configTransform: planLintConfigTransform(remarkPlanLint as Plugin<never[]>)}
  if (plugins) settings.plugins = plugins as Options['plugins']
  unifiedEngine(settings, (error, code, context) => {
    const files = (options.files ?? []).filter((file): file is VFile => typeof file === 'object')
    const cwd = options.cwd instanceof URL ? fileURLToPath(options.cwd) : (options.cwd ?? process.cwd())
    explainMissingPlugins(files, cwd)
    callback(error, code, context)
  })
  return undefined
}
