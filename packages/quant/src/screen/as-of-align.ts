/**
 * Values of another series (a benchmark) as of each of this series' times: entry i is values[j] for the last
 * j with sourceTs[j] <= targetTs[i], NaN when there is none. Both time columns ascending. A symbol with
 * missing trading days then still compares with the benchmark's return up to the same date, and a benchmark
 * day the symbol did not trade is simply skipped. O(n + m).
 */
export function alignAsOf(targetTs: Float64Array, sourceTs: Float64Array, values: Float64Array): Float64Array {
  if (values.length !== sourceTs.length)
    throw new RangeError(`alignAsOf: ${values.length} values for ${sourceTs.length} source times`);
  const out = new Float64Array(targetTs.length);
  let j = -1;
  for (let i = 0; i < targetTs.length; i++) {
    const t = targetTs[i]!;
    while (j + 1 < sourceTs.length && sourceTs[j + 1]! <= t) j += 1;
    out[i] = j >= 0 ? values[j]! : Number.NaN;
  }
  return out;
}
