export type MetricDirection = 'lower' | 'higher' | null;

const LOWER = new Set(['rmse', 'mae', 'logloss', 'brier', 'maxdrawdown', 'intervalwidth', 'bic', 'aic', 'loss']);
const HIGHER = new Set(['directionalaccuracy', 'accuracy', 'sharpe', 'loglikelihood', 'score', 'r2']);

/** Whether lower or higher is better for a metric key (by its last segment: `fold.rmse` is an rmse); null when unknown. */
export function metricDirection(key: string): MetricDirection {
  const last = (key.split('.').pop() ?? key).toLowerCase();
  if (LOWER.has(last)) return 'lower';
  if (HIGHER.has(last)) return 'higher';
  return null;
}
