import type { OhlcvBar } from '../bars/ohlcv-bar';
import { StreamingIndicator } from './indicator';
import { IndicatorInputError } from './indicator.error';

/** A field of the platform's bar that an indicator can read (`ts`: open time, epoch ms UTC). */
export type IndicatorBarField = keyof OhlcvBar;

/** The part of a bar an indicator reads: any object with those fields, an OhlcvBar included. */
export type BarInput<F extends IndicatorBarField> = Pick<OhlcvBar, F>;

/**
 * Checks the fields of one bar: each finite, volume >= 0, high not below low. Shared by the streaming
 * indicators (one bar) and the batch forms (column by column), so both reject the same inputs the same way.
 */
export function checkBarField(label: string, index: number, field: IndicatorBarField, value: number): void {
  if (!Number.isFinite(value)) throw new IndicatorInputError(label, index, Number(value), field);
  if (field === 'volume' && value < 0) throw new IndicatorInputError(label, index, value, field, 'must be >= 0');
}

export function checkHighLow(label: string, index: number, high: number, low: number): void {
  if (high < low) throw new IndicatorInputError(label, index, high, 'high', `must not be below low (${low})`);
}

/**
 * A streaming indicator over bars. It declares the fields it reads (`fields`, public so a caller such as
 * the rule engine knows what a bar must carry); they are validated before any state changes. Close is
 * not required to lie inside [low, high]: real feeds break that now and then (see ../shared/data README),
 * and nothing here divides by it; an oscillator such as %K may then leave [0, 100] for that bar.
 */
export abstract class BarIndicator<R, F extends IndicatorBarField> extends StreamingIndicator<R, BarInput<F>> {
  abstract readonly fields: readonly F[];
  /** Which fields to check, resolved once: named property reads are far cheaper per bar than bar[field]. */
  private reads: Readonly<Record<IndicatorBarField, boolean>> | undefined;

  protected override validate(bar: BarInput<F>, index: number): void {
    const reads = (this.reads ??= readsOf(this.fields));
    // Only the fields in `reads` are touched.
    const b = bar as unknown as OhlcvBar;
    const label = this.label;
    if (reads.ts) checkBarField(label, index, 'ts', b.ts);
    if (reads.open) checkBarField(label, index, 'open', b.open);
    if (reads.high) checkBarField(label, index, 'high', b.high);
    if (reads.low) checkBarField(label, index, 'low', b.low);
    if (reads.close) checkBarField(label, index, 'close', b.close);
    if (reads.volume) checkBarField(label, index, 'volume', b.volume);
    if (reads.high && reads.low) checkHighLow(label, index, b.high, b.low);
  }
}

function readsOf(fields: readonly IndicatorBarField[]): Record<IndicatorBarField, boolean> {
  const has = (field: IndicatorBarField) => fields.includes(field);
  return {
    ts: has('ts'),
    open: has('open'),
    high: has('high'),
    low: has('low'),
    close: has('close'),
    volume: has('volume'),
  };
}
