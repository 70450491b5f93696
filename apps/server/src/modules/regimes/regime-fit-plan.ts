import { MAX_STATES, MIN_STATES, type RegimeFitOptions } from '@marketlens/contracts';
import {
  computeRegimeFeatures,
  ConstantFeatureError,
  FeatureInputError,
  fitStandardizer,
  parameterCount,
  standardize,
  type Matrix,
  type Standardizer,
} from '@marketlens/quant';
import type { RawBar } from '../../providers/market-data-provider';
import { RegimeInputError } from './regime-input.error';

/** "auto" compares these K (the contract allows up to MAX_STATES for an explicit K). */
export const AUTO_CANDIDATES = [2, 3, 4, 5, 6] as const;

export type RegimeFitSettings = Pick<
  RegimeFitOptions,
  'features' | 'states' | 'covarianceType' | 'restarts' | 'seed' | 'maxIter' | 'tol'
>;

/** Features of a bar series, checked and ready to fit; `work` decides inline vs job. */
export interface RegimeFitPlan {
  bars: readonly RawBar[];
  /** Raw (unstandardised) T x D features; row t belongs to bars[rowIndex[t]]. */
  X: Matrix;
  /** What the HMM sees: X standardised on this window, or X itself when standardisation is off. */
  Z: Matrix;
  standardizer: Standardizer | null;
  rowIndex: Int32Array;
  candidates: number[];
  /** Feature rows x candidate K x restarts: the unit of the inline threshold (config regimes.inlineMaxWork). */
  work: number;
  /** EM iterations at most: candidates x restarts x maxIter (progress is measured against it). */
  plannedIterations: number;
}

const dateOf = (ts: number) => {
  const iso = new Date(ts).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
};

/**
 * Rows needed to fit K states: more observations than free parameters, and at least 10 per state so every
 * state can own a run of data. A rule of ours, stricter than the engine's own minimum.
 */
export function requiredRows(K: number, D: number, covarianceType: RegimeFitSettings['covarianceType']): number {
  return Math.max(parameterCount(K, D, covarianceType) + 1, 10 * K);
}

/**
 * Everything that can be wrong with the data is found here, before anything is stored: no bars, a bar the
 * features cannot use, a non-finite feature value (named by date and feature), too few rows for K.
 */
export function planRegimeFit(
  bars: readonly RawBar[],
  settings: RegimeFitSettings,
  options: { standardize?: boolean } = {},
): RegimeFitPlan {
  if (bars.length === 0) throw new RegimeInputError('NO_BARS', 'no bars in the requested range', { bars: 0 });
  let features;
  try {
    features = computeRegimeFeatures(bars, settings.features);
  } catch (err) {
    if (!(err instanceof FeatureInputError)) throw err;
    const bar = bars[err.index];
    const when = bar ? dateOf(bar.ts) : `#${err.index}`;
    throw new RegimeInputError(
      'BAD_BAR',
      `bar ${when}: ${err.field} ${err.reason} (got ${err.value})`,
      { date: when, field: err.field, value: String(err.value), reason: err.reason },
      { cause: err },
    );
  }
  const { X, rowIndex } = features;
  const D = X.cols;
  for (let i = 0; i < X.rows * D; i++) {
    const v = X.data[i]!;
    if (Number.isFinite(v)) continue;
    const row = Math.floor(i / D);
    const feature = settings.features[i - row * D] ?? `#${i - row * D}`;
    const date = dateOf(bars[rowIndex[row]!]!.ts);
    throw new RegimeInputError(
      'FEATURE_NOT_FINITE',
      `feature ${feature} is ${Number.isNaN(v) ? 'NaN' : v} on ${date} (feature row ${row})`,
      { row, date, feature, value: String(v) },
    );
  }
  const wanted = settings.states === 'auto' ? [...AUTO_CANDIDATES] : [settings.states];
  for (const K of wanted) {
    if (K < MIN_STATES || K > MAX_STATES || !Number.isInteger(K)) {
      throw new RegimeInputError('TOO_FEW_ROWS', `states must be ${MIN_STATES}..${MAX_STATES} or "auto"`, {
        states: K,
      });
    }
  }
  // "auto" compares only the K the data can carry; at least the smallest must fit.
  const candidates = wanted.filter((K) => X.rows >= requiredRows(K, D, settings.covarianceType));
  if (candidates.length === 0) {
    const K = wanted[0]!;
    const required = requiredRows(K, D, settings.covarianceType);
    throw new RegimeInputError(
      'TOO_FEW_ROWS',
      `too few feature rows for ${K} states on ${D} feature(s) (${settings.covarianceType}): need at least ${required}, got ${X.rows} (from ${bars.length} bars)`,
      { required, received: X.rows, bars: bars.length, states: K, features: D },
    );
  }
  let standardizer: Standardizer | null = null;
  try {
    standardizer = options.standardize === false ? null : fitStandardizer(X, settings.features);
  } catch (err) {
    if (!(err instanceof ConstantFeatureError)) throw err;
    throw new RegimeInputError(
      'FEATURE_CONSTANT',
      `feature ${err.feature} is constant (${err.value}) over the range: it cannot tell regimes apart`,
      { feature: err.feature, value: err.value },
      { cause: err },
    );
  }
  return {
    bars,
    X,
    Z: standardizer ? standardize(standardizer, X) : X,
    standardizer,
    rowIndex,
    candidates,
    work: X.rows * candidates.length * settings.restarts,
    plannedIterations: candidates.length * settings.restarts * settings.maxIter,
  };
}
