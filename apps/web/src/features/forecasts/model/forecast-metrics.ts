import type { LatestMetric } from '@marketlens/contracts';

/** Walk-forward metrics of one model as logged on its run, keyed like ForecastMetricsDto. */
export type MetricValues = Partial<Record<MetricKey, number>>;

export type MetricKey =
  | 'rmse'
  | 'mae'
  | 'directionalAccuracy'
  | 'logLoss'
  | 'brier'
  | 'intervalCoverage'
  | 'intervalWidth'
  | 'sharpe'
  | 'maxDrawdown'
  | 'buyHoldSharpe'
  | 'buyHoldMaxDrawdown'
  | 'n';

/** The run logs `rmse` for the model and `baseline.rmse` for its baseline (fold.* are per-fold curves). */
export function splitRunMetrics(metrics: readonly Pick<LatestMetric, 'key' | 'value'>[]): {
  model: MetricValues;
  baseline: MetricValues;
} {
  const model: MetricValues = {};
  const baseline: MetricValues = {};
  for (const { key, value } of metrics) {
    if (key.startsWith('fold.')) continue;
    if (key.startsWith('baseline.')) baseline[key.slice('baseline.'.length) as MetricKey] = value;
    else model[key as MetricKey] = value;
  }
  return { model, baseline };
}

/** What each baseline is called in sentences, and what it does (the API names it; see ForecastBaseline). */
const BASELINES: Record<string, { label: string; does: string }> = {
  zero: { label: 'zero-return baseline', does: 'forecasts a return of 0 on every bar' },
  'base-rate': {
    label: 'base-rate baseline',
    does:
      'forecasts P(up) = the share of up bars in training on every bar, so it always calls the more ' +
      'frequent direction ("always up" when most bars rose)',
  },
  last: { label: 'last-return baseline', does: "forecasts the last bar's return" },
  'moving-average': { label: 'moving-average baseline', does: 'forecasts the mean of the last few returns' },
};

export function baselineLabel(name: string | undefined): string {
  return BASELINES[name ?? 'zero']?.label ?? `${name} baseline`;
}

/** "The base-rate baseline forecasts P(up) = ...": one sentence on what the model is compared with. */
export function describeBaseline(name: string | undefined): string | null {
  const baseline = BASELINES[name ?? 'zero'];
  return baseline ? `The ${baseline.label} ${baseline.does}.` : null;
}
