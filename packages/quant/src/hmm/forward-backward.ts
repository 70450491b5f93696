// Scaled (Rabiner) forward-backward on emission probabilities taken relative to each row's largest
// log-density: b[t,k] = exp(logB[t,k] - m_t), so one b per row is exactly 1 and nothing overflows. The
// forward pass keeps the normalised α̂_t (= the filtered probabilities P(s_t | x_1..t)) and log p(X) =
// Σ_t (m_t + ln c_t). This matches hmmlearn's log-space recursion to ~1e-12 at a fraction of the cost (K
// exps per row instead of K² log-sum-exps). The backward pass is fused with the M-step's sufficient
// statistics, so EM reads the observations twice per iteration and allocates nothing.
import { emissionDiag, emissionFull, emissionRow, type Emission } from './emission';
import { expNonPositive } from './emission-exp';
import { rereference, SCALE_UNDERFLOW } from './forward-rereference';
import type { Matrix } from './hmm-types';
import type { HMMWorkspace } from './hmm-workspace';
import { unrolledKernels } from './unrolled-kernels';

/**
 * Forward pass over all rows of X; fills ws.alpha and ws.b and returns log p(X). `kernels: false` forces
 * the generic loops (the written-out kernels for K = 2, 3, 4 must match them; see the kernel tests).
 */
export function forwardPass(
  em: Emission,
  startProb: Float64Array,
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
  kernels = true,
): number {
  const kernel = kernels ? unrolledKernels(ws.K) : null;
  if (kernel && X.cols === 2) return kernel.forward(em, startProb, transMat, X, ws, true);
  // Otherwise pass 1 writes the log-densities into b and each row's maximum into rowMax and pass 2 turns
  // them into relative probabilities and runs the recursion. (Emission passes written out for D = 1, 2 with
  // a K loop measured 2x slower than these generic ones, so only the fully fused D = 2 kernels exist.)
  if (em.full) emissionFull(em, X, ws.b, ws.rowMax);
  else emissionDiag(em, X, ws.b, ws.rowMax);
  if (kernel) return kernel.forward(em, startProb, transMat, X, ws, false);
  return forwardRecursion(em, startProb, transMat, X, ws);
}

/**
 * The scaled recursion over the log-densities in ws.b (turned into relative probabilities in place). The row
 * step is written out here (same operations in the same order as forwardRow in forward-row.ts, so results are
 * bit-identical) because this loop is the hot path of every EM iteration.
 */
function forwardRecursion(
  em: Emission,
  startProb: Float64Array,
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
): number {
  const K = ws.K;
  const T = X.rows;
  const { alpha, b, rowMax, row } = ws;
  const { pred, logB } = row;
  let logLik = 0;
  // Σ ln c_t as the log of a running product, flushed before it could leave the normal range: one Math.log
  // per many rows instead of one per row.
  let product = 1;
  for (let t = 0; t < T; t++) {
    const aOff = t * K;
    if (t === 0) {
      for (let j = 0; j < K; j++) pred[j] = startProb[j]!;
    } else {
      const pOff = aOff - K;
      for (let j = 0; j < K; j++) pred[j] = 0;
      for (let i = 0; i < K; i++) {
        const ai = alpha[pOff + i]!;
        if (ai === 0) continue;
        const base = i * K;
        for (let j = 0; j < K; j++) pred[j] = pred[j]! + ai * transMat[base + j]!;
      }
    }
    let m = rowMax[t]!;
    let s = 0;
    for (let j = 0; j < K; j++) {
      const lb = b[aOff + j]!;
      const bj = lb === m ? 1 : expNonPositive(lb - m);
      b[aOff + j] = bj;
      const a = pred[j]! * bj;
      alpha[aOff + j] = a;
      s += a;
    }
    if (!(s > SCALE_UNDERFLOW)) {
      emissionRow(em, X.data, t * X.cols, logB);
      s = rereference(pred, logB, alpha, aOff, b, aOff, K, row);
      m = row.refLog;
    }
    const inv = 1 / s;
    for (let j = 0; j < K; j++) alpha[aOff + j] = alpha[aOff + j]! * inv;
    logLik += m;
    product *= s;
    if (product < 1e-15 || product > 1e15) {
      logLik += Math.log(product);
      product = 1;
    }
  }
  return logLik + Math.log(product);
}
