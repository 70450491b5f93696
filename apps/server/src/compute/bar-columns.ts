import type { RawBar } from '../providers/market-data-provider';

/** A bar series as one Float64Array per field: what compute tasks take instead of an array of bar objects. */
export interface BarColumns {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Packs bars into columns whose buffers can be transferred to a worker. Structured clone of bar objects costs
 * the calling thread ~1 ms per 1,000 bars (96 ms for 100k); packing plus transfer costs about a fifth of that.
 */
export function packBars(bars: readonly RawBar[]): { columns: BarColumns; transfer: ArrayBuffer[] } {
  const n = bars.length;
  const columns: BarColumns = {
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const bar = bars[i]!;
    columns.ts[i] = bar.ts;
    columns.open[i] = bar.open;
    columns.high[i] = bar.high;
    columns.low[i] = bar.low;
    columns.close[i] = bar.close;
    columns.volume[i] = bar.volume;
  }
  return { columns, transfer: FIELDS.map((field) => columns[field].buffer as ArrayBuffer) };
}

export function unpackBars(columns: BarColumns): RawBar[] {
  const { ts, open, high, low, close, volume } = columns;
  return Array.from(ts, (t, i) => ({
    ts: t,
    open: open[i]!,
    high: high[i]!,
    low: low[i]!,
    close: close[i]!,
    volume: volume[i]!,
  }));
}
