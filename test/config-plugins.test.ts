import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import remarkPlanLint from '../src/index.js'
import {explainMissingPlugins, planLintConfigTransform} from '../src/pipeline/config-plugins.js'

/**
 * The configuration hook both binaries give unified-engine (the installed
 * binaries are tested end to end in test/global-install.test.ts).
 */
describe('planLintConfigTransform', () => {
  const running = function runningPreset() {}
  const transform = planLintConfigTransform(running as never)
  const options = {rules: {'no-placeholders': 'warn'}}

  it('makes `plan-lint` and `remark-plan-lint` the running preset, with their options, in lists and maps', () => {
    expect(transform({plugins: ['remark-plan-lint', ['plan-lint', options], 'remark-gfm'], settings: {bullet: '-'}}, '/p/.remarkrc.json')).toEqual({
      plugins: [running, [running, options], 'remark-gfm'],
      settings: {bullet: '-'}
    })
    expect(transform({plugins: {'remark-plan-lint': options, 'remark-gfm': null}}, '/p/package.json')).toEqual({
      plugins: [
        [running, options],
        ['remark-gfm', null]
      ]
    })
  })

  it('makes a copy of the preset (imported by a .remarkrc.js) the running one, so it is attached once', () => {
    expect(transform({plugins: [[remarkPlanLint, options]]}, '/p/.remarkrc.js')).toEqual({plugins: [[running, options]]})
  })

  it('leaves anything else to the engine', () => {
    expect(transform({settings: {}}, '/p/.remarkrc')).toEqual({settings: {}})
    expect(transform('nonsense', '/p/.remarkrc')).toBe('nonsense')
  })

  it('names the plugin that cannot be found and the file naming it, with a ConfigError and no stack', () => {
    transform({plugins: ['remark-missing-for-test']}, '/p/docs/.remarkrc.yml')
    const file = new VFile({path: 'plan.md', cwd: '/p'})
    const message = file.message('Cannot process file', {cause: new Error('Cannot find module `remark-missing-for-test`')})
    message.fatal = true
    explainMissingPlugins([file], '/p')
    const text = 'Cannot find plugin `remark-missing-for-test` named in `docs/.remarkrc.yml`, expected it installed where that file can load it (or removed from it)'
    expect(message.reason).toBe(text)
    expect(message.cause).toMatchObject({name: 'ConfigError', message: text})
    expect('stack' in (message.cause as object)).toBe(false)
  })
})
