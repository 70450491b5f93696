// The backward pass written out for K = 3, fused with the M-step's sufficient statistics: β, the transition
// matrix, the ξ sums and the per-state moments live in locals, and γ_t goes straight into the statistics
// (it is never stored, which saves a pass over γ and X). Same operations in the same order (rows from last
// to first) as backwardStats' generic loops, so results are bit-identical.

const BETA_CAP = 1e300;

/**
 * Rows hi - 1 down to lo; β_hi in beta, the ξ sums so far in xi and the moments so far in carry (layout in
 * writeMoments), all updated; γ_0 goes into start. Takes arrays and numbers, not the objects they live in
 * (why: kernel-chunks.ts).
 */
export function backwardChunk3(
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
  const a02 = transMat[2]!;
  const a10 = transMat[3]!;
  const a11 = transMat[4]!;
  const a12 = transMat[5]!;
  const a20 = transMat[6]!;
  const a21 = transMat[7]!;
  const a22 = transMat[8]!;
  let x00 = xi[0]!;
  let x01 = xi[1]!;
  let x02 = xi[2]!;
  let x10 = xi[3]!;
  let x11 = xi[4]!;
  let x12 = xi[5]!;
  let x20 = xi[6]!;
  let x21 = xi[7]!;
  let x22 = xi[8]!;
  let be0 = beta[0]!;
  let be1 = beta[1]!;
  let be2 = beta[2]!;
  let n0 = carry[0]!;
  let n1 = carry[1]!;
  let n2 = carry[2]!;
  let su0 = carry[3]!;
  let su1 = carry[4]!;
  let su2 = carry[5]!;
  let sv0 = carry[6]!;
  let sv1 = carry[7]!;
  let sv2 = carry[8]!;
  let uu0 = carry[9]!;
  let uu1 = carry[10]!;
  let uu2 = carry[11]!;
  let uv0 = carry[12]!;
  let uv1 = carry[13]!;
  let uv2 = carry[14]!;
  let vv0 = carry[15]!;
  let vv1 = carry[16]!;
  let vv2 = carry[17]!;
  for (let t = hi - 1, off = (hi - 1) * 3, xOff = (hi - 1) * D; t >= lo; t--, off -= 3, xOff -= D) {
    const g0 = alpha[off]! * be0;
    const g1 = alpha[off + 1]! * be1;
    const g2 = alpha[off + 2]! * be2;
    const inv = 1 / (g0 + g1 + g2);
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
    const y2 = g2 * inv;
    n2 += y2;
    const h2 = y2 * u;
    su2 += h2;
    uu2 += h2 * u;
    if (two) {
      const v = x[xOff + 1]!;
      const e0 = y0 * v;
      sv0 += e0;
      vv0 += e0 * v;
      const e1 = y1 * v;
      sv1 += e1;
      vv1 += e1 * v;
      const e2 = y2 * v;
      sv2 += e2;
      vv2 += e2 * v;
      if (full) {
        uv0 += h0 * v;
        uv1 += h1 * v;
        uv2 += h2 * v;
      }
    }
    if (t === 0) {
      start[0] = y0;
      start[1] = y1;
      start[2] = y2;
      break;
    }
    const w0 = b[off]! * be0;
    const w1 = b[off + 1]! * be1;
    const w2 = b[off + 2]! * be2;
    let s0 = a00 * w0 + a01 * w1 + a02 * w2;
    let s1 = a10 * w0 + a11 * w1 + a12 * w2;
    let s2 = a20 * w0 + a21 * w1 + a22 * w2;
    const p0 = alpha[off - 3]!;
    const p1 = alpha[off - 2]!;
    const p2 = alpha[off - 1]!;
    let gp = p0 * s0 + p1 * s1 + p2 * s2;
    // Only reachable when structural zeros in A meet capped emission ratios: restart β rather than divide by 0.
    if (!(gp > 0 && gp < Infinity)) {
      s0 = s1 = s2 = 1;
      gp = 1;
    }
    const invGp = 1 / gp;
    const c0 = p0 * invGp;
    const c1 = p1 * invGp;
    const c2 = p2 * invGp;
    x00 += c0 * w0;
    x01 += c0 * w1;
    x02 += c0 * w2;
    x10 += c1 * w0;
    x11 += c1 * w1;
    x12 += c1 * w2;
    x20 += c2 * w0;
    x21 += c2 * w1;
    x22 += c2 * w2;
    const v0 = s0 * invGp;
    const v1 = s1 * invGp;
    const v2 = s2 * invGp;
    be0 = v0 < BETA_CAP ? v0 : BETA_CAP;
    be1 = v1 < BETA_CAP ? v1 : BETA_CAP;
    be2 = v2 < BETA_CAP ? v2 : BETA_CAP;
  }
  xi[0] = x00;
  xi[1] = x01;
  xi[2] = x02;
  xi[3] = x10;
  xi[4] = x11;
  xi[5] = x12;
  xi[6] = x20;
  xi[7] = x21;
  xi[8] = x22;
  beta[0] = be0;
  beta[1] = be1;
  beta[2] = be2;
  carry[0] = n0;
  carry[1] = n1;
  carry[2] = n2;
  carry[3] = su0;
  carry[4] = su1;
  carry[5] = su2;
  carry[6] = sv0;
  carry[7] = sv1;
  carry[8] = sv2;
  carry[9] = uu0;
  carry[10] = uu1;
  carry[11] = uu2;
  carry[12] = uv0;
  carry[13] = uv1;
  carry[14] = uv2;
  carry[15] = vv0;
  carry[16] = vv1;
  carry[17] = vv2;
}
