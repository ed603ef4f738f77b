/**
 * A defect injected into a real document by `scripts/corpus-mutations.ts`.
 * Formats add their own in `scripts/mutations/<format>.ts`, exporting
 * `mutations: Mutation[]`.
 */
export interface Mutation {
  name: string
  /** Rules one of which must report the defect (empty for `expectNone`). */
  rules: string[]
  /** A legitimate edit: it must add no finding. */
  expectNone?: boolean
  /** Whether the mutation is meant for a document at this path (relative to the folder, `/` separated). */
  applies(file: string): boolean
  /**
   * The mutated text and the 1-based line where the finding must be (or a
   * text the finding’s message must mention, for a finding placed elsewhere
   * by design, such as a missing section at the end); `undefined` when the
   * document offers no place for the defect.
   */
  apply(text: string, file: string): {text: string; line: number; mention?: string | undefined} | undefined
}

export type LineKind = 'blank' | 'front-matter' | 'code' | 'heading' | 'list' | 'table' | 'quote' | 'html' | 'paragraph'

/** What each line of a Markdown text is, roughly: enough to pick a line to mutate outside code and front matter. */
export function lineKinds(lines: readonly string[]): LineKind[] {
  const kinds: LineKind[] = []
  let fence: string | undefined
  let frontMatter = lines[0] === '---'
  let comment = false
  for (const [index, line] of lines.entries()) {
    if (frontMatter) {
      kinds.push('front-matter')
      if (index > 0 && line === '---') frontMatter = false
      continue
    }
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence !== undefined) {
      kinds.push('code')
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined
      continue
    }
    if (marker) {
      fence = marker
      kinds.push('code')
      continue
    }
    if (comment || /^\s*<!--/.test(line)) {
      kinds.push('html')
      comment = !line.includes('-->')
      continue
    }
    if (line.trim() === '') kinds.push('blank')
    else if (/^ {0,3}#{1,6}(\s|$)/.test(line)) kinds.push('heading')
    else if (/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) kinds.push('list')
    else if (/^\s*\|/.test(line)) kinds.push('table')
    else if (/^\s*>/.test(line)) kinds.push('quote')
    else if (/^\s*</.test(line)) kinds.push('html')
    else if (/^ {4}/.test(line) && (kinds[index - 1] === 'blank' || kinds[index - 1] === 'code')) kinds.push('code')
    else kinds.push('paragraph')
  }
  return kinds
}

/**
 * The shape of most mutations: the first line that `pick` chooses (given its
 * kind and index) rewritten by `rewrite`, in place in `lines`.
 * @returns the mutated text and the 1-based line, or `undefined` when no line qualifies
 */
export function rewriteFirstLine(
  lines: string[],
  pick: (line: string, kind: LineKind, index: number) => boolean,
  rewrite: (line: string) => string
): {text: string; line: number} | undefined {
  const kinds = lineKinds(lines)
  const at = lines.findIndex((line, index) => pick(line, kinds[index]!, index))
  if (at === -1) return undefined
  lines[at] = rewrite(lines[at]!)
  return {text: lines.join('\n'), line: at + 1}
}
