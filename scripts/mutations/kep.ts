import {rewriteFirstLine, type Mutation} from './mutation.js'

/** KEP README defects: a required section removed, the title's number left, a broken box in the Release Signoff Checklist. */
const isKep = (file: string): boolean => /(?:^|\/)keps?\/(?:[^/]+\/)?[0-9]+-[^/]+\/README\.md$/.test(file)

export const mutations: Mutation[] = [
  {
    name: 'kep: `## Drawbacks` removed',
    rules: ['required-headings'],
    applies: isKep,
    apply(text) {
      const lines = text.split('\n')
      const at = lines.findIndex((line) => /^## Drawbacks\s*$/.test(line))
      if (at === -1) return undefined
      lines.splice(at, 1)
      return {text: lines.join('\n'), line: at + 1, mention: 'Drawbacks'}
    }
  },
  {
    name: 'kep: title number left as `KEP-NNNN`',
    rules: ['no-placeholders'],
    applies: isKep,
    apply(text) {
      return rewriteFirstLine(
        text.split('\n'),
        (line) => /^# KEP-\d+:/.test(line),
        (line) => line.replace(/^# KEP-\d+:/, '# KEP-NNNN:')
      )
    }
  },
  {
    name: 'kep: broken box in the Release Signoff Checklist',
    rules: ['checklist-format'],
    applies: isKep,
    apply(text) {
      const lines = text.split('\n')
      const start = lines.findIndex((line) => /^## Release Signoff Checklist/.test(line))
      if (start === -1) return undefined
      let end = start + 1
      while (end < lines.length && !lines[end]!.startsWith('## ')) end++
      return rewriteFirstLine(
        lines,
        (line, _kind, at) => at > start && at < end && /^- \[[ xX]\] /.test(line),
        (line) => line.replace(/^- \[[ xX]\] /, '- [] ')
      )
    }
  }
]
