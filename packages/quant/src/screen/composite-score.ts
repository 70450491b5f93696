/**
 * The composite growth/momentum score's components and weights (sum 1), shown next to the score in the UI.
 * Every component counts "higher is better": stronger returns and relative strength, a close nearer its
 * 52-week high (high52wDist is <= 0, 0 at the high), further above its 50-day average, heavier volume than
 * usual, faster growing revenue and earnings.
 */
export const COMPOSITE_WEIGHTS = {
  ret3m: 0.2,
  ret6m: 0.15,
  rs3m: 0.15,
  high52wDist: 0.1,
  sma50Dist: 0.1,
  relVol: 0.1,
  revenueGrowthYoY: 0.1,
  epsGrowthYoY: 0.1,
} as const satisfies Readonly<Record<string, number>>;

/** A row scored on less than this share of the weight in play gets no score (null) rather than a guess. */
export const COMPOSITE_MIN_WEIGHT_SHARE = 0.5;

/**
 * The score of each row of a snapshot, 0..100 (NaN = null). Each component column is ranked across the rows
 * that have it (percentile 0 for the lowest, 1 for the highest, tied values share their average rank, a lone
 * value 0.5); a row's score is 100 x the weighted mean of its percentiles over the components it has.
 *
 * A component no row has (fundamentals that were never loaded, a column not given) is out of play and its
 * weight does not count; among those in play a row needs at least half the weight, else its score is NaN. So
 * a universe without fundamentals is scored on its price metrics alone, while a row missing most of them is
 * not ranked on the one or two it has. Being cross-sectional, a score compares rows of one snapshot only.
 */
export function compositeScores(columns: Record<string, Float64Array>, size: number): Float64Array {
  const weighted = new Float64Array(size);
  const weightHad = new Float64Array(size);
  let weightInPlay = 0;
  for (const [name, weight] of Object.entries(COMPOSITE_WEIGHTS)) {
    const column = columns[name];
    if (column === undefined) continue;
    if (column.length !== size)
      throw new RangeError(`compositeScores: column ${name} has ${column.length} rows, not ${size}`);
    const percentiles = percentileRanks(column);
    if (percentiles === null) continue;
    weightInPlay += weight;
    for (let i = 0; i < size; i++) {
      const p = percentiles[i]!;
      if (Number.isNaN(p)) continue;
      weighted[i] = weighted[i]! + weight * p;
      weightHad[i] = weightHad[i]! + weight;
    }
  }
  const scores = new Float64Array(size).fill(Number.NaN);
  // The tolerance keeps a row with exactly half the weight in (0.1 + 0.15 + ... may round below 0.5).
  const needed = weightInPlay * COMPOSITE_MIN_WEIGHT_SHARE - 1e-12;
  for (let i = 0; i < size; i++) {
    if (weightInPlay > 0 && weightHad[i]! > 0 && weightHad[i]! >= needed)
      scores[i] = (100 * weighted[i]!) / weightHad[i]!;
  }
  return scores;
}

/**
 * Percentile rank of each finite value among the column's finite values: (average 0-based rank of its tie
 * group) / (count - 1), so 0 and 1 at the ends; 0.5 when there is one value; NaN for a non-finite one. Null
 * when the column has no finite value at all.
 */
export function percentileRanks(column: Float64Array): Float64Array | null {
  const order: number[] = [];
  for (let i = 0; i < column.length; i++) if (Number.isFinite(column[i]!)) order.push(i);
  if (order.length === 0) return null;
  order.sort((a, b) => column[a]! - column[b]!);
  const ranks = new Float64Array(column.length).fill(Number.NaN);
  const last = order.length - 1;
  for (let start = 0; start <= last;) {
    let stop = start;
    while (stop < last && column[order[stop + 1]!] === column[order[start]!]) stop += 1;
    const rank = last === 0 ? 0.5 : (start + stop) / 2 / last;
    for (let k = start; k <= stop; k++) ranks[order[k]!] = rank;
    start = stop + 1;
  }
  return ranks;
}
