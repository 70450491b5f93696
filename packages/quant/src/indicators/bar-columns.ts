import type { OhlcvBar } from '../bars/ohlcv-bar';
import { checkBarField, checkHighLow, type IndicatorBarField } from './bar-indicator';

/** Bars as columns, the input of the batch forms: one Float64Array per field, all the same length. */
export type BarColumns = { readonly [K in IndicatorBarField]: Float64Array };

/** The columns a batch form reads. */
export type BarColumnsOf<F extends IndicatorBarField> = Pick<BarColumns, F>;

export function toBarColumns(bars: readonly OhlcvBar[]): BarColumns {
  const n = bars.length;
  const c = {
    ts: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const b = bars[i]!;
    c.ts[i] = b.ts;
    c.open[i] = b.open;
    c.high[i] = b.high;
    c.low[i] = b.low;
    c.close[i] = b.close;
    c.volume[i] = b.volume;
  }
  return c;
}

/**
 * The batch forms' input check, the same rules as BarIndicator's per bar: equal lengths, every value
 * finite, volume >= 0, high not below low. Returns the number of bars.
 */
export function assertBarColumns<F extends IndicatorBarField>(
  label: string,
  columns: BarColumnsOf<F>,
  fields: readonly F[],
): number {
  const first = fields[0]!;
  const n = columns[first].length;
  for (const field of fields) {
    const column = columns[field];
    if (column.length !== n)
      throw new RangeError(`${label}: column ${field} has ${column.length} values, ${first} has ${n}`);
    for (let i = 0; i < n; i++) checkBarField(label, i, field, column[i]!);
  }
  if (fields.includes('high' as F) && fields.includes('low' as F)) {
    const { high, low } = columns as unknown as BarColumnsOf<'high' | 'low'>;
    for (let i = 0; i < n; i++) checkHighLow(label, i, high[i]!, low[i]!);
  }
  return n;
}
