/**
 * The `string-width` that vfile-reporter gets in the binaries
 * (scripts/build-bins.mjs). Loading string-width 8 costs about 50 ms (an
 * `Intl.Segmenter`, the `RGI_Emoji` expression, the East Asian width data),
 * a tenth of a one-file run, and a report rarely needs it: text made of
 * printable ASCII, Latin-1 letters and general punctuation (`’`, `…`, `—`)
 * is one column per character, as string-width measures it. The stylish
 * format loads the real one (`loadStringWidth`) before reporting any other
 * text (`needsStringWidth`).
 */

interface WidthOptions {
  countAnsiEscapeCodes?: boolean
  ambiguousIsNarrow?: boolean
}

let measure: ((text: string, options?: WidthOptions) => number) | undefined

/** SGR escapes (colours), which string-width does not count by default. */
const sgr = /\u001B\[[\d;]*m/g
/** One column per character: no controls, no soft hyphen (zero width), no zero-width or bidi marks. */
const narrow = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u2030-\u205E]*$/

export default function stringWidth(text: string, options: WidthOptions = {}): number {
  if (typeof text !== 'string' || text.length === 0) return 0
  if (measure) return measure(text, options)
  const plain = options.countAnsiEscapeCodes ? text : text.replace(sgr, '')
  // Without the real one, a character outside the narrow set counts one column: alignment only, never a crash.
  return narrow.test(plain) ? plain.length : [...plain].length
}

/** Whether measuring the text needs the real string-width. */
export function needsStringWidth(text: string | undefined | null): boolean {
  return typeof text === 'string' && !narrow.test(text.replace(sgr, ''))
}

export async function loadStringWidth(): Promise<void> {
  measure ??= (await import('string-width')).default
}
