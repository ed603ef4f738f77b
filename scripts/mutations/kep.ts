import type {Mutation} from './mutation.js'

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
      const lines = text.split('\n')
      const at = lines.findIndex((line) => /^# KEP-\d+:/.test(line))
      if (at === -1) return undefined
      lines[at] = lines[at]!.replace(/^# KEP-\d+:/, '# KEP-NNNN:')
      return {text: lines.join('\n'), line: at + 1}
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
      for (let at = start + 1; at < lines.length && !lines[at]!.startsWith('## '); at++) {
        if (/^- \[[ xX]\] /.test(lines[at]!)) {
          lines[at] = lines[at]!.replace(/^- \[[ xX]\] /, '- [] ')
          return {text: lines.join('\n'), line: at + 1}
        }
      }
      return undefined
    }
  }
]
