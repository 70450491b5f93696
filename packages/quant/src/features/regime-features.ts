import type { OhlcvBar } from '../bars/ohlcv-bar';
import type { Matrix } from '../hmm/hmm-types';
import { AbsReturn } from './abs-return';
import { UnknownFeatureError } from './feature-input.error';
import { HighLowRange } from './high-low-range';
import { LogReturn } from './log-return';
import { RollingVolatility } from './rolling-volatility';
import type { StreamingFeature } from './streaming-feature';
import { VolumeZScore } from './volume-z-score';

/** The features a regime model can use. Must equal contracts' REGIME_FEATURES (a server test checks it). */
export const REGIME_FEATURE_NAMES = ['logret', 'absret', 'vol5', 'vol10', 'vol20', 'vol60', 'range', 'volz20'] as const;
export type RegimeFeatureName = (typeof REGIME_FEATURE_NAMES)[number];

const FACTORIES: Record<RegimeFeatureName, () => StreamingFeature> = {
  logret: () => new LogReturn(),
  absret: () => new AbsReturn(),
  vol5: () => new RollingVolatility(5),
  vol10: () => new RollingVolatility(10),
  vol20: () => new RollingVolatility(20),
  vol60: () => new RollingVolatility(60),
  range: () => new HighLowRange(),
  volz20: () => new VolumeZScore(20),
};

export function isRegimeFeatureName(name: string): name is RegimeFeatureName {
  return (REGIME_FEATURE_NAMES as readonly string[]).includes(name);
}

/** Checks a feature list (known names, no duplicates, at least one) and returns it typed. */
export function parseFeatureNames(names: readonly string[]): RegimeFeatureName[] {
  if (names.length === 0) throw new UnknownFeatureError('', 'at least one feature is needed');
  const seen = new Set<string>();
  for (const name of names) {
    if (!isRegimeFeatureName(name)) {
      throw new UnknownFeatureError(name, `unknown feature; expected one of ${REGIME_FEATURE_NAMES.join(', ')}`);
    }
    // A repeated column makes every covariance singular.
    if (seen.has(name)) throw new UnknownFeatureError(name, 'listed twice');
    seen.add(name);
  }
  return names as RegimeFeatureName[];
}

/** One streaming calculator per name, in order (the online tracker and the batch share these). */
export function createFeatureCalculators(names: readonly string[]): StreamingFeature[] {
  return parseFeatureNames(names).map((name) => FACTORIES[name]());
}

/** Bars a feature list needs before its first complete row (the longest warm-up wins). */
export function featureWarmUpBars(names: readonly string[]): number {
  return Math.max(...createFeatureCalculators(names).map((f) => f.warmUpBars));
}

export interface RegimeFeatureMatrix {
  /** T x D, column d = names[d]. */
  X: Matrix;
  /** Bar index of each feature row. */
  rowIndex: Int32Array;
  names: RegimeFeatureName[];
}

/**
 * The T x D feature matrix of a bar series. Rows are dropped until every requested feature is warm, for
 * every column (reference README §3: with vol20, 5001 closes give 4981 rows and row i is bar i + 20).
 * Values come from the streaming calculators, so the online tracker reproduces them exactly.
 * A bad bar (non-positive or non-finite price, negative volume, high < low) throws FeatureInputError
 * naming its index.
 */
export function computeRegimeFeatures(bars: readonly OhlcvBar[], names: readonly string[]): RegimeFeatureMatrix {
  const parsed = parseFeatureNames(names);
  const calculators = createFeatureCalculators(parsed);
  const D = calculators.length;
  const first = Math.max(...calculators.map((f) => f.warmUpBars)) - 1;
  const T = Math.max(0, bars.length - first);
  const data = new Float64Array(T * D);
  const rowIndex = new Int32Array(T);
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    const row = i - first;
    for (let d = 0; d < D; d++) {
      const value = calculators[d]!.add(bar);
      if (row >= 0) data[row * D + d] = value!; // warm-ups are fixed lengths: every value is set from `first` on
    }
    if (row >= 0) rowIndex[row] = i;
  }
  return { X: { data, rows: T, cols: D }, rowIndex, names: parsed };
}
