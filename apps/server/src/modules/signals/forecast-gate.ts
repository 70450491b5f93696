import type { EntryFilter } from '@marketlens/quant';

// The strategy's `gate` entry filter: an entry fires only when a registered forecast model agrees. Pure
// (compute tasks import it), and the live engine uses the same function, so a bar is judged the same in both.

/** A model version's out-of-sample predictions on its own bars (forecast-history.ts), as the filter reads them. */
export interface GateTimeline {
  /** When each model bar closed (open time + bar length, ms), ascending: its prediction is known from then. */
  closeAt: Float64Array;
  /** The model bar's open time (ms), recorded as the prediction's `asOf`. */
  asOf: Float64Array;
  /** Predicted log return over the horizon (regression) or P(up) (direction). */
  values: Float64Array;
}

export interface GateSpec {
  model: string;
  alias: string;
  version: number;
  kind: 'regression' | 'direction';
  /** Regression: the least predicted log return a long entry needs (a short one needs at most minus it). */
  minPredictedReturn?: number;
  /** Direction: the least P(up) a long entry needs (a short one needs P(up) at most 1 minus it). */
  minProbUp?: number;
}

/** Index of the newest model bar closed at or before `time` (ms); -1 when none had closed. */
export function latestPredictionAt(timeline: GateTimeline, time: number): number {
  let lo = 0;
  let hi = timeline.closeAt.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timeline.closeAt[mid]! <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether a prediction lets an entry on `side` through (NaN never does). */
export function gateAgrees(spec: GateSpec, value: number, side: 'long' | 'short'): boolean {
  if (Number.isNaN(value)) return false;
  if (spec.kind === 'direction') {
    const min = spec.minProbUp!;
    return side === 'long' ? value >= min : value <= 1 - min;
  }
  const min = spec.minPredictedReturn!;
  return side === 'long' ? value >= min : value <= -min;
}

/**
 * The gate at a signal bar: the prediction of the newest model bar that had closed when the signal bar closed
 * (open time + `barMs`): a daily model gates a minute strategy with the last daily forecast known at that
 * minute, never a later one. No prediction yet (or none out of sample): no entry. The evidence names the
 * model version, the prediction and the bar it was made on.
 */
export function forecastGateFilter(timeline: GateTimeline, spec: GateSpec, barMs: number): EntryFilter {
  return ({ bar, side }) => {
    const at = latestPredictionAt(timeline, bar.ts + barMs);
    if (at < 0) return { allow: false };
    const prediction = timeline.values[at]!;
    return {
      allow: gateAgrees(spec, prediction, side),
      evidence: {
        model: spec.model,
        alias: spec.alias,
        version: spec.version,
        kind: spec.kind,
        prediction,
        asOf: new Date(timeline.asOf[at]!).toISOString(),
      },
    };
  };
}
