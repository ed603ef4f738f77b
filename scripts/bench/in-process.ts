import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {frontmatterFromMarkdown} from 'mdast-util-frontmatter'
import {gfmFromMarkdown} from 'mdast-util-gfm'
import {frontmatter} from 'micromark-extension-frontmatter'
import {gfm} from 'micromark-extension-gfm'
import * as micromarkPinned from 'micromark'
import * as micromarkNewer from 'micromark-4.0.3'
import {remark} from 'remark'
import type {Plugin} from 'unified'
import {VFile} from 'vfile'
import {median} from './measure.js'

/**
 * In-process timings: the parse floor (mdast-util-from-markdown with the
 * extensions the preset uses) against parse plus the whole preset.
 */

export function parseOnly(value: string): unknown {
  return fromMarkdown(value, {
    extensions: [gfm(), frontmatter(['yaml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])]
  })
}

/** One document through the preset: its file, and the time of its parse and of its rules. */
export interface PresetRun {
  file: VFile
  parseMs: number
  rulesMs: number
}

export async function presetRunner(presetModule: string): Promise<(value: string) => Promise<PresetRun>> {
  const preset = (await import(presetModule)) as {default: Plugin<[unknown?]>}
  const processor = remark().use(preset.default).freeze()
  return async (value) => {
    const file = new VFile({value, path: 'plan.md'})
    const start = performance.now()
    const tree = processor.parse(file)
    const parsed = performance.now()
    await processor.run(tree, file)
    return {file, parseMs: parsed - start, rulesMs: performance.now() - parsed}
  }
}

export interface FloorTimes {
  /** The floor: mdast-util-from-markdown with the same extensions. */
  parse: number
  /** Parse and rules through the preset. */
  full: number
  /** Of `full`: the rules (everything after the parse), measured inside the same runs. */
  rules: number
}

// Collect the previous round's garbage first, so one side does not pay for the other.
const collect = (): void => (globalThis as {gc?: () => void}).gc?.()

/** Medians over rounds; each round parses every document, then lints every one (order alternating). */
export async function floorVersusPreset(documents: string[], lint: (value: string) => Promise<PresetRun>, rounds: number): Promise<FloorTimes> {
  const parse: number[] = []
  const full: number[] = []
  const rules: number[] = []
  const timeParse = (): void => {
    collect()
    const start = performance.now()
    for (const value of documents) parseOnly(value)
    parse.push(performance.now() - start)
  }
  const timeFull = async (): Promise<void> => {
    collect()
    let rulesMs = 0
    const start = performance.now()
    for (const value of documents) rulesMs += (await lint(value)).rulesMs
    full.push(performance.now() - start)
    rules.push(rulesMs)
  }
  // Warm both paths once.
  timeParse()
  await timeFull()
  parse.length = 0
  full.length = 0
  rules.length = 0
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      timeParse()
      await timeFull()
    } else {
      await timeFull()
      timeParse()
    }
  }
  return {parse: median(parse), full: median(full), rules: median(rules)}
}

type Micromark = typeof micromarkPinned

function tokenize(micromark: Micromark, value: string): void {
  micromark.postprocess(micromark.parse({extensions: [gfm(), frontmatter(['yaml'])]}).document().write(micromark.preprocess()(value, undefined, true)))
}

/** micromark's tokenizer alone, 4.0.2 (the pin) against 4.0.3, on one document: medians. */
export function micromarkVersions(value: string, rounds: number): {pinned: number; newer: number} {
  const pinned: number[] = []
  const newer: number[] = []
  tokenize(micromarkPinned, value)
  tokenize(micromarkNewer as unknown as Micromark, value)
  for (let round = 0; round < rounds; round++) {
    let start = performance.now()
    tokenize(micromarkPinned, value)
    pinned.push(performance.now() - start)
    start = performance.now()
    tokenize(micromarkNewer as unknown as Micromark, value)
    newer.push(performance.now() - start)
  }
  return {pinned: median(pinned), newer: median(newer)}
}

/** Version of the `micromark` that `mdast-util-from-markdown` (so remark) loads from `root`. */
export function parserMicromarkVersion(root: string): string {
  const require = createRequire(path.join(root, 'package.json'))
  let directory = path.dirname(require.resolve('mdast-util-from-markdown'))
  for (;;) {
    const candidate = path.join(directory, 'node_modules', 'micromark', 'package.json')
    if (existsSync(candidate)) return (JSON.parse(readFileSync(candidate, 'utf8')) as {version: string}).version
    const parent = path.dirname(directory)
    if (parent === directory) return 'not found'
    directory = parent
  }
}
