import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {unfilledCopyOf} from '../views/unfilled-copy.js'
import {sourceName} from './rule-meta.js'

/**
 * One cause, one finding: a copy of a template that nothing has filled in
 * (`src/views/unfilled-copy.ts`) keeps only `no-template-text`’s finding
 * that says so; the rules’ findings about each placeholder, empty section
 * and sample row of the copy are dropped. Runs after the rules.
 */
export function unfilledCopyFindings() {
  return (tree: Root, file: VFile): undefined => {
    if (!unfilledCopyOf(tree, file)) return
    file.messages = file.messages.filter((message) => message.source !== sourceName || message.ruleId === 'no-template-text')
  }
}
