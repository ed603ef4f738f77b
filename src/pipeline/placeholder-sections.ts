import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import {emptySectionsOf} from '../views/empty-sections.js'
import {outlineOf} from '../views/outline.js'
import {sourceName} from './rule-meta.js'

/**
 * One cause, one finding: a section that holds only placeholders is
 * `no-empty-sections`’ finding, and each placeholder `no-placeholders`’.
 * Where a `no-placeholders` finding in that section is still reported
 * (after comment control and stages), it says where and what to write, so
 * the section’s finding is dropped; with that rule off or silenced there,
 * the section’s finding stays. Runs after the message control.
 */
export function placeholderSectionFindings() {
  return (tree: Root, file: VFile): undefined => {
    const sections = emptySectionsOf(tree, file).filter((section) => section.placeholders)
    if (sections.length === 0) return
    const headings = outlineOf(tree).headings
    const placeholderLines = file.messages.filter((message) => message.source === sourceName && message.ruleId === 'no-placeholders').map((message) => message.line)
    const dropped = new Set<string>()
    for (const {heading} of sections) {
      const start = heading.node.position?.start
      if (!start) continue
      const next = headings.slice(heading.index + 1).find((other) => other.depth <= heading.depth)
      const end = next?.node.position?.start.line ?? Number.POSITIVE_INFINITY
      if (placeholderLines.some((line) => line !== undefined && line > start.line && line < end)) dropped.add(`${start.line}:${start.column}`)
    }
    if (dropped.size === 0) return
    file.messages = file.messages.filter(
      (message) => !(message.source === sourceName && message.ruleId === 'no-empty-sections' && dropped.has(`${message.line}:${message.column}`))
    )
  }
}
