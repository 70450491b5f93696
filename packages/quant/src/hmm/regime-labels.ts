import { expectedDurations, pathOccupancy, stationaryDistribution } from './markov-chain-stats';
import type { GaussianHMMParams } from './hmm-types';
import { unstandardizeMoments, type Standardizer } from './standardizer';
import { permuteStates, stateVariances } from './state-permutation';

export interface RegimeLabelOptions {
  /** Feature names in column order; the return and volatility columns are found by name. */
  features?: readonly string[];
  /** When the params were fitted on standardised features: maps them back to feature units. */
  standardizer?: Standardizer | null;
}

/**
 * |mean| / sd per bar below this is "neutral": 0.01 per bar is an annualised Sharpe of about 0.16 on daily
 * bars, below what 20 years of daily data can tell from zero. (The S&P 500's high-vol state since 2000,
 * -8.5%/yr at 39% vol, is -0.014 per day: bear.)
 */
export const NEUTRAL_SHARPE_PER_BAR = 0.01;
const VOL_LABELS = ['low vol', 'mid vol', 'high vol'] as const;

interface StateMoments {
  /** Mean of logret per state (feature units), or null when logret is not a feature. */
  meanReturn: (number | null)[];
  /** Volatility score used for ordering (per-bar sd of returns where it can be had). */
  vol: number[];
  /** Per-state feature means and marginal variances, feature units. */
  means: Float64Array;
  variances: Float64Array;
}

function stateMoments(params: GaussianHMMParams, options: RegimeLabelOptions): StateMoments {
  const { nStates: K, nFeatures: D } = params;
  const raw = options.standardizer
    ? unstandardizeMoments(options.standardizer, params.means, stateVariances(params))
    : { means: params.means, variances: stateVariances(params) };
  const features = options.features ?? [];
  const col = (name: string) => features.indexOf(name);
  const logret = col('logret');
  const absret = col('absret');
  const volCol = features.findIndex((f) => /^vol\d+$/.test(f));
  const range = col('range');
  const meanReturn: (number | null)[] = [];
  const vol: number[] = [];
  for (let k = 0; k < K; k++) {
    meanReturn.push(logret >= 0 ? raw.means[k * D + logret]! : null);
    // Best available measure of a state's return volatility, in order of directness.
    if (logret >= 0) vol.push(Math.sqrt(raw.variances[k * D + logret]!));
    else if (absret >= 0)
      vol.push(raw.means[k * D + absret]! * Math.sqrt(Math.PI / 2)); // E|r| = sd sqrt(2/pi)
    else if (volCol >= 0) vol.push(raw.means[k * D + volCol]!);
    else if (range >= 0) vol.push(raw.means[k * D + range]!);
    else vol.push(Math.sqrt(raw.variances[k * D]!));
  }
  return { meanReturn, vol, means: raw.means, variances: raw.variances };
}

export interface CanonicalStates {
  /** The params with states in canonical order (same units as the input). */
  params: GaussianHMMParams;
  /** order[i] = the input's index of canonical state i. */
  order: Int32Array;
  names: string[];
}

/**
 * Canonical order and names, so the same regimes get the same numbers and names whatever state numbering
 * a fit happened to land on (k-means++ and restarts permute states freely).
 *
 * Order: ascending volatility (the per-bar sd of logret in the state; without logret, absret, a volN mean
 * or the range mean), ties by mean return, then by the remaining means and variances.
 * Names: "<direction> / <vol>", where <vol> is the volatility rank in thirds: rank r of K maps to
 * round(2r / (K-1)) of low / mid / high (K=2: low, high; K=3: low, mid, high; K=4: low, mid, mid, high);
 * <direction> is bull when mean / sd > 0.01 per bar, bear when < -0.01, neutral otherwise, and is left
 * out when logret is not a feature. Repeated names get " (1)", " (2)", ... in canonical order.
 */
export function canonicalizeStates(params: GaussianHMMParams, options: RegimeLabelOptions = {}): CanonicalStates {
  const K = params.nStates;
  const D = params.nFeatures;
  const m = stateMoments(params, options);
  const key = (k: number): number[] => [
    m.vol[k]!,
    m.meanReturn[k] ?? 0,
    ...m.means.subarray(k * D, k * D + D),
    ...m.variances.subarray(k * D, k * D + D),
  ];
  const order = Int32Array.from({ length: K }, (_, k) => k).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  });
  const names = Array.from(order, (old, rank) => {
    const volLabel = VOL_LABELS[K === 1 ? 1 : Math.round((2 * rank) / (K - 1))]!;
    const mean = m.meanReturn[old];
    if (mean === null || mean === undefined) return volLabel;
    const sharpe = m.vol[old]! > 0 ? mean / m.vol[old]! : 0;
    const direction = sharpe > NEUTRAL_SHARPE_PER_BAR ? 'bull' : sharpe < -NEUTRAL_SHARPE_PER_BAR ? 'bear' : 'neutral';
    return `${direction} / ${volLabel}`;
  });
  return { params: permuteStates(params, order), order, names: uniqueNames(names) };
}

function uniqueNames(names: string[]): string[] {
  const total = new Map<string, number>();
  for (const n of names) total.set(n, (total.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  return names.map((n) => {
    if (total.get(n) === 1) return n;
    const i = (seen.get(n) ?? 0) + 1;
    seen.set(n, i);
    return `${n} (${i})`;
  });
}

export interface DescribeOptions extends RegimeLabelOptions {
  /** Bars per year for annualising: 252 daily equities, 365 daily crypto, or derived by the caller. */
  periodsPerYear: number;
  /** State names (e.g. from canonicalizeStates); default "state k". */
  names?: readonly string[];
}

/** Statistics of one state, the shape of contracts' regimeStateSchema. */
export interface RegimeStateStats {
  index: number;
  name: string;
  /** Mean log return per bar (logret's state mean), annualised = x periodsPerYear; null without logret. */
  meanReturn: number | null;
  meanReturnAnnualised: number | null;
  /** Per-bar sd of log returns in the state, annualised = x sqrt(periodsPerYear); null without logret. */
  volatility: number | null;
  volatilityAnnualised: number | null;
  /** 1 / (1 - A_kk) bars; Infinity for an absorbing state. */
  expectedDuration: number;
  averageRunLength: number;
  share: number;
  stationary: number;
  /** State means of every feature, in feature units. */
  featureMeans: number[];
}

/** Per-state statistics from the params and a decoded (Viterbi) path of the same model. */
export function describeStates(
  params: GaussianHMMParams,
  path: ArrayLike<number>,
  options: DescribeOptions,
): RegimeStateStats[] {
  const { nStates: K, nFeatures: D } = params;
  if (!(options.periodsPerYear > 0)) throw new RangeError(`periodsPerYear must be > 0, got ${options.periodsPerYear}`);
  const m = stateMoments(params, options);
  const durations = expectedDurations(params.transMat, K);
  const stationary = stationaryDistribution(params.transMat, K);
  const occupancy = pathOccupancy(path, K);
  const logret = (options.features ?? []).indexOf('logret');
  const ppy = options.periodsPerYear;
  return Array.from({ length: K }, (_, k) => {
    const meanReturn = m.meanReturn[k] ?? null;
    const volatility = logret >= 0 ? Math.sqrt(m.variances[k * D + logret]!) : null;
    return {
      index: k,
      name: options.names?.[k] ?? `state ${k}`,
      meanReturn,
      meanReturnAnnualised: meanReturn === null ? null : meanReturn * ppy,
      volatility,
      volatilityAnnualised: volatility === null ? null : volatility * Math.sqrt(ppy),
      expectedDuration: durations[k]!,
      averageRunLength: occupancy.averageRunLength[k]!,
      share: occupancy.share[k]!,
      stationary: stationary[k]!,
      featureMeans: Array.from(m.means.subarray(k * D, k * D + D)),
    };
  });
}
