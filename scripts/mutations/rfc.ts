import {rewriteFirstLine, type Mutation} from './mutation.js'

/** Rust-style RFC defects: a front line left from the template, a required section removed. */
const isRfc = (file: string): boolean => /(?:^|\/)(?:text|rfcs)\/[0-9]{4}-[^/]+\.md$/.test(file)

export const mutations: Mutation[] = [
  {
    name: 'rfc: tracking issue left as `rust-lang/rust#0000`',
    rules: ['no-placeholders'],
    applies: isRfc,
    apply(text) {
      return rewriteFirstLine(
        text.split('\n'),
        (line) => /^- (?:Rust|GitHub|Amaranth) Issue:/.test(line),
        () => '- Rust Issue: [rust-lang/rust#0000](https://github.com/rust-lang/rust/issues/0000)'
      )
    }
  },
  {
    name: 'rfc: `Drawbacks` removed',
    rules: ['required-headings'],
    applies: isRfc,
    apply(text) {
      const lines = text.split('\n')
      const at = lines.findIndex((line) => /^#{1,2} Drawbacks\s*$/.test(line))
      if (at === -1) return undefined
      lines.splice(at, 1)
      return {text: lines.join('\n'), line: at + 1, mention: 'Drawbacks'}
    }
  }
]
