import {lineKinds, rewriteFirstLine, type Mutation} from './mutation.js'

/**
 * OpenSpec’s own defects, injected into real OpenSpec documents by
 * `scripts/corpus-mutations.ts --format openspec`: a requirement without
 * SHALL/MUST, a scenario removed or written with three `#`, a requirement
 * added twice, a rename without its `TO:` line, a task checkbox broken, and
 * a task list with no checkbox at all.
 */

const isDelta = (file: string): boolean => /(?:^|\/)openspec\/changes\/.+\/specs\/.+\/spec\.md$/.test(file)
const isMainSpec = (file: string): boolean => /(?:^|\/)openspec\/specs\/.+\/spec\.md$/.test(file)
const isTasks = (file: string): boolean => /(?:^|\/)openspec\/changes\/(?:archive\/)?[^/]+\/tasks\.md$/.test(file)
const isSpec = (file: string): boolean => isDelta(file) || isMainSpec(file)

const requirementHeading = /^###\s+Requirement:\s*(.+?)\s*$/i
const keyword = /\b(SHALL|MUST)\b/

/** Lines outside code and front matter, with their index, of the requirement blocks under sections that hold requirements. */
interface Block {
  heading: number
  name: string
  /** Lines up to the next `###` or `##` heading. */
  end: number
}

function blocks(lines: string[], file: string): Block[] {
  // A main spec’s requirements are under `## Requirements`, a delta’s under ADDED and MODIFIED.
  const sections = isMainSpec(file) ? /^requirements$/ : /^(?:added|modified) requirements$/
  const kinds = lineKinds(lines)
  const found: Block[] = []
  let section = ''
  for (const [index, line] of lines.entries()) {
    if (kinds[index] !== 'heading') continue
    if (/^##\s/.test(line)) section = line.slice(3).trim().toLowerCase()
    const match = requirementHeading.exec(line)
    if (!match || !sections.test(section)) continue
    let end = index + 1
    while (end < lines.length && !(kinds[end] === 'heading' && /^#{2,3}\s/.test(lines[end]!))) end++
    found.push({heading: index, name: match[1]!, end})
  }
  return found
}

function scenarios(lines: string[], block: Block): number[] {
  const kinds = lineKinds(lines)
  const at: number[] = []
  for (let index = block.heading + 1; index < block.end; index++) if (kinds[index] === 'heading' && /^####\s/.test(lines[index]!)) at.push(index)
  return at
}

export const mutations: Mutation[] = [
  {
    name: 'requirement without SHALL or MUST',
    rules: ['requirement-scenarios'],
    applies: isSpec,
    apply(text, file) {
      const lines = text.split('\n')
      const kinds = lineKinds(lines)
      for (const block of blocks(lines, file)) {
        const body: number[] = []
        for (let index = block.heading + 1; index < block.end; index++) {
          if (kinds[index] === 'heading') break
          if (kinds[index] === 'paragraph' || kinds[index] === 'list') body.push(index)
        }
        const keywordLines = body.filter((index) => keyword.test(lines[index]!))
        // One line holds every keyword of the text: replacing them there leaves none.
        if (keywordLines.length !== 1 || keyword.test(block.name)) continue
        const at = keywordLines[0]!
        lines[at] = lines[at]!.replace(/\b(?:SHALL|MUST)\b/g, 'will')
        return {text: lines.join('\n'), line: body[0]! + 1}
      }
      return undefined
    }
  },
  {
    name: 'every scenario of a requirement removed',
    rules: ['requirement-scenarios'],
    applies: isSpec,
    apply(text, file) {
      const lines = text.split('\n')
      for (const block of blocks(lines, file)) {
        const at = scenarios(lines, block)
        if (at.length === 0) continue
        const kept = lines.slice(0, at[0]).concat(lines.slice(block.end))
        return {text: kept.join('\n'), line: block.heading + 1}
      }
      return undefined
    }
  },
  {
    name: 'scenario heading with three `#`',
    rules: ['requirement-scenarios'],
    applies: isSpec,
    apply(text, file) {
      const lines = text.split('\n')
      for (const block of blocks(lines, file)) {
        const at = scenarios(lines, block).find((index) => /^####\s+Scenario:/i.test(lines[index]!))
        if (at === undefined) continue
        lines[at] = lines[at]!.replace(/^####/, '###')
        return {text: lines.join('\n'), line: at + 1}
      }
      return undefined
    }
  },
  {
    name: 'requirement heading repeated',
    rules: ['spec-deltas'],
    applies: isSpec,
    apply(text, file) {
      const lines = text.split('\n')
      const found = blocks(lines, file)
      if (found.length < 2) return undefined
      const [first, second] = [found[0]!, found[1]!]
      if (first.name === second.name) return undefined
      lines[second.heading] = '### Requirement: ' + first.name
      return {text: lines.join('\n'), line: second.heading + 1}
    }
  },
  {
    name: 'rename without its `TO:` line',
    rules: ['spec-deltas'],
    applies: isDelta,
    apply(text, file) {
      const lines = text.split('\n')
      const kinds = lineKinds(lines)
      const to = lines.findIndex((line, index) => kinds[index] !== 'code' && /^\s*[-*]?\s*TO:\s*`?###\s*Requirement:/i.test(line))
      if (to === -1) return undefined
      const from = lines.slice(0, to).findLastIndex((line) => /^\s*[-*]?\s*FROM:/i.test(line))
      if (from === -1) return undefined
      lines.splice(to, 1)
      return {text: lines.join('\n'), line: from + 1}
    }
  },
  {
    name: 'task checkbox written `[]`',
    rules: ['checklist-format'],
    applies: isTasks,
    apply(text) {
      return rewriteFirstLine(
        text.split('\n'),
        (line, kind) => kind === 'list' && /^\s*[-*] \[ \] \S/.test(line),
        (line) => line.replace('[ ]', '[]')
      )
    }
  },
  {
    name: 'task list without a checkbox',
    rules: ['task-ids'],
    applies: isTasks,
    apply(text, file) {
      const lines = text.split('\n')
      const kinds = lineKinds(lines)
      let first = -1
      for (const [index, line] of lines.entries()) {
        if (kinds[index] !== 'list') continue
        const plain = line.replace(/^(\s*(?:[-*+]|\d+[.)]))\s+\[[ xX]\]\s+/, '$1 ')
        if (plain !== line && first === -1) first = index
        lines[index] = plain
      }
      if (first === -1) return undefined
      const firstItem = lines.findIndex((_, index) => kinds[index] === 'list')
      return {text: lines.join('\n'), line: firstItem + 1}
    }
  },
  {
    name: 'a paragraph with a link and inline code after a scenario',
    rules: [],
    expectNone: true,
    applies: isSpec,
    apply(text, file) {
      const lines = text.split('\n')
      const block = blocks(lines, file).find((candidate) => scenarios(lines, candidate).length > 0)
      if (!block) return undefined
      lines.splice(block.end, 0, 'See [the API notes](https://example.com/api) for the `session_id` format.', '')
      return {text: lines.join('\n'), line: block.end + 1}
    }
  }
]
