/**
 * Grouping outlines: which plans share a format. Each item is a set of
 * weighted features (its sections); nothing here knows what they are.
 */

/**
 * Weighted Dice coefficient of two feature sets: 1 for the same features, 0
 * for none in common. Dice rather than Jaccard so that a plan keeping most of
 * a longer plan's sections still reads as the same format.
 */
export function similarity(left: Map<string, number>, right: Map<string, number>): number {
  let shared = 0
  let total = 0
  for (const [feature, weight] of left) {
    total += weight
    if (right.has(feature)) shared += weight
  }
  for (const weight of right.values()) total += weight
  return total === 0 ? 0 : (2 * shared) / total
}

/**
 * Average-linkage clustering: merge the two most similar groups while their
 * items are, on average, at least `threshold` similar. Items with the same
 * features start as one group, so the cost grows with the number of distinct
 * outlines (about quadratic in time and memory). Groups and their items keep the
 * input order.
 */
export function clusterBySimilarity<Item>(items: Item[], featuresOf: (item: Item) => Map<string, number>, threshold: number): Item[][] {
  const bySignature = new Map<string, Item[]>()
  for (const item of items) {
    const signature = [...featuresOf(item).keys()].sort().join('\u0001')
    const same = bySignature.get(signature)
    if (same) same.push(item)
    else bySignature.set(signature, [item])
  }
  const clusters: Array<Item[] | undefined> = [...bySignature.values()]
  const count = clusters.length
  const similar = similarityMatrix(clusters.map((cluster) => featuresOf(cluster![0]!)))
  // The nearest-neighbour chain: follow each group to its most similar one
  // until two are each other's nearest, and merge them. Average linkage never
  // makes a merged group more similar to a third than its parts were, so this
  // gives the same groups as always merging the most similar pair, in about
  // k² steps instead of k³. A pair below the threshold ends both groups: no
  // later merge can bring either of them a closer partner.
  const active = new Set<number>(clusters.map((_, index) => index))
  const chain: number[] = []
  while (active.size > 1) {
    if (chain.length === 0) chain.push(active.values().next().value!)
    const top = chain[chain.length - 1]!
    const previous = chain.length >= 2 ? chain[chain.length - 2]! : -1
    const row = similar[top]!
    let nearest = -1
    for (const other of active) {
      if (other === top) continue
      // Ties go to the previous link, so the chain cannot loop.
      if (nearest < 0 || row[other]! > row[nearest]! || (row[other] === row[nearest] && other === previous)) nearest = other
    }
    if (nearest !== previous) {
      chain.push(nearest)
      continue
    }
    chain.length -= 2
    if (row[nearest]! < threshold) {
      active.delete(top)
      active.delete(nearest)
      continue
    }
    const [keep, drop] = top < nearest ? [top, nearest] : [nearest, top]
    const left = clusters[keep]!
    const right = clusters[drop]!
    // Lance–Williams update for average linkage.
    for (const other of active) {
      if (other === keep || other === drop) continue
      const value = (left.length * similar[keep]![other]! + right.length * similar[drop]![other]!) / (left.length + right.length)
      similar[keep]![other] = value
      similar[other]![keep] = value
    }
    clusters[keep] = [...left, ...right]
    clusters[drop] = undefined
    active.delete(drop)
  }
  const order = new Map(items.map((item, index) => [item, index]))
  return clusters
    .filter((cluster): cluster is Item[] => cluster !== undefined)
    .map((cluster) => cluster.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!)
}

/**
 * `similarity` of every pair, through an index from each feature to the
 * outlines that have it: only pairs that share a feature cost anything.
 */
function similarityMatrix(features: Array<Map<string, number>>): Float64Array[] {
  const count = features.length
  const shared = features.map(() => new Float64Array(count))
  const totals = features.map((map) => [...map.values()].reduce((sum, weight) => sum + weight, 0))
  const holders = new Map<string, number[]>()
  features.forEach((map, index) => {
    for (const feature of map.keys()) {
      const list = holders.get(feature)
      if (list) list.push(index)
      else holders.set(feature, [index])
    }
  })
  for (const [feature, list] of holders) {
    for (let a = 0; a < list.length; a++) {
      const i = list[a]!
      const weight = features[i]!.get(feature)!
      for (let b = a + 1; b < list.length; b++) {
        const j = list[b]!
        // A feature weighs the same in every outline (its level decides), so either side's weight will do.
        shared[i]![j]! += weight
        shared[j]![i]! += weight
      }
    }
  }
  return shared.map((row, i) => {
    for (let j = 0; j < count; j++) {
      const total = totals[i]! + totals[j]!
      row[j] = i === j ? 1 : total === 0 ? 0 : (2 * row[j]!) / total
    }
    return row
  })
}
