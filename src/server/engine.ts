import {fileURLToPath} from 'node:url'
import {engine as unifiedEngine, type Callback, type Options} from 'unified-engine'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import remarkPlanLint from '../index.js'
import {explainMissingPlugins, planLintConfigTransform} from '../pipeline/config-plugins.js'
import {superseded} from './open-documents.js'
import {preParseScan} from '../pipeline/pre-parse.js'

/**
 * unified-engine as the language server runs it: unified-language-server
 * passes a fixed set of options, so the bundled server
 * (scripts/build-bins.mjs) routes its `unified-engine` import here to add
 * what `plan-lint` does too: `remark-plan-lint` in a configuration is the
 * running preset, a plugin that cannot be found is one clear diagnostic, and
 * a file that cannot be a plan is not parsed (src/pipeline/pre-parse.ts).
 * A document whose text was edited again since this lint was asked for is
 * left out: in a burst of edits only the newest version is linted (its
 * diagnostics, left empty, are not published: `./extend-connection.ts`).
 */
export function engine(options: Options, callback: Callback): undefined {
  // unified-language-server lints as each edit arrives, before it reads the next one:
  // wait one turn, so that the edits already received update the documents first.
  setImmediate(() => {
    // Formatting (`alwaysStringify`) answers a request: it always runs, and writes the whole tree out.
    const current = options.alwaysStringify ? (options.files ?? []) : (options.files ?? []).filter((file) => !isSuperseded(file))
    if (current.length === 0) {
      callback(undefined, 0)
      return
    }
    // Diagnostics need no tree of a file that cannot be a plan.
    const plugins = Array.isArray(options.plugins) && !options.alwaysStringify ? [...options.plugins, [preParseScan]] : options.plugins
    const settings: Options = {...options, files: current, configTransform: planLintConfigTransform(remarkPlanLint as Plugin<never[]>)}
    if (plugins) settings.plugins = plugins as Options['plugins']
    unifiedEngine(settings, (error, code, context) => {
      const files = current.filter((file): file is VFile => typeof file === 'object')
      const cwd = options.cwd instanceof URL ? fileURLToPath(options.cwd) : (options.cwd ?? process.cwd())
      explainMissingPlugins(files, cwd)
      callback(error, code, context)
    })
  })
  return undefined
}

/** A document of the editor’s (unified-language-server marks its files with their URI) whose text is no longer its newest. */
function isSuperseded(file: string | URL | VFile): boolean {
  if (typeof file !== 'object' || !('data' in file)) return false
  const uri = file.data['lspDocumentUri']
  return typeof uri === 'string' && superseded(uri, String(file.value))
}
