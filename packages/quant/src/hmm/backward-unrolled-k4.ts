// The backward pass written out for K = 4, fused with the M-step's sufficient statistics: β, the transition
// matrix, the ξ sums and the per-state moments live in locals, and γ_t goes straight into the statistics
// (it is never stored, which saves a pass over γ and X). Same operations in the same order (rows from last
// to first) as backwardStats' generic loops, so results are bit-identical.

const BETA_CAP = 1e300;

/**
 * Rows hi - 1 down to lo; β_hi in beta, the ξ sums so far in xi and the moments so far in carry (layout in
 * writeMoments), all updated; γ_0 goes into start. Takes arrays and numbers, not the objects they live in
 * (why: kernel-chunks.ts).
 */
export function backwardChunk4(
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
  const a03 = transMat[3]!;
  const a10 = transMat[4]!;
  const a11 = transMat[5]!;
  const a12 = transMat[6]!;
  const a13 = transMat[7]!;
  const a20 = transMat[8]!;
  const a21 = transMat[9]!;
  const a22 = transMat[10]!;
  const a23 = transMat[11]!;
  const a30 = transMat[12]!;
  const a31 = transMat[13]!;
  const a32 = transMat[14]!;
  const a33 = transMat[15]!;
  let x00 = xi[0]!;
  let x01 = xi[1]!;
  let x02 = xi[2]!;
  let x03 = xi[3]!;
  let x10 = xi[4]!;
  let x11 = xi[5]!;
  let x12 = xi[6]!;
  let x13 = xi[7]!;
  let x20 = xi[8]!;
  let x21 = xi[9]!;
  let x22 = xi[10]!;
  let x23 = xi[11]!;
  let x30 = xi[12]!;
  let x31 = xi[13]!;
  let x32 = xi[14]!;
  let x33 = xi[15]!;
  let be0 = beta[0]!;
  let be1 = beta[1]!;
  let be2 = beta[2]!;
  let be3 = beta[3]!;
  let n0 = carry[0]!;
  let n1 = carry[1]!;
  let n2 = carry[2]!;
  let n3 = carry[3]!;
  let su0 = carry[4]!;
  let su1 = carry[5]!;
  let su2 = carry[6]!;
  let su3 = carry[7]!;
  let sv0 = carry[8]!;
  let sv1 = carry[9]!;
  let sv2 = carry[10]!;
  let sv3 = carry[11]!;
  let uu0 = carry[12]!;
  let uu1 = carry[13]!;
  let uu2 = carry[14]!;
  let uu3 = carry[15]!;
  let uv0 = carry[16]!;
  let uv1 = carry[17]!;
  let uv2 = carry[18]!;
  let uv3 = carry[19]!;
  let vv0 = carry[20]!;
  let vv1 = carry[21]!;
  let vv2 = carry[22]!;
  let vv3 = carry[23]!;
  for (let t = hi - 1, off = (hi - 1) * 4, xOff = (hi - 1) * D; t >= lo; t--, off -= 4, xOff -= D) {
    const g0 = alpha[off]! * be0;
    const g1 = alpha[off + 1]! * be1;
    const g2 = alpha[off + 2]! * be2;
    const g3 = alpha[off + 3]! * be3;
    const inv = 1 / (g0 + g1 + g2 + g3);
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
    const y3 = g3 * inv;
    n3 += y3;
    const h3 = y3 * u;
    su3 += h3;
    uu3 += h3 * u;
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
      const e3 = y3 * v;
      sv3 += e3;
      vv3 += e3 * v;
      if (full) {
        uv0 += h0 * v;
        uv1 += h1 * v;
        uv2 += h2 * v;
        uv3 += h3 * v;
      }
    }
    if (t === 0) {
      start[0] = y0;
      start[1] = y1;
      start[2] = y2;
      start[3] = y3;
      break;
    }
    const w0 = b[off]! * be0;
    const w1 = b[off + 1]! * be1;
    const w2 = b[off + 2]! * be2;
    const w3 = b[off + 3]! * be3;
    let s0 = a00 * w0 + a01 * w1 + a02 * w2 + a03 * w3;
    let s1 = a10 * w0 + a11 * w1 + a12 * w2 + a13 * w3;
    let s2 = a20 * w0 + a21 * w1 + a22 * w2 + a23 * w3;
    let s3 = a30 * w0 + a31 * w1 + a32 * w2 + a33 * w3;
    const p0 = alpha[off - 4]!;
    const p1 = alpha[off - 3]!;
    const p2 = alpha[off - 2]!;
    const p3 = alpha[off - 1]!;
    let gp = p0 * s0 + p1 * s1 + p2 * s2 + p3 * s3;
    // Only reachable when structural zeros in A meet capped emission ratios: restart β rather than divide by 0.
    if (!(gp > 0 && gp < Infinity)) {
      s0 = s1 = s2 = s3 = 1;
      gp = 1;
    }
    const invGp = 1 / gp;
    const c0 = p0 * invGp;
    const c1 = p1 * invGp;
    const c2 = p2 * invGp;
    const c3 = p3 * invGp;
    x00 += c0 * w0;
    x01 += c0 * w1;
    x02 += c0 * w2;
    x03 += c0 * w3;
    x10 += c1 * w0;
    x11 += c1 * w1;
    x12 += c1 * w2;
    x13 += c1 * w3;
    x20 += c2 * w0;
    x21 += c2 * w1;
    x22 += c2 * w2;
    x23 += c2 * w3;
    x30 += c3 * w0;
    x31 += c3 * w1;
    x32 += c3 * w2;
    x33 += c3 * w3;
    const v0 = s0 * invGp;
    const v1 = s1 * invGp;
    const v2 = s2 * invGp;
    const v3 = s3 * invGp;
    be0 = v0 < BETA_CAP ? v0 : BETA_CAP;
    be1 = v1 < BETA_CAP ? v1 : BETA_CAP;
    be2 = v2 < BETA_CAP ? v2 : BETA_CAP;
    be3 = v3 < BETA_CAP ? v3 : BETA_CAP;
  }
  xi[0] = x00;
  xi[1] = x01;
  xi[2] = x02;
  xi[3] = x03;
  xi[4] = x10;
  xi[5] = x11;
  xi[6] = x12;
  xi[7] = x13;
  xi[8] = x20;
  xi[9] = x21;
  xi[10] = x22;
  xi[11] = x23;
  xi[12] = x30;
  xi[13] = x31;
  xi[14] = x32;
  xi[15] = x33;
  beta[0] = be0;
  beta[1] = be1;
  beta[2] = be2;
  beta[3] = be3;
  carry[0] = n0;
  carry[1] = n1;
  carry[2] = n2;
  carry[3] = n3;
  carry[4] = su0;
  carry[5] = su1;
  carry[6] = su2;
  carry[7] = su3;
  carry[8] = sv0;
  carry[9] = sv1;
  carry[10] = sv2;
  carry[11] = sv3;
  carry[12] = uu0;
  carry[13] = uu1;
  carry[14] = uu2;
  carry[15] = uu3;
  carry[16] = uv0;
  carry[17] = uv1;
  carry[18] = uv2;
  carry[19] = uv3;
  carry[20] = vv0;
  carry[21] = vv1;
  carry[22] = vv2;
  carry[23] = vv3;
}
