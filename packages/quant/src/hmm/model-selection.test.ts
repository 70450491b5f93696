import { describe, expect, it } from 'vitest';
import { computeRegimeFeatures } from '../features/regime-features';
import { generateRegimeSeries } from '../synthetic/regime-series';
import { InvalidParamsError } from './hmm-errors';
import { informationCriteria, parameterCount, selectStates } from './model-selection';
import { fitStandardizer, standardize } from './standardizer';

describe('parameterCount (hmmlearn _get_n_fit_scalars_per_param)', () => {
  it('counts K=3, D=2 by hand for every covariance type', () => {
    // start 2 + transitions 6 + means 6 = 14, plus covariances:
    expect(parameterCount(3, 2, 'full')).toBe(14 + 9); // 3 states x 3 entries of a symmetric 2x2
    expect(parameterCount(3, 2, 'diag')).toBe(14 + 6);
    expect(parameterCount(3, 2, 'spherical')).toBe(14 + 3);
    expect(parameterCount(3, 2, 'tied')).toBe(14 + 3);
  });

  it('counts K=2, D=1 diag as 1 + 2 + 2 + 2 = 7 and K=4, D=3 full as 3 + 12 + 12 + 24 = 51', () => {
    expect(parameterCount(2, 1, 'diag')).toBe(7);
    expect(parameterCount(4, 3, 'full')).toBe(51);
    expect(() => parameterCount(0, 1, 'diag')).toThrow(InvalidParamsError);
  });

  it('computes AIC and BIC', () => {
    expect(informationCriteria(100, 7, 1000)).toEqual({ aic: 14 - 200, bic: 7 * Math.log(1000) - 200 });
  });
});

describe('selectStates', () => {
  it('picks K = 3 by BIC on the 3-regime synthetic series (logret), reporting every candidate', () => {
    const { bars } = generateRegimeSeries({ n: 5000, seed: 7 });
    const { X } = computeRegimeFeatures(bars, ['logret']);
    const Z = standardize(fitStandardizer(X), X);
    const seen: number[] = [];
    const selection = selectStates(Z, [2, 3, 4, 5], { onCandidate: (c) => seen.push(c.states) });
    expect(seen).toEqual([2, 3, 4, 5]);
    expect(selection.byK.map((c) => c.states)).toEqual([2, 3, 4, 5]);
    const best = selection.byK.reduce((a, b) => (b.bic < a.bic ? b : a));
    expect(best.states).toBe(3);
    expect(selection.best.params.nStates).toBe(3);
    for (const c of selection.byK) {
      const p = c.states - 1 + c.states * (c.states - 1) + 2 * c.states;
      expect(c.bic).toBeCloseTo(p * Math.log(Z.rows) - 2 * c.logLikelihood, 8);
      expect(c.aic).toBeCloseTo(2 * p - 2 * c.logLikelihood, 8);
    }
  }, 60_000); // four HMM fits of 5,000 rows: seconds on a loaded 2-core machine, not a speed check

  it('rejects empty, duplicate or non-integer candidates', () => {
    const X = { data: new Float64Array(10), rows: 10, cols: 1 };
    expect(() => selectStates(X, [])).toThrow('candidates: at least one K is needed');
    expect(() => selectStates(X, [2, 2])).toThrow('candidates: has duplicates');
    expect(() => selectStates(X, [2, 2.5])).toThrow('candidates[1]: must be an integer >= 1');
  });
});
