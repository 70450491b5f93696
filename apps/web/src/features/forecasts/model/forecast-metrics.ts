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

const BASELINE_LABELS: Record<string, string> = {
  zero: 'zero-return baseline',
  last: 'last-return baseline',
  'moving-average': 'moving-average baseline',
};

export function baselineLabel(name: string | undefined): string {
  return BASELINE_LABELS[name ?? 'zero'] ?? `${name} baseline`;
}
