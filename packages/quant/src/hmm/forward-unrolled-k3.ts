// The scaled forward pass written out for K = 3: the transition matrix and α̂_{t-1} live in locals, so the
// row step is straight-line code with no inner loops. For D = 2 the emission densities are computed in the
// same pass (means, inverse variances or inverse Cholesky factors and log-normalisers in locals), so the
// log-densities never go through memory; other D read the log-densities the emission pass left in ws.b.
// Same operations in the same order as the emission passes and the generic recursion, so results are
// bit-identical; the kernel stops at the rare underflowing row, which goes through the generic step.
import { LOG_DENSITY_FLOOR } from './emission';
import { expNonPositive } from './emission-exp';
import { SCALE_UNDERFLOW } from './forward-rereference';

/**
 * Rows lo to hi - 1; α̂_{lo-1} in alpha, Σ m_t and the running product of the scales in forwardCarry.
 * Returns hi, or the first row that underflows, which it leaves for the generic step (forwardInChunks). Takes arrays and
 * numbers, not the objects they live in (why: kernel-chunks.ts).
 */
export function forwardChunk3(
  x: Float64Array,
  D: number,
  alpha: Float64Array,
  b: Float64Array,
  rowMax: Float64Array,
  forwardCarry: Float64Array,
  means: Float64Array,
  factor: Float64Array,
  logNorm: Float64Array,
  full: boolean,
  fused: boolean,
  startProb: Float64Array,
  transMat: Float64Array,
  lo: number,
  hi: number,
): number {
  // Imported constants as number-typed locals: TurboFan re-reads an imported binding in every row and types
  // it as any value, which made each clamped log-density a heap-allocated number (~15% of the pass's time).
  const densityFloor = Number(LOG_DENSITY_FLOOR);
  const scaleUnderflow = Number(SCALE_UNDERFLOW);
  // D = 2 emission parameters. diag: 1/variance per feature (f?0, f?1); full: L⁻¹ = [f?0 0; f?1 f?2].
  const m00 = fused ? means[0]! : 0;
  const m01 = fused ? means[1]! : 0;
  const m10 = fused ? means[2]! : 0;
  const m11 = fused ? means[3]! : 0;
  const m20 = fused ? means[4]! : 0;
  const m21 = fused ? means[5]! : 0;
  const f00 = fused ? factor[0]! : 0;
  const f01 = fused ? factor[full ? 2 : 1]! : 0;
  const f02 = fused && full ? factor[3]! : 0;
  const f10 = fused ? factor[full ? 4 : 2]! : 0;
  const f11 = fused ? factor[full ? 6 : 3]! : 0;
  const f12 = fused && full ? factor[7]! : 0;
  const f20 = fused ? factor[full ? 8 : 4]! : 0;
  const f21 = fused ? factor[full ? 10 : 5]! : 0;
  const f22 = fused && full ? factor[11]! : 0;
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
  // α̂_{t-1}; the start probabilities play the role of pred at t = 0.
  let q0 = lo > 0 ? alpha[lo * 3 - 3]! : 0;
  let q1 = lo > 0 ? alpha[lo * 3 - 2]! : 0;
  let q2 = lo > 0 ? alpha[lo * 3 - 1]! : 0;
  let logLik = forwardCarry[0]!;
  let product = forwardCarry[1]!;
  let stop = hi;
  for (let t = lo, off = lo * 3, xOff = lo * D; t < hi; t++, off += 3, xOff += D) {
    let l0: number;
    let l1: number;
    let l2: number;
    let m: number;
    if (fused) {
      const u = x[xOff]!;
      const v = x[xOff + 1]!;
      const d00 = u - m00;
      const d01 = v - m01;
      const d10 = u - m10;
      const d11 = v - m11;
      const d20 = u - m20;
      const d21 = v - m21;
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
      if (!(l0 > densityFloor)) l0 = densityFloor;
      if (!(l1 > densityFloor)) l1 = densityFloor;
      if (!(l2 > densityFloor)) l2 = densityFloor;
      m = l0;
      if (l1 > m) m = l1;
      if (l2 > m) m = l2;
    } else {
      l0 = b[off]!;
      l1 = b[off + 1]!;
      l2 = b[off + 2]!;
      m = rowMax[t]!;
    }
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
    const r0 = p0 * b0;
    const r1 = p1 * b1;
    const r2 = p2 * b2;
    const s = r0 + r1 + r2;
    if (!(s > scaleUnderflow)) {
      stop = t;
      break;
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
  forwardCarry[0] = logLik;
  forwardCarry[1] = product;
  return stop;
}
