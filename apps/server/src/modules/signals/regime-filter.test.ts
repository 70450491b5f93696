import { computeRegimeFeatures, filteredProbs, fromModelJson } from '@marketlens/quant';
import { describe, expect, it } from 'vitest';
import { seriesBars, THREE_REGIME_MODEL } from '../../../test/signals-fixtures';
import { filteredRegimeProbs, matchRegimeStates, regimeEntryFilter, regimeLabelAt } from './regime-filter';

const model = fromModelJson(THREE_REGIME_MODEL);
const bars = seriesBars(600, 3);
const K = 3;

describe('matchRegimeStates', () => {
  const names = ['bull / low vol', 'neutral / mid vol', 'bear / high vol (1)', 'bear / high vol (2)'];

  it('matches a full name, a name without its repeat number, or one part of it, ignoring case', () => {
    expect(matchRegimeStates(names, ['Bull / Low Vol'])).toEqual({ states: [0], unknown: [] });
    expect(matchRegimeStates(names, ['bear / high vol'])).toEqual({ states: [2, 3], unknown: [] });
    expect(matchRegimeStates(names, ['low vol', 'neutral'])).toEqual({ states: [0, 1], unknown: [] });
  });

  it('lists labels that name no state', () => {
    expect(matchRegimeStates(names, ['bull', 'sideways'])).toEqual({ states: [0], unknown: ['sideways'] });
  });
});

describe('filteredRegimeProbs', () => {
  it("equals quant's batch forward filter (filtered, not smoothed) bar for bar, NaN while warming up", () => {
    const probs = filteredRegimeProbs(model, [], bars);
    const { X, rowIndex } = computeRegimeFeatures(bars, model.features);
    const reference = filteredProbs(model.params, X);
    expect(Number.isNaN(probs[0]), 'logret has no value on the first bar').toBe(true);
    for (let r = 0; r < X.rows; r++) {
      const t = rowIndex[r]!;
      for (let k = 0; k < K; k++) expect(probs[t * K + k]).toBeCloseTo(reference[r * K + k]!, 12);
    }
  });

  it('gives the bars after a warm-up the probabilities they have in the whole series', () => {
    const whole = filteredRegimeProbs(model, [], bars);
    const tail = filteredRegimeProbs(model, bars.slice(0, 200), bars.slice(200));
    expect(Array.from(tail)).toEqual(Array.from(whole.subarray(200 * K)));
  });

  it('never changes a bar when later bars are added (it reads no future)', () => {
    const early = filteredRegimeProbs(model, [], bars.slice(0, 300));
    const whole = filteredRegimeProbs(model, [], bars);
    expect(Array.from(early)).toEqual(Array.from(whole.subarray(0, 300 * K)));
  });
});

describe('regimeEntryFilter', () => {
  const probs = new Float64Array([Number.NaN, Number.NaN, Number.NaN, 0.5, 0.3, 0.2, 0.1, 0.2, 0.7]);
  const spec = { fitId: 'f', stateNames: THREE_REGIME_MODEL.stateNames, states: [0, 1], minProbability: 0.75 };
  const filter = regimeEntryFilter(probs, spec);
  const at = (index: number) => filter({ index, bar: bars[index]!, side: 'long' });

  it('allows an entry when the allowed states together are at least minProbability', () => {
    expect(at(1)).toEqual({
      allow: true,
      evidence: {
        fitId: 'f',
        probabilities: { 'bull / low vol': 0.5, 'neutral / mid vol': 0.3, 'bear / high vol': 0.2 },
        allowedProbability: 0.8,
      },
    });
    expect(at(2).allow).toBe(false);
  });

  it('refuses entries while the regime is unknown', () => {
    expect(at(0)).toEqual({ allow: false });
  });

  it('labels a bar with its most probable state', () => {
    const label = regimeLabelAt(probs, spec.stateNames);
    expect([label(0), label(1), label(2), label(3)]).toEqual([null, 'bull / low vol', 'bear / high vol', null]);
  });
});
