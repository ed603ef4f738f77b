import type {Root} from 'mdast'
import {fromMarkdown} from 'mdast-util-from-markdown'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import {unified, type Processor} from 'unified'

/** The syntax every plan and template is read with (GFM plus YAML front matter). */
export const frontmatterKinds = ['yaml'] as const

/**
 * Set the processor’s parser to remark-parse’s own (same settings and
 * syntax extensions), run with the mdast-util-from-markdown and micromark
 * this package bundles. micromark 4.0.3 is super-linear on large documents
 * and 4.0.2 is not; a plain dependency pin is nested by npm as soon as the
 * project also installs remark-cli, a bundled one is not (see
 * docs/performance.md).
 */
export function usePlanParser(processor: Processor): void {
  processor.parser = (document) =>
    fromMarkdown(document, {
      ...processor.data('settings'),
      extensions: processor.data('micromarkExtensions') ?? [],
      mdastExtensions: processor.data('fromMarkdownExtensions') ?? []
    })
}

let processor: Processor | undefined

/** Parse Markdown the way the preset does (used for templates). */
export function parseMarkdown(value: string): Root {
  processor ??= unified()
    .use(function () {
      usePlanParser(this as Processor)
    })
    .use(remarkGfm)
    .use(remarkFrontmatter, [...frontmatterKinds])
    .freeze() as unknown as Processor
  return processor.parse(value) as Root
}
