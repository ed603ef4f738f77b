import markdownExtensions from 'markdown-extensions'
import {remark} from 'remark'
import type {Plugin} from 'unified'
import {engine} from 'unified-engine'
import type {VFile} from 'vfile'
import remarkPlanLint, {type Options} from '../index.js'
import {explainMissingPlugins, planLintConfigTransform} from '../pipeline/config-plugins.js'
import {preParseScan} from '../pipeline/pre-parse.js'
import {engineFinding} from './engine-settings.js'
import {UsageError} from './io.js'
import {optionsMistake} from './results.js'

/**
 * Run files through unified-engine exactly as `remark` does (same config
 * discovery in `.remarkrc*` and `package.json` `remarkConfig`, same
 * `.remarkignore`, same plugin resolution), with plan-lint always on.
 */
export interface EngineRun {
  /** A failure of the run itself (unreadable config, bad glob). */
  error: Error | undefined
  /** Files the user asked for, with their messages. */
  files: VFile[]
}

export function runEngine(files: Array<string | VFile>, options: Options, cwd: string): Promise<EngineRun> {
  return new Promise((resolve) => {
    engine(
      {
        processor: remark,
        // Nothing is written out: files that cannot be plans need no parse.
        plugins: [[remarkPlanLint as Plugin<unknown[]>, options], [preParseScan]],
        files,
        cwd,
        extensions: markdownExtensions,
        ...engineFinding,
        // `remark-plan-lint` named in a config is this preset, wherever it is installed.
        configTransform: planLintConfigTransform(remarkPlanLint as Plugin<never[]>),
        out: false,
        output: false,
        // The CLI prints its own report, in the format asked for.
        reporter: () => '',
        color: false
      },
      (error, _code, context) => {
        const given = (context?.files ?? []).filter(
          (file) => file.data.unifiedEngineGiven && !file.data.unifiedEngineIgnored
        )
        explainMissingPlugins(given, cwd)
        resolve({error: error ?? undefined, files: given})
      }
    )
  })
}

/**
 * Run the engine for a command that needs every file checked: a failure of
 * the run, or a mistake in the options or templates, is a `UsageError`.
 */
export async function runEngineStrict(files: Array<string | VFile>, options: Options, cwd: string): Promise<VFile[]> {
  const {error, files: ran} = await runEngine(files, options, cwd)
  if (error) throw new UsageError(error.message)
  const mistake = optionsMistake(ran)
  if (mistake) throw new UsageError(mistake)
  return ran
}

export {optionsMistake}
