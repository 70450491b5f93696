import { describe, expect, it } from 'vitest';
import { computeRegimeFeatures } from '../features/regime-features';
import { FeatureInputError } from '../features/feature-input.error';
import { generateRegimeSeries } from '../synthetic/regime-series';
import { fitGaussianHMM } from './fit-gaussian-hmm';
import { filteredProbs } from './hmm-inference';
import { fromModelJson, toModelJson, type HMMModel } from './hmm-model-json';
import { canonicalizeStates } from './regime-labels';
import { captureState, restoreState, type Snapshot } from '../signals/engine/state-snapshot';
import { RegimeTracker, RegimeTrackerNotReadyError } from './regime-tracker';
import { fitStandardizer, standardize } from './standardizer';

const features = ['logret', 'vol20', 'range', 'volz20'] as const;
const { bars } = generateRegimeSeries({ n: 1500, seed: 21 });
const train = bars.slice(0, 1200);
const { X } = computeRegimeFeatures(train, features);
const standardizer = fitStandardizer(X, features);
const Z = standardize(standardizer, X);
const fit = fitGaussianHMM(Z, { nStates: 3, nInit: 2, seed: 1 });
const canonical = canonicalizeStates(fit.params, { features, standardizer });
const model: HMMModel = {
  params: canonical.params,
  features: [...features],
  standardizer,
  stateNames: canonical.names,
};
const K = 3;

describe('RegimeTracker', () => {
  it('is null while the feature windows warm up, then reproduces the batch filteredProbs on the training bars', () => {
    const tracker = new RegimeTracker(model);
    const batch = filteredProbs(model.params, Z);
    expect(tracker.warmUpBars).toBe(21);
    let maxError = 0;
    train.forEach((bar, i) => {
      const result = tracker.add(bar);
      if (i < 20) {
        expect(result, `bar ${i} is in the warm-up`).toBeNull();
        expect(tracker.isStable).toBe(false);
        return;
      }
      const row = i - 20;
      for (let k = 0; k < K; k++) maxError = Math.max(maxError, Math.abs(result![k]! - batch[row * K + k]!));
    });
    expect(maxError).toBeLessThanOrEqual(1e-12);
    expect(tracker.isStable).toBe(true);
    const last = tracker.getResultOrThrow();
    expect(last.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it('replace of a still-forming bar then add equals adding only the final version', () => {
    const a = new RegimeTracker(model);
    const b = new RegimeTracker(model);
    for (const bar of bars.slice(0, 1300)) {
      a.add(bar);
      b.add(bar);
    }
    const final = bars[1300]!;
    // the forming bar moves through a few intermediate prices before closing
    for (const f of [0.97, 1.05, 0.99]) {
      const c = final.open * f;
      if (f === 0.97)
        a.add({ ...final, close: c, high: Math.max(final.open, c), low: Math.min(final.open, c), volume: 10 });
      else
        a.replace({ ...final, close: c, high: Math.max(final.open, c), low: Math.min(final.open, c), volume: 10 * f });
    }
    a.replace(final);
    b.add(final);
    expect(Array.from(a.getResultOrThrow())).toEqual(Array.from(b.getResultOrThrow()));
    expect(a.barsSeen).toBe(b.barsSeen);
    for (const bar of bars.slice(1301)) {
      expect(Array.from(a.add(bar)!)).toEqual(Array.from(b.add(bar)!));
    }
  });

  it('replace on the first warm bar restarts from the start probabilities', () => {
    const a = new RegimeTracker(model);
    const b = new RegimeTracker(model);
    bars.slice(0, 20).forEach((bar) => (a.add(bar), b.add(bar)));
    a.add({ ...bars[20]!, close: bars[20]!.close * 1.2, high: bars[20]!.close * 1.2 });
    a.replace(bars[20]!);
    b.add(bars[20]!);
    expect(Array.from(a.getResultOrThrow())).toEqual(Array.from(b.getResultOrThrow()));
  });

  it('throws a not-ready error during warm-up and rejects a bad bar without changing state', () => {
    const tracker = new RegimeTracker(model);
    expect(tracker.getResult()).toBeNull();
    expect(() => tracker.getResultOrThrow()).toThrow(RegimeTrackerNotReadyError);
    bars.slice(0, 100).forEach((bar) => tracker.add(bar));
    const before = Array.from(tracker.getResultOrThrow());
    expect(() => tracker.add({ ...bars[100]!, close: Number.NaN })).toThrow(FeatureInputError);
    expect(() => tracker.add({ ...bars[100]!, close: Number.NaN })).toThrow(/^bar 100: close/);
    expect(Array.from(tracker.getResultOrThrow())).toEqual(before);
    const twin = new RegimeTracker(model);
    bars.slice(0, 101).forEach((bar) => twin.add(bar));
    expect(Array.from(tracker.add(bars[100]!)!)).toEqual(Array.from(twin.getResultOrThrow()));
  });

  it('returns its own probability buffer from every add, so a caller copies what it keeps', () => {
    const tracker = new RegimeTracker(model);
    bars.slice(0, 30).forEach((bar) => tracker.add(bar));
    const first = tracker.add(bars[30]!)!;
    const kept = first.slice();
    const second = tracker.add(bars[31]!)!;
    expect(second, 'no fresh array per bar').toBe(first);
    expect(tracker.getResult()).toBe(second);
    expect(Array.from(kept)).not.toEqual(Array.from(second));
  });

  it('continues exactly from a state snapshot restored into a fresh tracker (as the live engine stores it)', () => {
    const a = new RegimeTracker(model);
    bars.slice(0, 400).forEach((bar) => a.add(bar));
    const snapshot = JSON.parse(JSON.stringify(captureState(a))) as Snapshot;
    expect(JSON.stringify(snapshot), 'the forward step is code, not state').not.toContain('forward');
    const b = new RegimeTracker(model);
    restoreState(b, snapshot);
    for (const bar of bars.slice(400, 600)) {
      expect(Array.from(b.add(bar)!)).toEqual(Array.from(a.add(bar)!));
      expect(b.lastStepLogLikelihood).toBe(a.lastStepLogLikelihood);
    }
  });

  it('works from a model read back from JSON', () => {
    const restored = fromModelJson(JSON.parse(JSON.stringify(toModelJson(model))));
    const a = new RegimeTracker(restored);
    const b = new RegimeTracker(model);
    bars.forEach((bar) => (a.add(bar), b.add(bar)));
    expect(Array.from(a.getResultOrThrow())).toEqual(Array.from(b.getResultOrThrow()));
  });
});
