/**
 * Kiro's defects, injected into real `.kiro/specs/<feature>/` documents by
 * `scripts/corpus-mutations.ts --format kiro`: acceptance criteria removed,
 * a criterion without `SHALL`, a task or a correctness property citing a
 * criterion that does not exist, a broken optional-task box.
 */
import type {Mutation} from './mutation.js'
import {lineKinds, rewriteFirstLine} from './mutation.js'

const requirementHeading = /^#{2,4}\s+(?:Requirement|要件|需求|요구사항|Requisito)\s*(\d+)(?![\d.])/
const criteriaHeading = /^#{3,5}\s+(?:Acceptance Criteria|受け入れ基準|受入基準|验收标准|인수 기준|Criterios de Aceptación)\s*$/i

const isRequirements = (file: string): boolean => /(?:^|\/)\.kiro\/specs\/[^/]+\/requirements\.md$/.test(file)
const isTasks = (file: string): boolean => /(?:^|\/)\.kiro\/specs\/[^/]+\/tasks\.md$/.test(file)
const isDesign = (file: string): boolean => /(?:^|\/)\.kiro\/specs\/[^/]+\/design\.md$/.test(file)

export const mutations: Mutation[] = [
  {
    name: 'acceptance criteria of a requirement removed',
    rules: ['ears-criteria'],
    applies: isRequirements,
    apply(text) {
      const lines = text.split('\n')
      const kinds = lineKinds(lines)
      // The last requirement with an `#### Acceptance Criteria` heading: drop the heading and its list.
      for (let index = lines.length - 1; index >= 0; index--) {
        if (kinds[index] !== 'heading' || !criteriaHeading.test(lines[index]!)) continue
        let requirement = index - 1
        while (requirement >= 0 && !(kinds[requirement] === 'heading' && requirementHeading.test(lines[requirement]!))) requirement--
        if (requirement < 0) return undefined
        let end = index + 1
        while (end < lines.length && kinds[end] !== 'heading') end++
        return {text: [...lines.slice(0, index), ...lines.slice(end)].join('\n'), line: requirement + 1}
      }
      return undefined
    }
  },
  {
    name: 'an EARS criterion without SHALL',
    rules: ['ears-criteria'],
    applies: isRequirements,
    apply(text) {
      // The first numbered criterion with `SHALL`, rewritten as a wish.
      return rewriteFirstLine(
        text.split('\n'),
        (line, kind) => kind === 'list' && /^\d+\.\s/.test(line) && /\bSHALL\b/.test(line),
        (line) => line.replace(/\bSHALL\b/g, 'should')
      )
    }
  },
  {
    name: 'a task citing a criterion that does not exist',
    rules: ['requirement-references'],
    applies: isTasks,
    apply(text) {
      return rewriteFirstLine(
        text.split('\n'),
        (line, kind) => kind === 'list' && /_(?:Requirements?|要件|需求|Requisitos?)\s*[:：]\s*\d/.test(line),
        (line) => line.replace(/([:：]\s*)(\d+(?:\.\d+)?)/, '$197.3')
      )
    }
  },
  {
    name: 'a correctness property validating a criterion that does not exist',
    rules: ['requirement-references'],
    applies: isDesign,
    apply(text) {
      return rewriteFirstLine(
        text.split('\n'),
        (line, kind) => kind !== 'code' && /\*\*Validates:\s*Requirements?\s*\d/.test(line),
        (line) => line.replace(/(Requirements?\s*)(\d+(?:\.\d+)?)/, '$196.1')
      )
    }
  },
  {
    name: 'a broken task box',
    rules: ['checklist-format'],
    applies: isTasks,
    apply(text) {
      return rewriteFirstLine(
        text.split('\n'),
        (line, kind) => kind === 'list' && /^\s*- \[ \] \d/.test(line),
        (line) => line.replace('- [ ] ', '- [] ')
      )
    }
  },
  {
    name: 'a task citing criteria in a new paragraph with a link and inline code',
    rules: [],
    expectNone: true,
    applies: isTasks,
    apply(text) {
      const lines = text.split('\n')
      const kinds = lineKinds(lines)
      const index = lines.findIndex((_, at) => kinds[at] === 'heading' && /^#\s/.test(lines[at]!))
      if (index === -1) return undefined
      const added = ['', 'The tasks follow [the design](design.md); run `npm test -- --grep 1.1` after each one.']
      return {text: [...lines.slice(0, index + 1), ...added, ...lines.slice(index + 1)].join('\n'), line: index + 3}
    }
  }
]
