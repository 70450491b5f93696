import type { GaussianHMMParams } from './hmm-types';

/**
 * The same model with its states renumbered: new state i is old state order[i]. Start probabilities,
 * transition rows and columns, means and per-state covariances move together; tied covariance is shared
 * and stays. The likelihood of any data is unchanged.
 */
export function permuteStates(params: GaussianHMMParams, order: ArrayLike<number>): GaussianHMMParams {
  const { nStates: K, nFeatures: D, covarianceType } = params;
  if (
    order.length !== K ||
    new Set(Array.from(order)).size !== K ||
    Array.from(order).some((o) => !(o >= 0 && o < K))
  ) {
    throw new RangeError(`order must be a permutation of 0..${K - 1}`);
  }
  const startProb = new Float64Array(K);
  const transMat = new Float64Array(K * K);
  const means = new Float64Array(K * D);
  const block =
    covarianceType === 'full' ? D * D : covarianceType === 'diag' ? D : covarianceType === 'spherical' ? 1 : 0;
  const covars = block === 0 ? params.covars.slice() : new Float64Array(K * block);
  for (let i = 0; i < K; i++) {
    const oi = order[i]!;
    startProb[i] = params.startProb[oi]!;
    for (let j = 0; j < K; j++) transMat[i * K + j] = params.transMat[oi * K + order[j]!]!;
    means.set(params.means.subarray(oi * D, oi * D + D), i * D);
    if (block > 0) covars.set(params.covars.subarray(oi * block, oi * block + block), i * block);
  }
  return { nStates: K, nFeatures: D, covarianceType, startProb, transMat, means, covars };
}

/** Each state's marginal variance of each feature (K x D), whatever the covariance type. */
export function stateVariances(params: GaussianHMMParams): Float64Array {
  const { nStates: K, nFeatures: D, covarianceType, covars } = params;
  const out = new Float64Array(K * D);
  for (let k = 0; k < K; k++) {
    for (let d = 0; d < D; d++) {
      out[k * D + d] =
        covarianceType === 'full'
          ? covars[k * D * D + d * D + d]!
          : covarianceType === 'diag'
            ? covars[k * D + d]!
            : covarianceType === 'spherical'
              ? covars[k]!
              : covars[d * D + d]!;
    }
  }
  return out;
}
