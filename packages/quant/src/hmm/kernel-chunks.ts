// The passes that run the written-out kernels (forward-unrolled-k*.ts, backward-unrolled-k*.ts) over a
// series in chunks: the chunk lengths, the generic step for a row where a forward kernel stops, and the
// write-out of the statistics kernels' running sums.
import type { Emission } from './emission';
import { forwardRow } from './forward-row';
import type { Matrix } from './hmm-types';
import type { HMMWorkspace, SufficientStats } from './hmm-workspace';

/**
 * Rows per call of a chunk kernel. The ~2,000 calls per pass over a million rows cost < 1%. State crosses
 * chunks in ws.alpha, ws.beta, ws.xi, ws.forwardCarry and ws.statsCarry, exactly (stores and loads of
 * doubles), so results do not depend on the chunking. Chunks keep a kernel call short, so V8 optimises the
 * kernel as a whole function within a pass rather than only its running loop (on-stack replacement).
 */
export const CHUNK_ROWS = 512;

/**
 * Every pass starts with chunks of 16, 32, ... rows up to CHUNK_ROWS, so that the kernels' first calls are
 * short and V8 has their type feedback before a long call reaches its optimising compiler.
 */
export const FIRST_CHUNK_ROWS = 16;

// Why the chunk kernels take the typed arrays and numbers they work on, never the objects
// (workspace, emission, observations) that hold them. V8 compiles a kernel twice: as a whole function and,
// during its first long call, from the loop on (on-stack replacement, OSR). Code that read an object's field
// depends on that object's shape, and when a shape changes anywhere in the process (the second object made
// by the same literal generalises its field types, for one) the whole-function code is thrown away, while
// the OSR code, which got those values as plain inputs, stays. Every later call then entered the OSR code,
// which keeps the loop's numbers boxed and never counts towards re-optimising the function: a second fit in
// the same process ran at ~70 instead of ~45 ms per iteration (docs/benchmarks.md, 2026-12-06). With only
// arrays and numbers to read, the kernels have no shape to depend on; kernel-warm-up.ts removes the other
// cause, branches without type feedback.

/**
 * post, obs, obs2 and trans (ξ ⊙ A) from the running sums in ws.xi and ws.statsCarry, whose six K-long
 * blocks are Σγ, Σγx₀, Σγx₁, Σγx₀², Σγx₀x₁, Σγx₁² (the x₁ blocks stay 0 for D = 1).
 */
function writeMoments(ws: HMMWorkspace, transMat: Float64Array, stats: SufficientStats): void {
  const { K, D, full, post, obs, obs2, trans } = stats;
  const sums = ws.statsCarry;
  for (let k = 0; k < K; k++) {
    post[k] = sums[k]!;
    const su = sums[K + k]!;
    const uu = sums[3 * K + k]!;
    if (D === 1) {
      obs[k] = su;
      obs2[k] = uu;
      continue;
    }
    const sv = sums[2 * K + k]!;
    const uv = sums[4 * K + k]!;
    const vv = sums[5 * K + k]!;
    obs[2 * k] = su;
    obs[2 * k + 1] = sv;
    if (full) obs2.set([uu, uv, uv, vv], 4 * k);
    else {
      obs2[2 * k] = uu;
      obs2[2 * k + 1] = vv;
    }
  }
  for (let i = 0; i < K * K; i++) trans[i] = ws.xi[i]! * transMat[i]!;
}

/** A written-out forward kernel (forward-unrolled-k*.ts): rows lo to hi - 1; returns hi or the row it stopped at. */
export type ForwardChunk = (
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
) => number;

/** A written-out statistics kernel (backward-unrolled-k*.ts): rows hi - 1 down to lo. */
export type BackwardChunk = (
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
) => void;

/**
 * Forward pass with a written-out kernel: fills ws.alpha and ws.b, returns log p(X). `fused` (D = 2 only)
 * computes the emission densities in the pass; otherwise ws.b and ws.rowMax must hold the log-densities
 * and row maxima.
 */
export function forwardInChunks(
  chunk: ForwardChunk,
  em: Emission,
  startProb: Float64Array,
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
  fused: boolean,
): number {
  const { data: x, rows: T, cols: D } = X;
  const { alpha, b, rowMax, forwardCarry: carry } = ws;
  const { means, factor, logNorm, full } = em;
  carry[0] = 0;
  carry[1] = 1;
  for (let lo = 0, rows = FIRST_CHUNK_ROWS; lo < T; lo += rows, rows = Math.min(2 * rows, CHUNK_ROWS)) {
    const hi = Math.min(lo + rows, T);
    // The kernel returns hi, or a row that underflows, which the generic step takes before the kernel goes on.
    for (let from = lo; ; from++) {
      from = chunk(x, D, alpha, b, rowMax, carry, means, factor, logNorm, full, fused, startProb, transMat, from, hi);
      if (from === hi) break;
      forwardRescueRow(em, startProb, transMat, X, ws, from);
    }
  }
  return carry[0]! + Math.log(carry[1]!);
}

/** Sufficient statistics of one E-step with a written-out kernel, D <= 2, after the forward pass. */
export function backwardStatsInChunks(
  chunk: BackwardChunk,
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
  stats: SufficientStats,
): void {
  const { data: x, rows: T, cols: D } = X;
  const { alpha, b, beta, xi, statsCarry: carry } = ws;
  const { full, start } = stats;
  beta.fill(1);
  xi.fill(0);
  carry.fill(0);
  for (let hi = T, rows = FIRST_CHUNK_ROWS; hi > 0; hi -= rows, rows = Math.min(2 * rows, CHUNK_ROWS))
    chunk(x, D, full, start, alpha, b, beta, xi, carry, transMat, Math.max(hi - rows, 0), hi);
  writeMoments(ws, transMat, stats);
}

/**
 * Row t, where a written-out forward kernel stopped because every state the past allows underflows there
 * (forward-rereference.ts): the generic step, with Σ m_t and the scale product carried in ws.forwardCarry
 * as the kernels carry them. Kept out of the kernels so their optimised code never holds this rare path.
 */
function forwardRescueRow(
  em: Emission,
  startProb: Float64Array,
  transMat: Float64Array,
  X: Matrix,
  ws: HMMWorkspace,
  t: number,
): void {
  const K = ws.K;
  const { alpha, b, row, forwardCarry: carry } = ws;
  const prev = t > 0 ? alpha : null;
  const s = forwardRow(em, startProb, transMat, prev, (t - 1) * K, X.data, t * X.cols, alpha, t * K, b, t * K, row);
  let logLik = carry[0]! + row.refLog;
  let product = carry[1]! * s;
  if (product < 1e-15 || product > 1e15) {
    logLik += Math.log(product);
    product = 1;
  }
  carry[0] = logLik;
  carry[1] = product;
}
