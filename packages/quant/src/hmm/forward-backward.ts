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
import { unrolledKernels } from './unrolled-kernels';

/** Buffers for one series, allocated once per fit and reused by every iteration and restart. */
export interface HMMWorkspace {
  readonly T: number;
  readonly K: number;
  /** T x K normalised forward variables α̂ (filtered probabilities). */
  readonly alpha: Float64Array;
  /** T x K emission probabilities relative to the row maximum. */
  readonly b: Float64Array;
  /** T: each row's largest log-density (the reference of its b row). */
  readonly rowMax: Float64Array;
  readonly row: RowScratch;
  readonly beta: Float64Array;
  readonly betaPrev: Float64Array;
  readonly w: Float64Array;
  readonly xi: Float64Array;
  /** The written-out forward kernel's Σ m_t and running product of scales between chunks. */
  readonly forwardCarry: Float64Array;
  /** The written-out statistics kernel's six K-long running sums between chunks (see writeMoments). */
  readonly statsCarry: Float64Array;
}

/** Per-row scratch shared by the batch pass and the online `forwardStep`. */
export interface RowScratch {
  readonly logB: Float64Array;
  readonly pred: Float64Array;
  /** Log reference of the last row: ln p(x_t | past) = refLog + ln(scale). */
  refLog: number;
}

export const createRowScratch = (K: number): RowScratch => ({
  logB: new Float64Array(K),
  pred: new Float64Array(K),
  refLog: 0,
});

export function createWorkspace(T: number, K: number): HMMWorkspace {
  return {
    T,
    K,
    alpha: new Float64Array(T * K),
    b: new Float64Array(T * K),
    rowMax: new Float64Array(T),
    row: createRowScratch(K),
    beta: new Float64Array(K),
    betaPrev: new Float64Array(K),
    w: new Float64Array(K),
    xi: new Float64Array(K * K),
    forwardCarry: new Float64Array(2),
    statsCarry: new Float64Array(6 * K),
  };
}

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
 * step is written out here (same operations in the same order as {@link forwardRow}, so results are
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

/** Sufficient statistics of one E-step (hmmlearn's `post`, `start`, `trans`, `obs`, `obs**2` / `obs*obs.T`). */
export interface SufficientStats {
  readonly K: number;
  readonly D: number;
  /** true: obs2 holds K x D x D outer products (full, tied); false: K x D squares (diag, spherical). */
  readonly full: boolean;
  readonly post: Float64Array;
  readonly start: Float64Array;
  readonly trans: Float64Array;
  readonly obs: Float64Array;
  readonly obs2: Float64Array;
}

export function createStats(K: number, D: number, full: boolean): SufficientStats {
  return {
    K,
    D,
    full,
    post: new Float64Array(K),
    start: new Float64Array(K),
    trans: new Float64Array(K * K),
    obs: new Float64Array(K * D),
    obs2: new Float64Array(full ? K * D * D : K * D),
  };
}
