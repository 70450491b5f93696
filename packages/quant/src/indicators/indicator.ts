import { IndicatorInputError, IndicatorNotReadyError } from './indicator.error';

/**
 * Shared semantics of the streaming indicators (STYLE.md, after trading-signals' `Indicator` base):
 * `add(input)` folds in a new value or bar, `replace(input)` swaps the last one (a still-forming bar) and
 * gives what `add` would have given had that version come in the first place, `getResult()` is null while
 * warming up. Members write only `update`, which sees `count` = inputs in the stream including this one.
 * An input is validated before any state changes, so a bad one leaves the indicator as it was.
 *
 * `I` is the input kind: a number by default (validated as finite here); bar indicators extend
 * `BarIndicator`, which validates the bar fields they read.
 */
export abstract class StreamingIndicator<R, I = number> {
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

  // Each property is read once into a local: this method is shared by every indicator class, so V8 sees
  // many hidden classes here and each property access is a (slower) megamorphic lookup.
  add(input: I): R | null {
    const seen = this.seen;
    this.validate(input, seen);
    this.seen = seen + 1;
    const result = this.update(input, false);
    this.result = result;
    return result;
  }

  /** Replaces the last added input; on an empty stream it is an add. */
  replace(input: I): R | null {
    const seen = this.seen;
    if (seen === 0) return this.add(input);
    this.validate(input, seen - 1);
    const result = this.update(input, true);
    this.result = result;
    return result;
  }

  getResult(): R | null {
    return this.result;
  }

  getResultOrThrow(): R {
    if (this.result === null) throw new IndicatorNotReadyError(this.label, this.warmUp, this.seen);
    return this.result;
  }

  /** The maths: fold `input` in as a new one, or (replacing) as a new version of the last one. */
  protected abstract update(input: I, replacing: boolean): R | null;

  /** Throws IndicatorInputError if `input` cannot be input number `index` (0-based); runs before any state changes. */
  protected validate(input: I, index: number): void {
    if (typeof input !== 'number' || !Number.isFinite(input))
      throw new IndicatorInputError(this.label, index, Number(input));
  }
}

/** A batch result: one Float64Array per field of the streaming result, NaN where the stream gives null. */
export type BatchResult<R> = { readonly [K in keyof R]: Float64Array };

export function assertPeriod(name: string, period: number, min = 1): void {
  assertInteger(`${name} period`, period, min);
}

/** A whole-number parameter, named as the caller spells it ("Stochastic smoothK"). */
export function assertInteger(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

/** For multipliers such as Bollinger's k: a finite number > 0. */
export function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
}

/** Throws IndicatorInputError at the first non-finite value: the batch forms' input check. */
export function assertFiniteValues(label: string, values: Float64Array): void {
  if (allFinite(values)) return;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new IndicatorInputError(label, i, values[i]!);
  }
}

/**
 * Whether every value is finite. x - x is 0 for a finite x and NaN otherwise, so a sum of it stays 0 exactly
 * when all are finite; four values per step let the subtractions overlap, a third of the time of a test per
 * value (a backtest checks each million-value source column several times).
 */
export function allFinite(values: Float64Array): boolean {
  return finiteCheckSum(values) === 0;
}

// The loop ends the function, which returns its local: V8 compiles a long loop while it runs, before any
// code after it has run, and that compiled loop would leave itself for the interpreter there on every call.
function finiteCheckSum(values: Float64Array): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i += 4) {
    // Past the end a typed array reads undefined, and undefined - undefined is NaN: the tail is read as
    // zeros instead (i + k < n), so a length that is not a multiple of four needs no second loop.
    const w = values[i]!;
    const x = i + 1 < n ? values[i + 1]! : 0;
    const y = i + 2 < n ? values[i + 2]! : 0;
    const z = i + 3 < n ? values[i + 3]! : 0;
    sum += w - w + (x - x) + (y - y + (z - z));
  }
  return sum;
}

/**
 * A batch output: the caller's array `out` if given (reused: a backtest over many series or a recompute on
 * every bar need not allocate; on this platform's VMs a fresh 8 MB array costs ~2,000 page faults, more
 * than an EMA over its million values), else a new one. NaN before index `first` (the warm-up); the caller
 * writes every entry from `first` on (so only the warm-up is filled here).
 */
export function batchOutput(length: number, first: number, out?: Float64Array): Float64Array {
  const array = out ?? new Float64Array(length);
  if (array.length !== length) throw new RangeError(`output array has ${array.length} entries for ${length} inputs`);
  return array.fill(Number.NaN, 0, Math.min(first, length));
}
