// One scaled forward step, for any K: the online tracker's step, the rows where the written-out kernels
// stop (an underflow rescue), and the definition the batch recursions match bit for bit.
import { emissionRow, type Emission } from './emission';
import { expNonPositive } from './emission-exp';
import { rereference, SCALE_UNDERFLOW } from './forward-rereference';
import type { RowScratch } from './hmm-workspace';

/**
 * One scaled forward step: from α̂_{t-1} (`prev` at `prevOff`, or the start probabilities when `prev` is
 * null) and observation row x_t, writes α̂_t and b_t and returns the scale c_t; `row.refLog` gets m_t.
 */
export function forwardRow(
  em: Emission,
  startProb: Float64Array,
  transMat: Float64Array,
  prev: Float64Array | null,
  prevOff: number,
  x: Float64Array,
  xOff: number,
  alpha: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  row: RowScratch,
): number {
  const K = em.K;
  const { logB, pred } = row;
  const m = emissionRow(em, x, xOff, logB);
  if (prev === null) {
    for (let j = 0; j < K; j++) pred[j] = startProb[j]!;
  } else {
    for (let j = 0; j < K; j++) pred[j] = 0;
    for (let i = 0; i < K; i++) {
      const ai = prev[prevOff + i]!;
      if (ai === 0) continue;
      const base = i * K;
      for (let j = 0; j < K; j++) pred[j] = pred[j]! + ai * transMat[base + j]!;
    }
  }
  let s = 0;
  for (let j = 0; j < K; j++) {
    const lb = logB[j]!;
    const bj = lb === m ? 1 : expNonPositive(lb - m);
    b[bOff + j] = bj;
    const a = pred[j]! * bj;
    alpha[aOff + j] = a;
    s += a;
  }
  let ref = m;
  if (!(s > SCALE_UNDERFLOW)) {
    s = rereference(pred, logB, alpha, aOff, b, bOff, K, row);
    ref = row.refLog;
  }
  const inv = 1 / s;
  for (let j = 0; j < K; j++) alpha[aOff + j] = alpha[aOff + j]! * inv;
  row.refLog = ref;
  return s;
}
