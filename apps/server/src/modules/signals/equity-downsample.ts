/**
 * Indices of a curve to draw with at most `maxPoints` points. Up to `maxPoints` values every index is kept.
 * Above, min-max buckets: the indices are cut into equal buckets and each keeps the index of its lowest and
 * of its highest value, so a chart of the kept points shows every dip and spike a pixel column could show
 * (keeping every n-th point would skip them). `keep` (first, last, drawdown peak and trough ...) is always
 * included; the answer is ascending without repeats.
 */
export function downsampleIndices(
  values: ArrayLike<number>,
  maxPoints: number,
  keep: readonly number[] = [],
): number[] {
  const n = values.length;
  const pinned = [...new Set(keep.filter((i) => Number.isInteger(i) && i >= 0 && i < n))];
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((maxPoints - pinned.length) / 2));
  const chosen = new Set<number>(pinned);
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.floor(((b + 1) * n) / buckets);
    let lo = start;
    let hi = start;
    for (let i = start + 1; i < end; i++) {
      if (values[i]! < values[lo]!) lo = i;
      if (values[i]! > values[hi]!) hi = i;
    }
    chosen.add(lo);
    chosen.add(hi);
  }
  return [...chosen].sort((a, b) => a - b);
}
