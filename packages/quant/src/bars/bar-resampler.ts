import type { OhlcvBar } from './ohlcv-bar';
import { ResampleInputError, ResampleTimeframeError } from './resample.error';
import { bucketStart, timeframeMs, type BarTimeframe } from './timeframe';

function merge(into: OhlcvBar, bar: OhlcvBar): OhlcvBar {
  return {
    ts: into.ts,
    open: into.open,
    high: Math.max(into.high, bar.high),
    low: Math.min(into.low, bar.low),
    close: bar.close,
    volume: into.volume + bar.volume,
  };
}

/**
 * Streaming UTC resampling, fed bar by bar (the live path): `add` returns the completed bucket when a bar of
 * a later bucket arrives; `forming` is the bucket being built. `replace` swaps the last added source bar for
 * a newer version of itself (a still-forming exchange candle), so the forming bucket stays exact: the
 * aggregate of every earlier source bar of the bucket is kept apart from the last one.
 */
export class BarResampler {
  private readonly sourceStep: number;
  private readonly targetStep: number;
  /** Aggregate of the forming bucket's source bars before the last one (null when it has only one). */
  private before: OhlcvBar | null = null;
  private last: OhlcvBar | null = null;
  private bucket = Number.NaN;
  private added = 0;
  /** ts of the last bar added, kept across flush() so order is still checked. */
  private previousTs: number | null = null;

  constructor(
    readonly source: BarTimeframe,
    readonly target: BarTimeframe,
  ) {
    this.sourceStep = timeframeMs(source);
    this.targetStep = timeframeMs(target);
    if (this.targetStep < this.sourceStep) throw new ResampleTimeframeError(source, target);
  }

  /** Adds the next source bar; returns the bucket it completed, if any. */
  add(bar: OhlcvBar): OhlcvBar | null {
    this.check(bar);
    this.added++;
    const bucket = bucketStart(bar.ts, this.target);
    if (this.last && bucket === this.bucket) {
      this.before = this.before ? merge(this.before, this.last) : { ...this.last, ts: bucket };
      this.last = bar;
      return null;
    }
    const completed = this.forming;
    this.bucket = bucket;
    this.before = null;
    this.last = bar;
    return completed;
  }

  /** Replaces the last added source bar (same ts) with its newer values. */
  replace(bar: OhlcvBar): void {
    if (!this.last || bar.ts !== this.last.ts) {
      throw new ResampleInputError(
        this.added,
        bar.ts,
        'unsorted',
        `cannot replace: the last bar added has ts ${this.last?.ts ?? 'none'}`,
      );
    }
    this.last = bar;
  }

  /** The bucket being built from the bars added so far (null before the first bar or after flush). */
  get forming(): OhlcvBar | null {
    if (!this.last) return null;
    return this.before ? merge(this.before, this.last) : { ...this.last, ts: this.bucket };
  }

  /** Whether the last source bar added is the final slot of the forming bucket (nothing more can join it). */
  get formingComplete(): boolean {
    return this.last !== null && this.last.ts + this.sourceStep >= this.bucket + this.targetStep;
  }

  /** Open time of the last source bar added, or null. */
  get lastSourceTs(): number | null {
    return this.last?.ts ?? null;
  }

  /** Returns the forming bucket and starts empty (end of a stream, or a bucket known to be complete). */
  flush(): OhlcvBar | null {
    const forming = this.forming;
    this.before = null;
    this.last = null;
    return forming;
  }

  private check(bar: OhlcvBar): void {
    const index = this.added;
    if (!Number.isSafeInteger(bar.ts)) {
      throw new ResampleInputError(index, bar.ts, 'not-finite', 'has a ts that is not an integer of milliseconds');
    }
    if (bucketStart(bar.ts, this.source) !== bar.ts) {
      throw new ResampleInputError(
        index,
        bar.ts,
        'misaligned',
        `is not on the UTC ${this.source} grid (a ${this.source} bar opens at ${bucketStart(bar.ts, this.source)})`,
      );
    }
    const previous = this.previousTs;
    if (previous !== null && bar.ts <= previous) {
      throw new ResampleInputError(
        index,
        bar.ts,
        bar.ts === previous ? 'duplicate' : 'unsorted',
        bar.ts === previous
          ? 'repeats the previous bar time: input must not contain duplicates'
          : `comes before the previous bar (ts ${previous}): input must be sorted ascending`,
      );
    }
    this.previousTs = bar.ts;
  }
}
