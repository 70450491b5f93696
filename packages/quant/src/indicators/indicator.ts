import { IndicatorInputError, IndicatorNotReadyError } from './indicator.error';

/**
 * Shared semantics of the streaming indicators (STYLE.md, after trading-signals' `Indicator` base):
 * `add(value)` folds in a new value, `replace(value)` swaps the last one (a still-forming bar) and gives
 * what `add` would have given had that version come in the first place, `getResult()` is null while
 * warming up. Members write only `update`, which sees `count` = values in the stream including this one.
 * A value is validated before any state changes, so a bad value leaves the indicator as it was.
 */
export abstract class StreamingIndicator<R> {
  /** Values needed before the first result: the first result comes with value number `warmUp`. */
  abstract readonly warmUp: number;
  /** Name used in messages, e.g. "RSI(14)". */
  abstract readonly label: string;

  private seen = 0;
  private result: R | null = null;

  /** Values added so far (replacements do not count). */
  get count(): number {
    return this.seen;
  }

  get isStable(): boolean {
    return this.result !== null;
  }

  add(value: number): R | null {
    this.validate(value, this.seen);
    this.seen += 1;
    this.result = this.update(value, false);
    return this.result;
  }

  /** Replaces the last added value; on an empty stream it is an add. */
  replace(value: number): R | null {
    if (this.seen === 0) return this.add(value);
    this.validate(value, this.seen - 1);
    this.result = this.update(value, true);
    return this.result;
  }

  getResult(): R | null {
    return this.result;
  }

  getResultOrThrow(): R {
    if (this.result === null) throw new IndicatorNotReadyError(this.label, this.warmUp, this.seen);
    return this.result;
  }

  /** The maths: fold `value` in as a new value, or (replacing) as a new version of the last one. */
  protected abstract update(value: number, replacing: boolean): R | null;

  private validate(value: number, index: number): void {
    if (!Number.isFinite(value)) throw new IndicatorInputError(this.label, index, value);
  }
}

export function assertPeriod(name: string, period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new RangeError(`${name} period must be an integer >= ${min}, got ${period}`);
  }
}
