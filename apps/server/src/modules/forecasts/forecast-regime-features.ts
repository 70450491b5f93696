import { createHash } from 'node:crypto';
import { fromModelJson, RegimeTracker, toModelJson, type HMMModel, type Matrix } from '@marketlens/quant';
import type { RawBar } from '../../providers/market-data-provider';

/** A stored regime model to turn into forecast features, and the fit it came from. */
export interface RegimeFeatureSource {
  fitId: string;
  /** The fit's model JSON as stored (parsed with fromModelJson). */
  model: unknown;
}

/** What model.json records about the regime columns, so serving can rebuild them from the same model. */
export interface RegimeFeatureRecord {
  fitId: string;
  /** Fingerprint of the model's canonical JSON: serving refuses a model that is not the one trained with. */
  modelSha256: string;
  states: number;
  stateNames: string[];
}

export function parseRegimeModel(source: RegimeFeatureSource): { model: HMMModel; record: RegimeFeatureRecord } {
  const model = fromModelJson(source.model);
  return {
    model,
    record: {
      fitId: source.fitId,
      modelSha256: regimeModelSha256(model),
      states: model.params.nStates,
      stateNames: [...model.stateNames],
    },
  };
}

/** sha256 of toModelJson's fixed key order, so a jsonb round trip (which reorders keys) keeps the hash. */
export function regimeModelSha256(model: HMMModel): string {
  return createHash('sha256')
    .update(JSON.stringify(toModelJson(model)))
    .digest('hex');
}

/**
 * Filtered regime probabilities P(state_t | bars 0..t), one row per bar (NaN rows while the regime features
 * warm up), from a RegimeTracker fed the series bar by bar from its first bar. Filtered, never smoothed:
 * smoothed posteriors use later bars and would leak the future into the row of bar t. Training and serving
 * both call this on the full stored series, so the columns they build for a bar are identical.
 */
export function regimeProbMatrix(model: HMMModel, bars: readonly RawBar[]): Matrix {
  const K = model.params.nStates;
  const data = new Float64Array(bars.length * K).fill(Number.NaN);
  const tracker = new RegimeTracker(model);
  bars.forEach((bar, t) => {
    const probs = tracker.add(bar);
    if (probs) data.set(probs, t * K);
  });
  return { data, rows: bars.length, cols: K };
}
