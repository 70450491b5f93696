// The backward pass written out for K = 2, fused with the M-step's sufficient statistics: β, the transition
// matrix, the ξ sums and the per-state moments live in locals, and γ_t goes straight into the statistics
// (it is never stored, which saves a pass over γ and X). Same operations in the same order (rows from last
// to first) as backwardStats' generic loops, so results are bit-identical.

const BETA_CAP = 1e300;

/**
 * Rows hi - 1 down to lo; β_hi in beta, the ξ sums so far in xi and the moments so far in carry (layout in
 * writeMoments), all updated; γ_0 goes into start. Takes arrays and numbers, not the objects they live in
 * (why: kernel-chunks.ts).
 */
export function backwardChunk2(
  x: Float64Array,
  D: number,
  full: boolean,
  start: Float64Array,
  alpha: Float64Array,
  b: Float64Array,
  beta: Float64Array,
  xi: Float64Array,
  carry: Float64Array,
  transMat: Float64Array,
  lo: number,
  hi: number,
): void {
  const two = D === 2;
  const a00 = transMat[0]!;
  const a01 = transMat[1]!;
  const a10 = transMat[2]!;
  const a11 = transMat[3]!;
  let x00 = xi[0]!;
  let x01 = xi[1]!;
  let x10 = xi[2]!;
  let x11 = xi[3]!;
  let be0 = beta[0]!;
  let be1 = beta[1]!;
  let n0 = carry[0]!;
  let n1 = carry[1]!;
  let su0 = carry[2]!;
  let su1 = carry[3]!;
  let sv0 = carry[4]!;
  let sv1 = carry[5]!;
  let uu0 = carry[6]!;
  let uu1 = carry[7]!;
  let uv0 = carry[8]!;
  let uv1 = carry[9]!;
  let vv0 = carry[10]!;
  let vv1 = carry[11]!;
  for (let t = hi - 1, off = (hi - 1) * 2, xOff = (hi - 1) * D; t >= lo; t--, off -= 2, xOff -= D) {
    const g0 = alpha[off]! * be0;
    const g1 = alpha[off + 1]! * be1;
    const inv = 1 / (g0 + g1);
    const u = x[xOff]!;
    const y0 = g0 * inv;
    n0 += y0;
    const h0 = y0 * u;
    su0 += h0;
    uu0 += h0 * u;
    const y1 = g1 * inv;
    n1 += y1;
    const h1 = y1 * u;
    su1 += h1;
    uu1 += h1 * u;
    if (two) {
      const v = x[xOff + 1]!;
      const e0 = y0 * v;
      sv0 += e0;
      vv0 += e0 * v;
      const e1 = y1 * v;
      sv1 += e1;
      vv1 += e1 * v;
      if (full) {
        uv0 += h0 * v;
        uv1 += h1 * v;
      }
    }
    if (t === 0) {
      start[0] = y0;
      start[1] = y1;
      break;
    }
    const w0 = b[off]! * be0;
    const w1 = b[off + 1]! * be1;
    let s0 = a00 * w0 + a01 * w1;
    let s1 = a10 * w0 + a11 * w1;
    const p0 = alpha[off - 2]!;
    const p1 = alpha[off - 1]!;
    let gp = p0 * s0 + p1 * s1;
    // Only reachable when structural zeros in A meet capped emission ratios: restart β rather than divide by 0.
    if (!(gp > 0 && gp < Infinity)) {
      s0 = s1 = 1;
      gp = 1;
    }
    const invGp = 1 / gp;
    const c0 = p0 * invGp;
    const c1 = p1 * invGp;
    x00 += c0 * w0;
    x01 += c0 * w1;
    x10 += c1 * w0;
    x11 += c1 * w1;
    const v0 = s0 * invGp;
    const v1 = s1 * invGp;
    be0 = v0 < BETA_CAP ? v0 : BETA_CAP;
    be1 = v1 < BETA_CAP ? v1 : BETA_CAP;
  }
  xi[0] = x00;
  xi[1] = x01;
  xi[2] = x10;
  xi[3] = x11;
  beta[0] = be0;
  beta[1] = be1;
  carry[0] = n0;
  carry[1] = n1;
  carry[2] = su0;
  carry[3] = su1;
  carry[4] = sv0;
  carry[5] = sv1;
  carry[6] = uu0;
  carry[7] = uu1;
  carry[8] = uv0;
  carry[9] = uv1;
  carry[10] = vv0;
  carry[11] = vv1;
}
