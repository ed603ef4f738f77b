import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'

/** The syntax every plan and template is read with (GFM plus YAML front matter). */
export const frontmatterKinds = ['yaml'] as const

let processor: ReturnType<typeof createProcessor> | undefined

function createProcessor() {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, [...frontmatterKinds])
}

/** Parse Markdown the way the preset does (used for templates). */
export function parseMarkdown(value: string): Root {
  processor ??= createProcessor()
  return processor.parse(value)
}
