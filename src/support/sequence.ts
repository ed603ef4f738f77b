/** Positions of one longest strictly increasing subsequence. */
export function longestIncreasing(values: number[]): Set<number> {
  const length = values.map(() => 1)
  const previous = values.map(() => -1)
  for (let index = 0; index < values.length; index++) {
    for (let before = 0; before < index; before++) {
      if (values[before]! < values[index]! && length[before]! + 1 > length[index]!) {
        length[index] = length[before]! + 1
        previous[index] = before
      }
    }
  }
  const result = new Set<number>()
  let index = length.indexOf(Math.max(0, ...length))
  while (index >= 0) {
    result.add(index)
    index = previous[index]!
  }
  return result
}
