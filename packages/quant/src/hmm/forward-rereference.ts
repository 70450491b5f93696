// The rescue for a forward row that underflows: every state the past allows is (relatively) impossible at
// this row, so the row is re-referenced on the largest ln pred_j + logB_j instead of the largest logB_j.
// Shared by the generic and the written-out recursions so they agree bit for bit.
import type { RowScratch } from './hmm-workspace';

/** Below this the scaled row is recomputed against max_j(ln pred_j + logB_j) instead of max_j logB_j. */
export const SCALE_UNDERFLOW = 1e-290;
/** Emission ratios in that recomputation are capped so a state the past rules out cannot give Inf. */
const B_CAP = 1e300;

/**
 * Every state the past allows is (relatively) impossible at this row: re-reference it on the largest
 * ln pred_j + logB_j, finite because pred sums to 1 and logB is clamped. Returns the new scale; row.refLog
 * gets the new reference. Never NaN.
 */
export function rereference(
  pred: Float64Array,
  logB: Float64Array,
  alpha: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  K: number,
  row: RowScratch,
): number {
  let ref = -Infinity;
  for (let j = 0; j < K; j++) {
    const p = pred[j]!;
    if (p > 0) {
      const v = Math.log(p) + logB[j]!;
      if (v > ref) ref = v;
    }
  }
  let s = 0;
  for (let j = 0; j < K; j++) {
    const bj = Math.min(Math.exp(logB[j]! - ref), B_CAP);
    b[bOff + j] = bj;
    const a = pred[j]! * bj;
    alpha[aOff + j] = a;
    s += a;
  }
  row.refLog = ref;
  return s;
}
