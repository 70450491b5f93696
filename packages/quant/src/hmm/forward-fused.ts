// Emission and the scaled forward recursion fused into one pass for K = 3 and D = 2 (the default model on
// [logret, absret]): the means, inverse variances (or inverse Cholesky factors), log-normalisers and the
// transition matrix are locals, and the log-densities never go through memory. ~30% cheaper than the
// emission pass followed by the recursion. Same operations in the same order as emissionDiag /
// emissionFull and the generic recursion, so results are bit-identical.
import { emissionRow, LOG_DENSITY_FLOOR, type Emission } from './emission';
import { expNonPositive } from './emission-exp';
import type { HMMWorkspace } from './forward-backward';
import { rereference, SCALE_UNDERFLOW } from './forward-rereference';
import type { Matrix } from './hmm-types';

/**
 * Forward pass for K = 3, D = 2: fills ws.alpha and ws.b, returns log p(X). `em.full` selects the full
 * kernel (z = L⁻¹ (x - μ)), otherwise the diag one; the per-row branch on it is perfectly predicted.
 */
export function forwardFused3D2(
  em: Emission,
  startProb: Float64Array,
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
): number {
  const x = X.data;
  const T = X.rows;
  const { alpha, b, row } = ws;
  const { pred, logB } = row;
  const { means, factor, logNorm } = em;
  const full = em.full;
  const m00 = means[0]!;
  const m01 = means[1]!;
  const m10 = means[2]!;
  const m11 = means[3]!;
  const m20 = means[4]!;
  const m21 = means[5]!;
  // diag: 1/variance per feature (f?0, f?1); full: L⁻¹ = [f?0 0; f?1 f?2].
  const f00 = factor[0]!;
  const f01 = full ? factor[2]! : factor[1]!;
  const f02 = factor[3]!;
  const f10 = full ? factor[4]! : factor[2]!;
  const f11 = full ? factor[6]! : factor[3]!;
  const f12 = factor[7]!;
  const f20 = full ? factor[8]! : factor[4]!;
  const f21 = full ? factor[10]! : factor[5]!;
  const f22 = factor[11]!;
  const n0 = logNorm[0]!;
  const n1 = logNorm[1]!;
  const n2 = logNorm[2]!;
  const a00 = transMat[0]!;
  const a01 = transMat[1]!;
  const a02 = transMat[2]!;
  const a10 = transMat[3]!;
  const a11 = transMat[4]!;
  const a12 = transMat[5]!;
  const a20 = transMat[6]!;
  const a21 = transMat[7]!;
  const a22 = transMat[8]!;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let logLik = 0;
  let product = 1;
  for (let t = 0, off = 0, xOff = 0; t < T; t++, off += 3, xOff += 2) {
    const u = x[xOff]!;
    const v = x[xOff + 1]!;
    const d00 = u - m00;
    const d01 = v - m01;
    const d10 = u - m10;
    const d11 = v - m11;
    const d20 = u - m20;
    const d21 = v - m21;
    let l0: number;
    let l1: number;
    let l2: number;
    if (full) {
      const z00 = f00 * d00;
      const z01 = f01 * d00 + f02 * d01;
      l0 = n0 - 0.5 * (z00 * z00 + z01 * z01);
      const z10 = f10 * d10;
      const z11 = f11 * d10 + f12 * d11;
      l1 = n1 - 0.5 * (z10 * z10 + z11 * z11);
      const z20 = f20 * d20;
      const z21 = f21 * d20 + f22 * d21;
      l2 = n2 - 0.5 * (z20 * z20 + z21 * z21);
    } else {
      l0 = n0 - 0.5 * (d00 * d00 * f00 + d01 * d01 * f01);
      l1 = n1 - 0.5 * (d10 * d10 * f10 + d11 * d11 * f11);
      l2 = n2 - 0.5 * (d20 * d20 * f20 + d21 * d21 * f21);
    }
    if (!(l0 > LOG_DENSITY_FLOOR)) l0 = LOG_DENSITY_FLOOR;
    if (!(l1 > LOG_DENSITY_FLOOR)) l1 = LOG_DENSITY_FLOOR;
    if (!(l2 > LOG_DENSITY_FLOOR)) l2 = LOG_DENSITY_FLOOR;
    let m = l0;
    if (l1 > m) m = l1;
    if (l2 > m) m = l2;
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
      emissionRow(em, x, xOff, logB);
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
