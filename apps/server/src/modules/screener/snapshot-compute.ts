import {
  alignAsOf,
  compositeScores,
  computeScreenMetrics,
  SCREEN_FIELDS,
  SCREEN_METRICS,
  screenMetricsSeries,
  trailingReturn,
  trailingReturnSeries,
  type ScreenMetricsSeries,
  type ScreenTable,
} from '@marketlens/quant';
import type { RawBar } from '../../providers/market-data-provider';

// Turns members and their daily bars into snapshot rows: every screen metric as of a date (quant computes
// them), fundamentals and the regime when known, and the composite score over the whole cross-section. Shared
// by the snapshot job, the rebuild job and the CLI's `screener run`, so the three agree to the last digit.

export const DAY_MS = 86_400_000;
/** Bars behind rs3m: the benchmark's ret3m over the same 63 bars as the members'. */
const RET3M_BARS = 63;

/** A symbol's daily bars as columns, oldest first. */
export interface DailySeries {
  ts: Float64Array;
  close: Float64Array;
  high: Float64Array;
  low: Float64Array;
  volume: Float64Array;
}

export function toDailySeries(bars: readonly RawBar[]): DailySeries {
  const n = bars.length;
  const series: DailySeries = {
    ts: new Float64Array(n),
    close: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    volume: new Float64Array(n),
  };
  bars.forEach((b, i) => {
    series.ts[i] = b.ts;
    series.close[i] = b.close;
    series.high[i] = b.high;
    series.low[i] = b.low;
    series.volume[i] = b.volume;
  });
  return series;
}

/** The index of the last bar on or before the date (YYYY-MM-DD, UTC), or -1 when there is none. */
export function lastIndexOnOrBefore(series: DailySeries, asOf: string): number {
  const end = Date.parse(`${asOf}T00:00:00Z`) + DAY_MS;
  let lo = 0;
  let hi = series.ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (series.ts[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface SnapshotMember {
  symbol: string;
  name: string | null;
  sector: string | null;
  industry: string | null;
  exchange: string | null;
  marketCap: number | null;
}

export type MetricValue = number | string | null;

export interface SnapshotRowData extends SnapshotMember {
  metrics: Record<string, MetricValue>;
}

export interface RegimeReading {
  label: string;
  /** Filtered probability of that regime (never smoothed). */
  prob: number;
}

export interface SnapshotInputs {
  members: readonly SnapshotMember[];
  bars: ReadonlyMap<string, DailySeries>;
  asOf: string;
  /** The benchmark's series for rs3m; null leaves rs3m null. */
  benchmark: DailySeries | null;
  fundamentals?: ReadonlyMap<string, Record<string, number | null>>;
  regimes?: ReadonlyMap<string, RegimeReading>;
  /**
   * A member whose bars quant refuses (a close <= 0, a value that is not finite: a broken feed) gets null
   * metrics and is reported here, instead of failing the whole snapshot.
   */
  onBadBars?: (symbol: string, reason: string) => void;
}

const FUNDAMENTAL_FIELDS = SCREEN_FIELDS.filter(
  (f) =>
    f.type === 'number' &&
    !(SCREEN_METRICS as readonly string[]).includes(f.name) &&
    !['marketCap', 'price', 'regimeProb', 'score'].includes(f.name),
).map((f) => f.name);

/**
 * The benchmark's ret3m as of a date (null when it has too little history then). Taken as of the member's
 * own last bar, as quant's screenMetricsSeries aligns it: a member that did not trade on the snapshot date
 * compares with the benchmark over the same 63 bars' dates, not with a later window.
 */
export function benchmarkRet3m(benchmark: DailySeries | null, asOf: string): number | null {
  if (!benchmark) return null;
  const end = lastIndexOnOrBefore(benchmark, asOf);
  return end < 0 ? null : trailingReturn(benchmark.close, end, RET3M_BARS);
}

const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Every member's row as of `asOf`: a member without a bar on or before it gets null metrics, never 0. */
export function computeSnapshotRows(inputs: SnapshotInputs): SnapshotRowData[] {
  const rows = inputs.members.map((member): SnapshotRowData => {
    const series = inputs.bars.get(member.symbol);
    const end = series ? lastIndexOnOrBefore(series, inputs.asOf) : -1;
    const metrics: Record<string, MetricValue> = { price: null };
    for (const name of SCREEN_METRICS) metrics[name] = null;
    if (series && end >= 0) {
      try {
        const benchRet = benchmarkRet3m(inputs.benchmark, isoDate(series.ts[end]!));
        Object.assign(metrics, computeScreenMetrics(series, end, benchRet));
        metrics.price = series.close[end]!;
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        inputs.onBadBars?.(member.symbol, err.message);
      }
    }
    const fundamentals = inputs.fundamentals?.get(member.symbol);
    for (const name of FUNDAMENTAL_FIELDS) metrics[name] = finite(fundamentals?.[name]);
    const regime = inputs.regimes?.get(member.symbol);
    metrics.regime = regime?.label ?? null;
    metrics.regimeProb = regime?.prob ?? null;
    return { ...member, metrics };
  });
  addCompositeScores(rows);
  return rows;
}

/**
 * Rows for many dates at once (rebuilds): each member's metrics are computed for every bar in one pass
 * (quant's screenMetricsSeries, bit-identical to computeScreenMetrics at each bar) and read at each date's
 * last bar on or before it. No fundamentals or regime: those are known only as of now.
 */
export function computeSnapshotRowsForDates(
  inputs: Omit<SnapshotInputs, 'asOf' | 'fundamentals' | 'regimes'>,
  dates: readonly string[],
): Map<string, SnapshotRowData[]> {
  const perMember = inputs.members.map((member) => {
    const series = inputs.bars.get(member.symbol);
    if (!series || series.close.length === 0) return { member, series, metrics: null };
    try {
      return { member, series, metrics: screenMetricsSeries(series, alignedBenchmark(inputs.benchmark, series)) };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      inputs.onBadBars?.(member.symbol, err.message);
      return { member, series, metrics: null };
    }
  });
  const out = new Map<string, SnapshotRowData[]>();
  for (const asOf of dates) {
    const rows = perMember.map(({ member, series, metrics }) => ({
      ...member,
      metrics: metricsAt(series, metrics, asOf),
    }));
    addCompositeScores(rows);
    out.set(asOf, rows);
  }
  return out;
}

function alignedBenchmark(benchmark: DailySeries | null, series: DailySeries): Float64Array | undefined {
  if (!benchmark) return undefined;
  return alignAsOf(series.ts, benchmark.ts, trailingReturnSeries(benchmark.close, RET3M_BARS));
}

function metricsAt(
  series: DailySeries | undefined,
  all: ScreenMetricsSeries | null,
  asOf: string,
): Record<string, MetricValue> {
  const end = series ? lastIndexOnOrBefore(series, asOf) : -1;
  const metrics: Record<string, MetricValue> = { price: end >= 0 && all ? series!.close[end]! : null };
  for (const name of SCREEN_METRICS) metrics[name] = end >= 0 && all ? finite(all[name][end]) : null;
  for (const name of FUNDAMENTAL_FIELDS) metrics[name] = null;
  metrics.regime = null;
  metrics.regimeProb = null;
  return metrics;
}

/** The composite score is relative to the cross-section: computed once all rows of a date are known. */
function addCompositeScores(rows: SnapshotRowData[]): void {
  const columns: Record<string, Float64Array> = {};
  const numeric = SCREEN_FIELDS.filter((f) => f.type === 'number' && f.name !== 'score').map((f) => f.name);
  for (const name of numeric) {
    const column = new Float64Array(rows.length);
    rows.forEach((row, i) => {
      const value = name === 'marketCap' ? row.marketCap : row.metrics[name];
      column[i] = typeof value === 'number' ? value : Number.NaN;
    });
    columns[name] = column;
  }
  const scores = compositeScores(columns, rows.length);
  rows.forEach((row, i) => {
    row.metrics.score = finite(scores[i]);
  });
}

/** Snapshot rows as the columnar table screens run on (NaN and null where a value is missing). */
export function toScreenTable(rows: readonly SnapshotRowData[]): ScreenTable {
  const table: ScreenTable = { size: rows.length, numbers: {}, texts: {} };
  for (const field of SCREEN_FIELDS) {
    if (field.type === 'number') {
      const column = new Float64Array(rows.length);
      rows.forEach((row, i) => {
        const value = field.name === 'marketCap' ? row.marketCap : row.metrics[field.name];
        column[i] = typeof value === 'number' ? value : Number.NaN;
      });
      table.numbers[field.name] = column;
    } else {
      table.texts[field.name] = rows.map((row) => textOf(row, field.name));
    }
  }
  return table;
}

const TEXT_COLUMNS = ['symbol', 'name', 'sector', 'industry', 'exchange'] as const;

function textOf(row: SnapshotRowData, name: string): string | null {
  if ((TEXT_COLUMNS as readonly string[]).includes(name)) return row[name as (typeof TEXT_COLUMNS)[number]];
  const value = row.metrics[name];
  return typeof value === 'string' ? value : null;
}

/** One field of a row, as the API and the CSV export show it. */
export function fieldValue(row: SnapshotRowData, name: string): MetricValue {
  if ((TEXT_COLUMNS as readonly string[]).includes(name)) return row[name as (typeof TEXT_COLUMNS)[number]];
  if (name === 'marketCap') return row.marketCap;
  return row.metrics[name] ?? null;
}
