/**
 * Damerau–Levenshtein distance (optimal string alignment: insert, delete, substitute, swap two neighbours)
 * between two short words, or `limit + 1` as soon as it is known to exceed `limit`. Only the band of width
 * `limit` around the diagonal is computed, so the cost is O(length × limit), never quadratic in long input.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  const big = limit + 1;
  let beforePrevious = new Array<number>(width).fill(big);
  let previous = new Array<number>(width).fill(big);
  let current = new Array<number>(width).fill(big);
  for (let j = 0; j <= Math.min(b.length, limit); j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current.fill(big);
    if (i <= limit) current[0] = i;
    let rowMinimum = current[0] ?? big;
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    for (let j = from; j <= to; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? big) + 1, (current[j - 1] ?? big) + 1, (previous[j - 1] ?? big) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (beforePrevious[j - 2] ?? big) + 1);
      current[j] = Math.min(value, big);
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return big;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length] ?? big, big);
}
