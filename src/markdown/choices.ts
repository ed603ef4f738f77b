/**
 * Choice runs: alternatives joined by `/` or `|`, such as `Low/Med/High` or
 * `Draft | Review | Approved`. Templates offer closed choices this way; a plan
 * that keeps one has not made the choice.
 *
 * Scanned by hand in one pass (no regular expression over phrases, which
 * would backtrack on long runs of words).
 */

/** One alternative of a run; offsets in the scanned text. */
export interface Alternative {
  start: number
  end: number
  /** As written. */
  text: string
}

export interface ChoiceRun {
  start: number
  end: number
  alternatives: Alternative[]
}

/**
 * Every run of two or more alternatives in `text`. An alternative is a phrase:
 * words joined by spaces, so `Complete/In Progress/Not Started` has three,
 * and in `the high/low mark` the first is `the high` (not a choice).
 */
export function choiceRuns(text: string): ChoiceRun[] {
  const runs: ChoiceRun[] = []
  const length = text.length
  let alternatives: Alternative[] = []
  // `/` or `|`: a run uses one kind; where the kind changes a new run starts.
  let runSeparator = 0
  // Start of the first phrase of the chain, before any split.
  let chainStart = 0
  let index = 0
  while (index < length) {
    if (!isWordStart(text, index)) {
      index++
      continue
    }
    // Read one phrase: words separated by horizontal space.
    const start = index
    let wordEnd = index
    for (;;) {
      while (index < length && isWordPart(text, index)) index++
      wordEnd = index
      let next = index
      while (next < length && isSpace(text.charCodeAt(next))) next++
      if (next > index && next < length && isWordStart(text, next)) {
        index = next
        continue
      }
      break
    }
    let end = wordEnd
    while (end > start && isTrailing(text.charCodeAt(end - 1))) end--
    if (alternatives.length === 0) chainStart = start
    alternatives.push({start, end, text: text.slice(start, end)})

    // A separator links this phrase to the next one. A slash spaced on one
    // side only (`POST /api`) or doubled (`https://`) is not a separator.
    let next = wordEnd
    while (next < length && isSpace(text.charCodeAt(next))) next++
    const separator = text.charCodeAt(next)
    if (separator === slash || separator === pipe) {
      let after = next + 1
      while (after < length && isSpace(text.charCodeAt(after))) after++
      const balanced = separator === pipe || next > wordEnd === after > next + 1
      if (balanced && after < length && isWordStart(text, after)) {
        if (runSeparator !== 0 && runSeparator !== separator) {
          if (alternatives.length >= 2) {
            runs.push({start: alternatives[0]!.start, end: alternatives.at(-1)!.end, alternatives})
          }
          alternatives = [alternatives.at(-1)!]
        }
        runSeparator = separator
        index = after
        continue
      }
    }
    // A path (`/api/users`, `docs/plans/`) is not a choice.
    const isPath = text.charCodeAt(chainStart - 1) === slash || text.charCodeAt(wordEnd) === slash
    if (alternatives.length >= 2 && !isPath) {
      runs.push({start: alternatives[0]!.start, end: alternatives.at(-1)!.end, alternatives})
    }
    alternatives = []
    runSeparator = 0
    index = wordEnd
  }
  return runs
}

/** How alternatives are compared: lower case, single spaces. */
export function choiceKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ')
}

/**
 * The alternatives of the closed choices in a template’s prose: runs of three
 * or more, such as `Low/Med/High` or `XS/S/M/L/XL`. A run with `etc.` is a
 * list of examples, not a choice; numbers and long phrases are not choices.
 */
export function choiceVocabularyOf(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>()
  for (const text of texts) {
    for (const run of choiceRuns(text)) {
      if (run.alternatives.length < 3) continue
      const keys = run.alternatives.map((alternative) => choiceKey(alternative.text))
      if (keys.some((key) => key === 'etc' || key.split(' ').length > 4)) continue
      for (const key of keys) {
        if (!/^[\d.,\s-]*$/.test(key)) vocabulary.add(key)
      }
    }
  }
  return vocabulary
}

export interface UnresolvedChoice {
  start: number
  end: number
  value: string
  alternatives: string[]
}

/**
 * Runs in `text` of which at least two different alternatives are in
 * `vocabulary` (keys from `choiceKey`) and the others are single words: in
 * `the high/low mark` or `High and Draft | Review` the phrases around the
 * separator are prose, not alternatives.
 */
export function unresolvedChoicesIn(text: string, vocabulary: ReadonlySet<string>): UnresolvedChoice[] {
  // A run needs a separator: most text has none.
  if (vocabulary.size === 0 || (!text.includes('/') && !text.includes('|'))) return []
  const found: UnresolvedChoice[] = []
  for (const run of choiceRuns(text)) {
    const known = new Set<string>()
    let prose = false
    for (const alternative of run.alternatives) {
      const key = choiceKey(alternative.text)
      if (vocabulary.has(key)) known.add(key)
      else if (key.includes(' ')) prose = true
    }
    if (prose || known.size < 2) continue
    found.push({
      start: run.start,
      end: run.end,
      value: text.slice(run.start, run.end),
      alternatives: run.alternatives.map((alternative) => alternative.text)
    })
  }
  return found
}

const slash = 0x2f
const pipe = 0x7c
const letterOrNumber = /[\p{L}\p{N}]/u

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09
}

function isWordStart(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
  }
  return letterOrNumber.test(text.charAt(index))
}

/** Letters, digits and the marks inside names: `Node.js`, `C++`, `C#`, `R&D`, `in-progress`. */
function isWordPart(text: string, index: number): boolean {
  if (isWordStart(text, index)) return true
  const code = text.charCodeAt(index)
  return (
    code === 0x2e || code === 0x2b || code === 0x23 || code === 0x26 || code === 0x27 || code === 0x5f || code === 0x2d || code === 0x2019
  )
}

/** Marks that end a sentence or a name rather than belong to it (`High.`). */
function isTrailing(code: number): boolean {
  return code === 0x2e || code === 0x27 || code === 0x2019 || code === 0x5f || code === 0x2d
}
