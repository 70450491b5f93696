// k-means++ (Arthur & Vassilvitskii 2007) + Lloyd iterations, seeded, for the HMM's initial means.
// Distances are measured on features divided by their standard deviation, so a feature's units do not
// decide the clustering; the centres returned are plain means of the assigned rows, in data units.
import type { SeededRandom } from '../random/seeded-random';
import type { Matrix } from './hmm-types';

export function kmeansPlusPlus(
  X: Matrix,
  K: number,
  rng: SeededRandom,
  variance: Float64Array,
  maxIter = 100,
): Float64Array {
  const { rows: T, cols: D, data } = X;
  const w = new Float64Array(D);
  for (let d = 0; d < D; d++) w[d] = variance[d]! > 0 ? 1 / variance[d]! : 1;
  const centers = new Float64Array(K * D);
  const dist = new Float64Array(T).fill(Infinity);
  const sqDist = (t: number, k: number): number => {
    let s = 0;
    for (let d = 0; d < D; d++) {
      const y = data[t * D + d]! - centers[k * D + d]!;
      s += y * y * w[d]!;
    }
    return s;
  };
  const copyRow = (t: number, k: number) => centers.set(data.subarray(t * D, t * D + D), k * D);

  copyRow(rng.int(T), 0);
  for (let k = 1; k < K; k++) {
    let total = 0;
    for (let t = 0; t < T; t++) {
      const s = sqDist(t, k - 1);
      if (s < dist[t]!) dist[t] = s;
      total += dist[t]!;
    }
    let pick = rng.int(T);
    if (total > 0) {
      let target = rng.next() * total;
      for (let t = 0; t < T; t++) {
        target -= dist[t]!;
        if (target < 0) {
          pick = t;
          break;
        }
      }
    }
    copyRow(pick, k);
  }

  const assign = new Int32Array(T).fill(-1);
  const sums = new Float64Array(K * D);
  const counts = new Float64Array(K);
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = 0;
    sums.fill(0);
    counts.fill(0);
    for (let t = 0; t < T; t++) {
      let best = Infinity;
      let arg = 0;
      for (let k = 0; k < K; k++) {
        const s = sqDist(t, k);
        if (s < best) {
          best = s;
          arg = k;
        }
      }
      if (assign[t] !== arg) {
        assign[t] = arg;
        changed++;
      }
      counts[arg] = counts[arg]! + 1;
      for (let d = 0; d < D; d++) sums[arg * D + d] = sums[arg * D + d]! + data[t * D + d]!;
    }
    // An empty cluster keeps its centre (it is a data row, so it stays a valid, distinct starting mean).
    for (let k = 0; k < K; k++)
      if (counts[k]! > 0) for (let d = 0; d < D; d++) centers[k * D + d] = sums[k * D + d]! / counts[k]!;
    if (changed === 0) break;
  }
  return centers;
}
