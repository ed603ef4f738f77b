import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'

/**
 * The benchmark's corpus: realistic plans of every template, built from the
 * complete fixture plans and the templates themselves, each broken a few
 * ways (a section dropped or renamed, a placeholder, a near-miss checkbox, an
 * emptied cell), cut to different lengths, plus notes that follow no
 * template. Seeded: the same corpus on every run.
 */

export interface Sources {
  plans: string[]
  templates: string[]
}

export function readSources(root: string): Sources {
  const plans: string[] = []
  const planRoot = path.join(root, 'fixtures', 'plans')
  for (const template of readdirSync(planRoot).sort()) {
    for (const name of readdirSync(path.join(planRoot, template)).sort()) {
      plans.push(readFileSync(path.join(planRoot, template, name), 'utf8'))
    }
  }
  const templateRoot = path.join(root, 'templates')
  const templates = readdirSync(templateRoot)
    .filter((name) => name.endsWith('.md'))
    .sort()
    // A plan started from a template copies its body: the front matter is plan-lint's own metadata.
    .map((name) => readFileSync(path.join(templateRoot, name), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
  return {plans, templates}
}

/** A small seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

interface Section {
  heading: string
  lines: string[]
}

/** Split a document into its preamble and its `## ` sections. */
function splitSections(value: string): {head: string[]; sections: Section[]} {
  const head: string[] = []
  const sections: Section[] = []
  let inFence = false
  for (const line of value.split('\n')) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence
    if (!inFence && line.startsWith('## ')) sections.push({heading: line, lines: []})
    else if (sections.length > 0) sections.at(-1)!.lines.push(line)
    else head.push(line)
  }
  return {head, sections}
}

function join(head: string[], sections: Section[]): string {
  return [...head, ...sections.flatMap((section) => [section.heading, ...section.lines])].join('\n')
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)]!

/** One plan: a source, cut and broken by the generator. */
function generatePlan(next: () => number, sources: Sources): string {
  const fromTemplate = next() < 0.15
  const source = fromTemplate ? pick(next, sources.templates) : pick(next, sources.plans)
  const {head, sections} = splitSections(source)
  // Cut: keep 40–100 % of the sections (a plan being written).
  const keep = Math.max(2, Math.round(sections.length * (0.4 + 0.6 * next())))
  let kept = sections.slice(0, keep)
  const defects = Math.floor(next() * 4)
  for (let count = 0; count < defects; count++) {
    const kind = Math.floor(next() * 6)
    // A small source (an OpenSpec task list) may have lost every section already.
    if (kept.length === 0) break
    const section = pick(next, kept)
    switch (kind) {
      case 0: // a section dropped
        kept = kept.filter((item) => item !== section)
        break
      case 1: // a heading renamed with a typo
        section.heading = section.heading.replace(/[aeiou](?=[a-z]*$)/, 'x')
        break
      case 2: // a placeholder left
        section.lines.splice(Math.min(1, section.lines.length), 0, '', 'Owner: TBD, due [date].', '')
        break
      case 3: // a near-miss checkbox
        section.lines.push('', '- [] Confirm the rollout with support', '-[ ] Update the runbook', '')
        break
      case 4: // an emptied table cell
        section.lines = section.lines.map((line) => (line.startsWith('|') && !line.includes('---') && next() < 0.3 ? line.replace(/\|[^|]+\|$/, '| |') : line))
        break
      default: // two sections swapped
        if (kept.length > 3) {
          const index = kept.indexOf(section)
          const other = (index + 1) % kept.length
          ;[kept[index], kept[other]] = [kept[other]!, kept[index]!]
        }
    }
  }
  return join(head, kept).trimEnd() + '\n'
}

/** Notes that follow no template: sections of plans under other headings. */
function generateNote(next: () => number, sources: Sources): string {
  const {sections} = splitSections(pick(next, sources.plans))
  const topics = ['Meeting notes', 'Background', 'Glossary', 'Links', 'Retro', 'Ideas', 'FAQ', 'Changelog']
  const chosen = Array.from({length: 2 + Math.floor(next() * 4)}, () => pick(next, sections))
  return [
    `# ${pick(next, ['Team notes', 'Onboarding', 'Architecture notes', 'Weekly sync'])}`,
    '',
    ...chosen.flatMap((section) => ['## ' + pick(next, topics), ...section.lines.filter((line) => !line.startsWith('#'))])
  ].join('\n')
}

/** `count` documents; about one in ten follows no template. */
export function generateCorpus(count: number, sources: Sources, seed = 6): string[] {
  const next = random(seed)
  return Array.from({length: count}, () => (next() < 0.1 ? generateNote(next, sources) : generatePlan(next, sources)))
}

/**
 * One large plan of at least `lines` lines: a complete implementation plan
 * whose deployment section grows rollout steps (as a long-running plan
 * does), with a few defects, so that every rule has work on it.
 */
export function generateLargePlan(lines: number, sources: Sources, seed = 7): string {
  const next = random(seed)
  const base = sources.plans.find((plan) => plan.startsWith('# Implementation Plan')) ?? sources.plans[0]!
  const {head, sections} = splitSections(base)
  const body = sections.flatMap((section) => section.lines).filter((line) => !line.startsWith('#'))
  const growAfter = Math.max(0, sections.findIndex((section) => section.heading.startsWith('## Deployment')))
  const before = sections.slice(0, growAfter + 1).flatMap((section) => [section.heading, ...section.lines])
  const after = sections.slice(growAfter + 1).flatMap((section) => [section.heading, ...section.lines])
  const out = [...head, ...before]
  let step = 1
  while (out.length + after.length < lines) {
    out.push(`### Rollout step ${step}`, '')
    const start = Math.floor(next() * Math.max(1, body.length - 60))
    out.push(...body.slice(start, start + 60))
    if (step % 7 === 0) out.push('', '- [] Confirm with the on-call team', '', 'Owner: TBD', '')
    step++
  }
  out.push(...after)
  return out.join('\n').trimEnd() + '\n'
}

/** Write documents as `plan-0001.md`, … under `directory`. */
export function writeCorpus(directory: string, documents: string[]): string[] {
  mkdirSync(directory, {recursive: true})
  return documents.map((value, index) => {
    const file = path.join(directory, `plan-${String(index + 1).padStart(4, '0')}.md`)
    writeFileSync(file, value)
    return file
  })
}
