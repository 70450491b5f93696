import type { RunCompare } from '@marketlens/contracts';
import { metricDirection, type MetricDirection } from './metric-direction';
import { diffParams, type ParamDiffRow } from './params-diff';

export interface CompareColumn {
  runId: string;
  label: string;
}

export interface CompareMetricRow {
  key: string;
  values: (number | null)[];
  direction: MetricDirection;
  /** Index of the best value when the direction is known and the values are not all equal; else null. */
  best: number | null;
}

export interface CompareTable {
  columns: CompareColumn[];
  params: ParamDiffRow[];
  metrics: CompareMetricRow[];
}

/** Overall metrics first, then the baseline's; alphabetical within each. */
function metricGroup(key: string): number {
  return key.startsWith('baseline.') ? 1 : 0;
}

/** The curve to show first: an error curve when there is one, else any metric with a known direction. */
export function defaultCurveKey(keys: readonly string[]): string | null {
  const known = keys.filter((k) => metricDirection(k) !== null);
  return known.find((k) => k.endsWith('.rmse') || k === 'rmse') ?? known[0] ?? keys[0] ?? null;
}

function bestIndex(values: readonly (number | null)[], direction: MetricDirection): number | null {
  if (direction === null) return null;
  const present = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  if (present.length < 2 || present.every((p) => p.v === present[0]!.v)) return null;
  const sorted = present.toSorted((a, b) => (direction === 'lower' ? a.v - b.v : b.v - a.v));
  // A tie for first place has no winner.
  return sorted[0]!.v === sorted[1]!.v ? null : sorted[0]!.i;
}

/**
 * Columns labelled by run name (or short id), params with their differences, metrics with the best marked.
 * Metrics with curves (several steps, e.g. `fold.rmse`) are left to the overlaid chart: a table cell could only
 * show their last step, which reads like an overall figure.
 */
export function buildCompareTable(compare: RunCompare, options: { onlyDifferences?: boolean } = {}): CompareTable {
  const curves = new Set(compare.seriesKeys);
  const columns = compare.runs.map((run) => ({
    runId: run.id,
    label: run.name ?? run.id.slice(0, 8),
  }));
  const metrics = compare.metrics
    .filter((row) => !curves.has(row.key))
    .toSorted((a, b) => metricGroup(a.key) - metricGroup(b.key) || a.key.localeCompare(b.key))
    .map((row) => {
      const direction = metricDirection(row.key);
      return { key: row.key, values: row.values, direction, best: bestIndex(row.values, direction) };
    });
  return { columns, params: diffParams(compare.params, options), metrics };
}

export interface CurvePoint {
  step: number;
  /** run id -> value at this step */
  [runId: string]: number;
}

/** Several runs' series of one metric merged by step, for one overlaid chart (a run missing a step leaves a gap). */
export function mergeCurves(series: readonly { runId: string; points: readonly { step: number; value: number }[] }[]) {
  const byStep = new Map<number, CurvePoint>();
  for (const s of series) {
    for (const p of s.points) {
      const row = byStep.get(p.step) ?? { step: p.step };
      row[s.runId] = p.value;
      byStep.set(p.step, row);
    }
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}
