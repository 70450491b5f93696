// The scaled forward recursion written out for K = 3 (the default regime count): the transition matrix and
// the previous row's α̂ live in locals, so the row step is straight-line code with no inner loops and no
// loads of A. Same operations in the same order as the generic recursion, so results are bit-identical;
// the rare underflowing row goes through the shared re-referencing code.
import { emissionRow, type Emission } from './emission';
import { expNonPositive } from './emission-exp';
import type { HMMWorkspace } from './forward-backward';
import { rereference, SCALE_UNDERFLOW } from './forward-rereference';
import type { Matrix } from './hmm-types';

/** Forward recursion for K = 3 over the log-densities in ws.b; returns log p(X). */
export function forwardRecursion3(
  em: Emission,
  startProb: Float64Array,
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
): number {
  const T = X.rows;
  const { alpha, b, rowMax, row } = ws;
  const { pred, logB } = row;
  const a00 = transMat[0]!;
  const a01 = transMat[1]!;
  const a02 = transMat[2]!;
  const a10 = transMat[3]!;
  const a11 = transMat[4]!;
  const a12 = transMat[5]!;
  const a20 = transMat[6]!;
  const a21 = transMat[7]!;
  const a22 = transMat[8]!;
  // α̂_{t-1}; the start probabilities play the role of pred at t = 0.
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let logLik = 0;
  let product = 1;
  for (let t = 0, off = 0; t < T; t++, off += 3) {
    let p0: number;
    let p1: number;
    let p2: number;
    if (t === 0) {
      p0 = startProb[0]!;
      p1 = startProb[1]!;
      p2 = startProb[2]!;
    } else {
      p0 = q0 * a00 + q1 * a10 + q2 * a20;
      p1 = q0 * a01 + q1 * a11 + q2 * a21;
      p2 = q0 * a02 + q1 * a12 + q2 * a22;
    }
    let m = rowMax[t]!;
    const l0 = b[off]!;
    const l1 = b[off + 1]!;
    const l2 = b[off + 2]!;
    const b0 = l0 === m ? 1 : expNonPositive(l0 - m);
    const b1 = l1 === m ? 1 : expNonPositive(l1 - m);
    const b2 = l2 === m ? 1 : expNonPositive(l2 - m);
    b[off] = b0;
    b[off + 1] = b1;
    b[off + 2] = b2;
    let r0 = p0 * b0;
    let r1 = p1 * b1;
    let r2 = p2 * b2;
    let s = r0 + r1 + r2;
    if (!(s > SCALE_UNDERFLOW)) {
      pred[0] = p0;
      pred[1] = p1;
      pred[2] = p2;
      emissionRow(em, X.data, t * X.cols, logB);
      s = rereference(pred, logB, alpha, off, b, off, 3, row);
      m = row.refLog;
      r0 = alpha[off]!;
      r1 = alpha[off + 1]!;
      r2 = alpha[off + 2]!;
    }
    const inv = 1 / s;
    q0 = r0 * inv;
    q1 = r1 * inv;
    q2 = r2 * inv;
    alpha[off] = q0;
    alpha[off + 1] = q1;
    alpha[off + 2] = q2;
    logLik += m;
    product *= s;
    if (product < 1e-15 || product > 1e15) {
      logLik += Math.log(product);
      product = 1;
    }
  }
  return logLik + Math.log(product);
}
