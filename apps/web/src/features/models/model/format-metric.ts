/** Metric values in tables: 4 significant-looking decimals, small ones in 3 significant digits. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  return Math.abs(value) >= 0.01 || value === 0 ? value.toFixed(4) : value.toPrecision(3);
}

/** The metrics a run list shows first when the run has them. */
export const KEY_METRICS = ['rmse', 'directionalAccuracy', 'brier', 'score', 'bic'] as const;
