import { toBarColumns, type BarColumns as QuantBarColumns } from '@marketlens/quant';
import type { RawBar } from '../providers/market-data-provider';

/** A bar series as one Float64Array per field: what compute tasks take instead of an array of bar objects. */
/** A bar series as one Float64Array per field (quant's columns): what compute tasks take instead of bar objects. */
export type BarColumns = QuantBarColumns;

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Packs bars into columns whose buffers can be transferred to a worker. Structured clone of bar objects costs
 * the calling thread ~1 ms per 1,000 bars (96 ms for 100k); packing plus transfer costs about a fifth of that.
 */
export function packBars(bars: readonly RawBar[]): { columns: BarColumns; transfer: ArrayBuffer[] } {
  const columns = toBarColumns(bars);
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
