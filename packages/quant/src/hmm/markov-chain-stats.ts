import { InvalidParamsError } from './hmm-errors';

/** 1 / (1 - A_kk): the mean sojourn of a geometric stay; Infinity for an absorbing state. */
export function expectedDurations(transMat: Float64Array, K: number): Float64Array {
  const out = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const stay = transMat[k * K + k]!;
    out[k] = stay >= 1 ? Number.POSITIVE_INFINITY : 1 / (1 - stay);
  }
  return out;
}

/**
 * Stationary distribution: solves pi A = pi with sum(pi) = 1, i.e. (A^T - I) pi = 0 with one equation
 * replaced by the sum, by Gaussian elimination with partial pivoting. A chain with several closed classes
 * has no unique answer (the system is singular); then the Cesaro average of the chain started uniform is
 * returned, the long-run share of time from an uninformed start.
 */
export function stationaryDistribution(transMat: Float64Array, K: number): Float64Array {
  if (transMat.length !== K * K)
    throw new InvalidParamsError('transMat', `needs ${K * K} values, got ${transMat.length}`);
  const n = K;
  const M = new Float64Array(n * (n + 1)); // augmented [A^T - I | b]
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) M[i * (n + 1) + j] = transMat[j * K + i]! - (i === j ? 1 : 0);
  }
  for (let j = 0; j < n; j++) M[(n - 1) * (n + 1) + j] = 1;
  M[(n - 1) * (n + 1) + n] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(M[r * (n + 1) + col]!) > Math.abs(M[pivot * (n + 1) + col]!)) pivot = r;
    }
    if (Math.abs(M[pivot * (n + 1) + col]!) < 1e-12) return cesaroAverage(transMat, K);
    if (pivot !== col) {
      for (let c = 0; c <= n; c++) {
        const tmp = M[col * (n + 1) + c]!;
        M[col * (n + 1) + c] = M[pivot * (n + 1) + c]!;
        M[pivot * (n + 1) + c] = tmp;
      }
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = M[r * (n + 1) + col]! / M[col * (n + 1) + col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) M[r * (n + 1) + c]! -= f * M[col * (n + 1) + c]!;
    }
  }
  const pi = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    // rounding can leave -1e-17 on a state the chain never reaches
    pi[i] = Math.max(0, M[i * (n + 1) + n]! / M[i * (n + 1) + i]!);
    sum += pi[i]!;
  }
  for (let i = 0; i < n; i++) pi[i]! /= sum;
  return pi;
}

function cesaroAverage(transMat: Float64Array, K: number, steps = 10_000): Float64Array {
  let p = new Float64Array(K).fill(1 / K);
  let next = new Float64Array(K);
  const acc = new Float64Array(K);
  for (let s = 0; s < steps; s++) {
    next.fill(0);
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) next[j]! += p[i]! * transMat[i * K + j]!;
    [p, next] = [next, p];
    for (let i = 0; i < K; i++) acc[i]! += p[i]! / steps;
  }
  return acc;
}

/** Share of time and average run length of each state along a decoded path. */
export function pathOccupancy(
  path: ArrayLike<number>,
  K: number,
): { share: Float64Array; averageRunLength: Float64Array } {
  const steps = new Float64Array(K);
  const runs = new Float64Array(K);
  for (let t = 0; t < path.length; t++) {
    const s = path[t]!;
    if (!Number.isInteger(s) || s < 0 || s >= K)
      throw new InvalidParamsError(`path[${t}]`, `state ${s} is not in 0..${K - 1}`);
    steps[s]! += 1;
    if (t === 0 || path[t - 1] !== s) runs[s]! += 1;
  }
  const share = new Float64Array(K);
  const averageRunLength = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    share[k] = path.length === 0 ? 0 : steps[k]! / path.length;
    averageRunLength[k] = runs[k]! === 0 ? 0 : steps[k]! / runs[k]!;
  }
  return { share, averageRunLength };
}
