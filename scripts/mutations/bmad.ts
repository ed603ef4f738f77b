import {rewriteFirstLine, type Mutation} from './mutation.js'

/**
 * BMAD story and PRD defects: a placeholder left, a required section removed,
 * a broken box, a story marked done with a task unchecked, a task citing an
 * acceptance criterion the story does not have.
 */

/** Where BMAD keeps stories (see `templates/bmad-story.md` front matter `paths`), and any `*.story.md`. */
const inStoryPlace = (file: string): boolean =>
  /(?:^|\/)(?:stories|sprint-artifacts|implementation-artifacts)\/(?:.*\/)?[^/]+\.md$/.test(file) || /\.story\.md$/.test(file)

/** A story of BMAD's template: its title and its sections. */
function isStory(lines: string[]): boolean {
  return (
    lines.some((line) => /^# .*Story [\w.-]+:/.test(line)) &&
    lines.some((line) => /^## Acceptance Criteria\b/.test(line)) &&
    lines.some((line) => /^## Tasks(?: \/ Subtasks)?\s*$/.test(line))
  )
}

/** A story's lines and one of its sections, or `undefined` when the text is no story of the template or has no such section. */
function storySection(text: string, heading: RegExp): {lines: string[]; start: number; end: number} | undefined {
  const lines = text.split('\n')
  if (!isStory(lines)) return undefined
  const found = section(lines, heading)
  return found && {lines, ...found}
}

/** Index of the heading line of a `##` section, and the end of that section (exclusive). */
function section(lines: string[], heading: RegExp): {start: number; end: number} | undefined {
  const start = lines.findIndex((line) => heading.test(line))
  if (start === -1) return undefined
  let end = start + 1
  while (end < lines.length && !/^#{1,2} /.test(lines[end]!)) end++
  return {start, end}
}

const box = /^(\s*)[-*+] \[([ xX])\] /

export const mutations: Mutation[] = [
  {
    name: 'bmad-story: `[role]` placeholder left in the story statement',
    rules: ['no-placeholders', 'no-template-text'],
    applies: inStoryPlace,
    apply(text) {
      const story = storySection(text, /^## (?:User )?Story\s*$/)
      if (!story) return undefined
      const {lines} = story
      for (let at = story.start + 1; at < story.end; at++) {
        if (lines[at]!.trim() === '') continue
        lines.splice(at, 0, '**As a** [role],', '')
        return {text: lines.join('\n'), line: at + 1}
      }
      return undefined
    }
  },
  {
    name: 'bmad-story: `## Acceptance Criteria` removed',
    rules: ['required-headings'],
    applies: inStoryPlace,
    apply(text) {
      const criteria = storySection(text, /^## Acceptance Criteria\b/)
      if (!criteria) return undefined
      const {lines} = criteria
      lines.splice(criteria.start, criteria.end - criteria.start)
      return {text: lines.join('\n'), line: criteria.start + 1, mention: 'Acceptance Criteria'}
    }
  },
  {
    name: 'bmad-story: broken box in `## Tasks / Subtasks`',
    rules: ['checklist-format'],
    applies: inStoryPlace,
    apply(text) {
      const tasks = storySection(text, /^## Tasks(?: \/ Subtasks)?\s*$/)
      if (!tasks) return undefined
      return rewriteFirstLine(
        tasks.lines,
        (line, _kind, at) => at > tasks.start && at < tasks.end && box.test(line),
        (line) => line.replace(/\[[ xX]\] /, '[] ')
      )
    }
  },
  {
    name: 'bmad-story: marked done with a task unchecked',
    rules: ['completed-checklists'],
    applies: inStoryPlace,
    apply(text) {
      const tasks = storySection(text, /^## Tasks \/ Subtasks\s*$/)
      if (!tasks) return undefined
      const {lines} = tasks
      // A story whose tasks are all unchecked has the defect already (when it is done) or gets it whole: no place for one task.
      if (!lines.slice(tasks.start, tasks.end).some((line) => /^\s*[-*+] \[[xX]\] /.test(line))) return undefined
      // The status: `Status: …` under the title (v6), `## Status` then the value, or `## Status: …` (v4).
      const line = lines.findIndex((text) => /^(?:\*\*)?Status(?:\*\*)?:/.test(text))
      const heading = lines.findIndex((text) => /^## Status\b/.test(text))
      if (line !== -1 && (heading === -1 || line < heading)) lines[line] = 'Status: done'
      else if (heading !== -1 && /^## Status:/.test(lines[heading]!)) lines[heading] = '## Status: Done'
      else if (heading !== -1) {
        const value = lines.findIndex((text, at) => at > heading && text.trim() !== '')
        if (value === -1 || lines[value]!.startsWith('#')) return undefined
        lines[value] = 'Done'
      } else return undefined
      // Uncheck a checked task at the list's top level (an unchecked subtask of an unchecked task is that task's finding).
      const boxes = [...lines.keys()].filter((at) => at > tasks.start && at < tasks.end && box.test(lines[at]!))
      if (boxes.length === 0) return undefined
      const indent = Math.min(...boxes.map((at) => box.exec(lines[at]!)![1]!.length))
      const checked = boxes.filter((at) => box.exec(lines[at]!)![2] !== ' ')
      const top = checked.find((at) => box.exec(lines[at]!)![1]!.length === indent)
      if (top === undefined) return undefined
      lines[top] = lines[top]!.replace(/\[[xX]\] /, '[ ] ')
      if (checked.length === 1) return {text: lines.join('\n'), line: boxes[0]! + 1}
      return {text: lines.join('\n'), line: top + 1}
    }
  },
  {
    name: 'bmad-story: task cites an acceptance criterion the story does not have',
    rules: ['requirement-references'],
    applies: inStoryPlace,
    apply(text) {
      const tasks = storySection(text, /^## Tasks(?: \/ Subtasks)?\s*$/)
      if (!tasks) return undefined
      // `(AC: 2)`, `(AC: #2)`, `(AC #2)`, `(AC2)`, `(AC: AC2)`, `(AC-1.2.1)`.
      const citation = /\(AC(?![A-Za-z])[\s:#-]*(?:AC[\s-]?)?#?\d+[^)]*\)/
      return rewriteFirstLine(
        tasks.lines,
        (line, _kind, at) => at > tasks.start && at < tasks.end && citation.test(line),
        (line) => line.replace(citation, '(AC: 97)')
      )
    }
  },
  {
    name: 'bmad-prd: `[Product vision]` placeholder left in the goals',
    rules: ['no-placeholders', 'no-template-text'],
    applies: (file) => /(?:^|\/)prd\.md$/i.test(file),
    apply(text) {
      const lines = text.split('\n')
      if (!lines.some((line) => /^# .*(?:Product Requirements Document|PRD)/.test(line))) return undefined
      const goals = section(lines, /^## (?:Goals and Background Context|Executive Summary|Goal, Objective and Context)\b/)
      if (!goals) return undefined
      lines.splice(goals.start + 1, 0, '', '[Product vision in one sentence]')
      return {text: lines.join('\n'), line: goals.start + 3}
    }
  }
]
