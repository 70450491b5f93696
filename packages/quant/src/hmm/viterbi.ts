// Log-space Viterbi, as hmmlearn's decode(algorithm="viterbi"): ties go to the lowest state index (argmax).
import { emissionRow, type Emission } from './emission';
import type { Matrix } from './hmm-types';

export interface ViterbiResult {
  logProb: number;
  path: Int32Array;
}

export function viterbi(em: Emission, startProb: Float64Array, transMat: Float64Array, X: Matrix): ViterbiResult {
  const { K, D } = em;
  const T = X.rows;
  const path = new Int32Array(T);
  if (T === 0) return { logProb: 0, path };
  const logA = transMat.map(Math.log);
  const logB = new Float64Array(K);
  let delta = new Float64Array(K);
  let next = new Float64Array(K);
  const back = K <= 256 ? new Uint8Array(T * K) : new Int32Array(T * K);
  emissionRow(em, X.data, 0, logB);
  for (let k = 0; k < K; k++) delta[k] = Math.log(startProb[k]!) + logB[k]!;
  for (let t = 1; t < T; t++) {
    emissionRow(em, X.data, t * D, logB);
    for (let j = 0; j < K; j++) {
      let best = -Infinity;
      let arg = 0;
      for (let i = 0; i < K; i++) {
        const v = delta[i]! + logA[i * K + j]!;
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      next[j] = best + logB[j]!;
      back[t * K + j] = arg;
    }
    const swap = delta;
    delta = next;
    next = swap;
  }
  let best = -Infinity;
  let state = 0;
  for (let k = 0; k < K; k++) {
    if (delta[k]! > best) {
      best = delta[k]!;
      state = k;
    }
  }
  path[T - 1] = state;
  for (let t = T - 1; t > 0; t--) {
    state = back[t * K + state]!;
    path[t - 1] = state;
  }
  return { logProb: best, path };
}
