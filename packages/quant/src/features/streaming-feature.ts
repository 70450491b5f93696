import type { OhlcvBar } from '../bars/ohlcv-bar';
import { FeatureInputError, FeatureNotReadyError } from './feature-input.error';

export type BarField = 'close' | 'high' | 'low' | 'volume';

/**
 * Shared semantics of the streaming feature calculators (STYLE.md: add / replace / getResult /
 * getResultOrThrow / isStable). A calculator sees bars one at a time and never looks ahead, so the value
 * at bar t depends on bars 0..t only; the batch `computeRegimeFeatures` runs these same objects, which
 * makes batch and online values identical by construction.
 *
 * `replace(bar)` swaps the last bar (a still-forming bar) for a new version of it: the result is what
 * `add` would have given had that version been added in the first place. Members write only `update`.
 */
export abstract class StreamingFeature {
  /** Bars needed before the first value: the first value comes with bar index `warmUpBars - 1`. */
  abstract readonly warmUpBars: number;
  /** Name used in messages, e.g. "vol20". */
  abstract readonly label: string;
  /** Bar fields the feature reads; they are validated before any state changes. */
  protected abstract readonly fields: readonly BarField[];

  private seen = 0;
  private result: number | null = null;

  /** Number of bars added so far (replacements do not count). */
  get barsSeen(): number {
    return this.seen;
  }

  get isStable(): boolean {
    return this.result !== null;
  }

  add(bar: OhlcvBar): number | null {
    this.validate(bar, this.seen);
    return this.addValidated(bar);
  }

  /**
   * `add` for a caller that has validated the bar itself (the regime tracker checks a bar against every
   * feature first, so that all of them take it or none does): the same update without checking it twice.
   */
  addValidated(bar: OhlcvBar): number | null {
    this.result = this.update(bar, false);
    this.seen += 1;
    return this.result;
  }

  /** Replaces the last added bar; on an empty stream it is an add (the first bar is still forming). */
  replace(bar: OhlcvBar): number | null {
    if (this.seen === 0) return this.add(bar);
    this.validate(bar, this.seen - 1);
    this.result = this.update(bar, true);
    return this.result;
  }

  getResult(): number | null {
    return this.result;
  }

  getResultOrThrow(): number {
    if (this.result === null) throw new FeatureNotReadyError(this.label, this.warmUpBars, this.seen);
    return this.result;
  }

  /** The maths: fold `bar` in as a new bar, or (replacing) as a new version of the last bar. */
  protected abstract update(bar: OhlcvBar, replacing: boolean): number | null;

  /** Throws FeatureInputError (naming `index`) if the bar is unusable; lets a caller check before feeding several features. */
  validate(bar: OhlcvBar, index: number): void {
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const value = bar[field];
      if (field === 'volume') {
        if (!Number.isFinite(value) || value < 0) {
          throw new FeatureInputError(index, field, value, 'must be a finite number >= 0');
        }
      } else if (!Number.isFinite(value) || value <= 0) {
        throw new FeatureInputError(index, field, value, 'must be a finite number > 0');
      }
    }
    if (bar.high < bar.low && fields.includes('high') && fields.includes('low')) {
      throw new FeatureInputError(index, 'high', bar.high, `must not be below low (${bar.low})`);
    }
  }
}
