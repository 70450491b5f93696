/**
 * Nearest-rank percentile (p in 0..100) of a sample: the smallest value with at least p% of the sample at or
 * below it; NaN for an empty sample. Used for latency figures (p50, p99), where a value that was actually
 * observed reads better than an interpolated one.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
