// The backward pass written out for K = 3, split from the sufficient statistics: β, the transition matrix
// and the ξ accumulators live in locals and γ_t overwrites α̂_t in place (α̂_t is last read to form γ_t),
// then one pass over γ and X, written out for D = 1 and D = 2, accumulates the M-step statistics. Same
// operations in the same order (rows from last to first) as backwardStats' generic loops, so results are
// bit-identical.
import type { HMMWorkspace, SufficientStats } from './forward-backward';
import type { Matrix } from './hmm-types';

const BETA_CAP = 1e300;

/**
 * Rows per call of the chunk kernel. A single call over all rows runs as on-stack-replaced code, which V8
 * failed to re-optimise when a second fit in the same process started (each iteration then ran ~30 ms in
 * the slower tiers); a kernel called ~100 times per pass is optimised normally. State crosses chunks in
 * ws.beta and ws.xi, exactly (stores and loads of doubles), so the results do not depend on the chunking.
 */
const CHUNK_ROWS = 8192;

/** γ (T x 3) into ws.alpha (α̂ is consumed) and Σ_t ξ_t without its A[i,j] factor into ws.xi. */
export function backwardGamma3(transMat: Float64Array, T: number, ws: HMMWorkspace): void {
  ws.beta.fill(1);
  ws.xi.fill(0);
  for (let hi = T; hi > 0; hi -= CHUNK_ROWS) backwardChunk3(transMat, ws, Math.max(hi - CHUNK_ROWS, 0), hi);
}

/** Rows hi - 1 down to lo; β_hi in ws.beta and the ξ sums so far in ws.xi, both updated. */
function backwardChunk3(transMat: Float64Array, ws: HMMWorkspace, lo: number, hi: number): void {
  const { alpha, b, beta, xi } = ws;
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
  for (let t = hi - 1, off = (hi - 1) * 3; t >= lo; t--, off -= 3) {
    const g0 = alpha[off]! * be0;
    const g1 = alpha[off + 1]! * be1;
    const g2 = alpha[off + 2]! * be2;
    const inv = 1 / (g0 + g1 + g2);
    alpha[off] = g0 * inv;
    alpha[off + 1] = g1 * inv;
    alpha[off + 2] = g2 * inv;
    if (t === 0) break;
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
}

/** post, obs and obs2 (squares; for D = 1 also the full 1 x 1 outer product) of K = 3 from γ, D = 1. */
export function gammaStats3D1(gamma: Float64Array, X: Matrix, stats: SufficientStats): void {
  const x = X.data;
  let n0 = 0;
  let n1 = 0;
  let n2 = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  for (let t = X.rows - 1, off = (X.rows - 1) * 3; t >= 0; t--, off -= 3) {
    const v = x[t]!;
    const g0 = gamma[off]!;
    const g1 = gamma[off + 1]!;
    const g2 = gamma[off + 2]!;
    n0 += g0;
    n1 += g1;
    n2 += g2;
    const h0 = g0 * v;
    const h1 = g1 * v;
    const h2 = g2 * v;
    s0 += h0;
    s1 += h1;
    s2 += h2;
    q0 += h0 * v;
    q1 += h1 * v;
    q2 += h2 * v;
  }
  setStats(stats, gamma, n0, n1, n2);
  const { obs, obs2 } = stats;
  obs[0] = s0;
  obs[1] = s1;
  obs[2] = s2;
  obs2[0] = q0;
  obs2[1] = q1;
  obs2[2] = q2;
}

/** The same for D = 2, diag/spherical layout (obs2 holds the squares, K x 2). */
export function gammaStats3D2Diag(gamma: Float64Array, X: Matrix, stats: SufficientStats): void {
  const x = X.data;
  let n0 = 0;
  let n1 = 0;
  let n2 = 0;
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  let q00 = 0;
  let q01 = 0;
  let q10 = 0;
  let q11 = 0;
  let q20 = 0;
  let q21 = 0;
  for (let t = X.rows - 1, off = (X.rows - 1) * 3, xOff = (X.rows - 1) * 2; t >= 0; t--, off -= 3, xOff -= 2) {
    const u = x[xOff]!;
    const v = x[xOff + 1]!;
    const g0 = gamma[off]!;
    const g1 = gamma[off + 1]!;
    const g2 = gamma[off + 2]!;
    n0 += g0;
    n1 += g1;
    n2 += g2;
    let h = g0 * u;
    s00 += h;
    q00 += h * u;
    h = g0 * v;
    s01 += h;
    q01 += h * v;
    h = g1 * u;
    s10 += h;
    q10 += h * u;
    h = g1 * v;
    s11 += h;
    q11 += h * v;
    h = g2 * u;
    s20 += h;
    q20 += h * u;
    h = g2 * v;
    s21 += h;
    q21 += h * v;
  }
  setStats(stats, gamma, n0, n1, n2);
  const { obs, obs2 } = stats;
  obs[0] = s00;
  obs[1] = s01;
  obs[2] = s10;
  obs[3] = s11;
  obs[4] = s20;
  obs[5] = s21;
  obs2[0] = q00;
  obs2[1] = q01;
  obs2[2] = q10;
  obs2[3] = q11;
  obs2[4] = q20;
  obs2[5] = q21;
}

/** The same for D = 2, full/tied layout (obs2 holds the 2 x 2 outer products, K x 2 x 2). */
export function gammaStats3D2Full(gamma: Float64Array, X: Matrix, stats: SufficientStats): void {
  const x = X.data;
  let n0 = 0;
  let n1 = 0;
  let n2 = 0;
  let s00 = 0;
  let s01 = 0;
  let s10 = 0;
  let s11 = 0;
  let s20 = 0;
  let s21 = 0;
  // q{k}{de}: upper triangle (0,0), (0,1), (1,1) of state k.
  let q000 = 0;
  let q001 = 0;
  let q011 = 0;
  let q100 = 0;
  let q101 = 0;
  let q111 = 0;
  let q200 = 0;
  let q201 = 0;
  let q211 = 0;
  for (let t = X.rows - 1, off = (X.rows - 1) * 3, xOff = (X.rows - 1) * 2; t >= 0; t--, off -= 3, xOff -= 2) {
    const u = x[xOff]!;
    const v = x[xOff + 1]!;
    const g0 = gamma[off]!;
    const g1 = gamma[off + 1]!;
    const g2 = gamma[off + 2]!;
    n0 += g0;
    n1 += g1;
    n2 += g2;
    let h = g0 * u;
    s00 += h;
    q000 += h * u;
    q001 += h * v;
    h = g0 * v;
    s01 += h;
    q011 += h * v;
    h = g1 * u;
    s10 += h;
    q100 += h * u;
    q101 += h * v;
    h = g1 * v;
    s11 += h;
    q111 += h * v;
    h = g2 * u;
    s20 += h;
    q200 += h * u;
    q201 += h * v;
    h = g2 * v;
    s21 += h;
    q211 += h * v;
  }
  setStats(stats, gamma, n0, n1, n2);
  const { obs, obs2 } = stats;
  obs[0] = s00;
  obs[1] = s01;
  obs[2] = s10;
  obs[3] = s11;
  obs[4] = s20;
  obs[5] = s21;
  obs2.set([q000, q001, q001, q011, q100, q101, q101, q111, q200, q201, q201, q211]);
}

/** post, start (γ_0) and trans (ξ ⊙ A) of K = 3. */
function setStats(stats: SufficientStats, gamma: Float64Array, n0: number, n1: number, n2: number): void {
  const { post, start } = stats;
  post[0] = n0;
  post[1] = n1;
  post[2] = n2;
  start[0] = gamma[0]!;
  start[1] = gamma[1]!;
  start[2] = gamma[2]!;
}
