import type {Root} from 'mdast'

/**
 * A view of a document (its outline, template, tables, list items) computed
 * once per tree and kept only as long as the tree is: every rule asks for
 * it, one computes it.
 */
export function perTree<View, Rest extends unknown[]>(
  compute: (tree: Root, ...rest: Rest) => View
): (tree: Root, ...rest: Rest) => View {
  const views = new WeakMap<Root, View>()
  return (tree, ...rest) => {
    let view = views.get(tree)
    if (view === undefined) {
      view = compute(tree, ...rest)
      views.set(tree, view)
    }
    return view
  }
}
