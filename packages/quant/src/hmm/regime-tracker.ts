import type { OhlcvBar } from '../bars/ohlcv-bar';
import { createFeatureCalculators } from '../features/regime-features';
import type { StreamingFeature } from '../features/streaming-feature';
import { createForwardStep, type ForwardStep } from './forward-step';
import type { HMMModel } from './hmm-model-json';
import { standardizeRow } from './standardizer';

/** getResultOrThrow() while the feature windows are still warming up. */
export class RegimeTrackerNotReadyError extends Error {
  override readonly name = 'RegimeTrackerNotReadyError';
  constructor(
    readonly required: number,
    readonly received: number,
  ) {
    super(`the regime tracker needs ${required} bars before its first probabilities, has ${received}`);
  }
}

/**
 * Live regime probabilities P(state | bars so far) from a fitted model, one bar at a time, without
 * refitting: streaming features -> the model's standardiser -> one forward step, O(K^2 D) per bar and no
 * allocation per bar: add/replace return the tracker's own probability buffer (see getResult). The model's
 * parameters are checked and factored once, by the constructor (InvalidParamsError). Fed the training bars it
 * reproduces the batch `filteredProbs` of the training feature matrix, because the features, the
 * standardisation and the forward step are the same code.
 *
 * `replace(bar)` is for a still-forming bar: the last bar's features and forward step are recomputed
 * from the state before it, so a later `add` continues as if only the final version had been added.
 */
export class RegimeTracker {
  readonly warmUpBars: number;
  private readonly features: StreamingFeature[];
  private readonly raw: Float64Array;
  private readonly row: Float64Array;
  /** Filtered probabilities before the last step, and after it. */
  private readonly before: Float64Array;
  private readonly current: Float64Array;
  /**
   * The model's forward step, factored once. A function, so state snapshots (captureState skips functions)
   * stay what they were: the live engine stores them and restores them into a freshly built tracker.
   */
  private readonly forward: ForwardStep;
  private steps = 0;
  private bars = 0;
  private lastLogLikelihood = Number.NaN;

  constructor(readonly model: HMMModel) {
    this.features = createFeatureCalculators(model.features);
    if (this.features.length !== model.params.nFeatures) {
      throw new RangeError(`model has ${model.params.nFeatures} features in its params, ${this.features.length} names`);
    }
    this.warmUpBars = Math.max(...this.features.map((f) => f.warmUpBars));
    const D = model.params.nFeatures;
    const K = model.params.nStates;
    this.raw = new Float64Array(D);
    this.row = new Float64Array(D);
    this.before = new Float64Array(K);
    this.current = new Float64Array(K);
    this.forward = createForwardStep(model.params);
  }

  get isStable(): boolean {
    return this.steps > 0;
  }

  /** Bars added so far (replacements do not count). */
  get barsSeen(): number {
    return this.bars;
  }

  /** log p(x_t | x_1..t-1) of the last step: a surprise measure (NaN before the first step). */
  get lastStepLogLikelihood(): number {
    return this.lastLogLikelihood;
  }

  /** The filtered probabilities after `bar`, or null while warming up: getResult's buffer (copy to keep). */
  add(bar: OhlcvBar): Float64Array | null {
    // all features accept the bar or none sees it, so a bad bar leaves the tracker as it was
    for (let d = 0; d < this.features.length; d++) this.features[d]!.validate(bar, this.bars);
    for (let d = 0; d < this.features.length; d++) this.raw[d] = this.features[d]!.addValidated(bar) ?? Number.NaN;
    this.bars += 1;
    if (this.bars < this.warmUpBars) return null;
    // K values: a loop costs less than the call into TypedArray.prototype.set.
    if (this.steps > 0) for (let k = 0; k < this.current.length; k++) this.before[k] = this.current[k]!;
    this.step(this.steps > 0 ? this.before : null);
    this.steps += 1;
    return this.current;
  }

  replace(bar: OhlcvBar): Float64Array | null {
    if (this.bars === 0) return this.add(bar);
    for (const f of this.features) f.validate(bar, this.bars - 1);
    for (let d = 0; d < this.features.length; d++) this.raw[d] = this.features[d]!.replace(bar) ?? Number.NaN;
    if (this.steps === 0) return null;
    // redo the last step from the state before it (null when it was the first step)
    this.step(this.steps > 1 ? this.before : null);
    return this.current;
  }

  /**
   * The filtered probabilities after the last bar (length K, canonical state order of the model), or null
   * while warming up. The array is the tracker's own buffer, overwritten by the next add/replace: copy it
   * (`.slice()`) to keep it.
   */
  getResult(): Float64Array | null {
    return this.steps > 0 ? this.current : null;
  }

  getResultOrThrow(): Float64Array {
    if (this.steps === 0) throw new RegimeTrackerNotReadyError(this.warmUpBars, this.bars);
    return this.current;
  }

  private step(prev: Float64Array | null): void {
    const x = this.model.standardizer ? standardizeRow(this.model.standardizer, this.raw, this.row) : this.raw;
    this.lastLogLikelihood = this.forward(prev, x, this.current);
  }
}
