import { describe, expect, it } from 'vitest';
import type { CovarianceType, GaussianHMMParams } from './hmm-types';
import { canonicalizeStates, describeStates } from './regime-labels';
import { permuteStates } from './state-permutation';

const PERMUTATIONS_3 = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** 3 states on [logret, vol20]: crisis (bear, high vol), calm bull, choppy; deliberately not in order. */
function model(covarianceType: CovarianceType): GaussianHMMParams {
  const variances = [
    [0.03 ** 2, 4e-5],
    [0.007 ** 2, 1e-6],
    [0.013 ** 2, 9e-6],
  ];
  const covars: Record<CovarianceType, number[]> = {
    diag: variances.flat(),
    full: variances.flatMap(([a, b]) => [a!, 1e-7, 1e-7, b!]),
    spherical: [0.03 ** 2, 0.007 ** 2, 0.013 ** 2],
    tied: [1e-4, 1e-7, 1e-7, 1e-5],
  };
  return {
    nStates: 3,
    nFeatures: 2,
    covarianceType,
    startProb: Float64Array.from([0.2, 0.5, 0.3]),
    transMat: Float64Array.from([0.9, 0.05, 0.05, 0.01, 0.98, 0.01, 0.025, 0.025, 0.95]),
    means: Float64Array.from([-0.002, 0.03, 0.0005, 0.007, 0, 0.013]),
    covars: Float64Array.from(covars[covarianceType]),
  };
}
const features = ['logret', 'vol20'];

describe('canonicalizeStates', () => {
  it('orders by volatility and names by return sign and volatility tercile', () => {
    const c = canonicalizeStates(model('diag'), { features });
    expect(Array.from(c.order)).toEqual([1, 2, 0]);
    expect(c.names).toEqual(['bull / low vol', 'neutral / mid vol', 'bear / high vol']);
    expect(Array.from(c.params.means)).toEqual([0.0005, 0.007, 0, 0.013, -0.002, 0.03]);
    // rows and columns of A move together: the calm state's stay probability is now A[0,0]
    expect(Array.from(c.params.transMat)).toEqual([0.98, 0.01, 0.01, 0.025, 0.95, 0.025, 0.05, 0.05, 0.9]);
    expect(Array.from(c.params.startProb)).toEqual([0.5, 0.3, 0.2]);
  });

  for (const type of ['diag', 'full', 'spherical', 'tied'] as const) {
    it(`maps every permutation of the same ${type} model to identical params and names`, () => {
      const base = canonicalizeStates(model(type), { features });
      for (const p of PERMUTATIONS_3) {
        const c = canonicalizeStates(permuteStates(model(type), p), { features });
        expect(c.params, `permutation ${p.join(',')}`).toEqual(base.params);
        expect(c.names).toEqual(base.names);
      }
    });
  }

  it('ties on volatility (tied covariance) are broken by mean return', () => {
    const c = canonicalizeStates(model('tied'), { features });
    expect(Array.from(c.order)).toEqual([0, 2, 1]); // means -0.002, 0, 0.0005
  });

  it('names from feature units when the params are standardised (a below-average return is still positive)', () => {
    const std = { mean: Float64Array.from([0.001, 0.01]), scale: Float64Array.from([0.01, 0.005]) };
    const raw = model('diag');
    const standardised: GaussianHMMParams = {
      ...raw,
      means: raw.means.map((m, i) => (m - std.mean[i % 2]!) / std.scale[i % 2]!),
      covars: raw.covars.map((v, i) => v / std.scale[i % 2]! ** 2),
    };
    const c = canonicalizeStates(standardised, { features, standardizer: std });
    expect(c.names).toEqual(['bull / low vol', 'neutral / mid vol', 'bear / high vol']);
    expect(c.params.means[0]).toBeCloseTo((0.0005 - 0.001) / 0.01, 15);
  });

  it('gives unique names when states share a tercile, and vol-only names without logret', () => {
    const K = 5;
    const params: GaussianHMMParams = {
      nStates: K,
      nFeatures: 1,
      covarianceType: 'diag',
      startProb: new Float64Array(K).fill(1 / K),
      transMat: Float64Array.from({ length: K * K }, (_, i) => (i % (K + 1) === 0 ? 0.6 : 0.1)),
      means: Float64Array.from([0.001, 0.001, 0.001, 0.001, 0.001]),
      covars: Float64Array.from([1e-4, 2e-4, 3e-4, 4e-4, 5e-4]),
    };
    const names = canonicalizeStates(params, { features: ['logret'] }).names;
    expect(new Set(names).size).toBe(K);
    expect(names).toEqual([
      'bull / low vol',
      'bull / mid vol (1)',
      'bull / mid vol (2)',
      'bull / high vol (1)',
      'bull / high vol (2)',
    ]);
    expect(canonicalizeStates(params, { features: ['vol20'] }).names[0]).toMatch(/^low vol/);
  });
});

describe('describeStates', () => {
  it('reports durations, stationary shares, path occupancy and annualised moments', () => {
    const c = canonicalizeStates(model('diag'), { features });
    const path = [0, 0, 0, 1, 1, 0, 2, 2, 2, 2];
    const stats = describeStates(c.params, path, { features, periodsPerYear: 252, names: c.names });
    const calm = stats[0]!;
    expect(calm.name).toBe('bull / low vol');
    expect(calm.expectedDuration).toBeCloseTo(50, 10);
    expect(calm.meanReturn).toBe(0.0005);
    expect(calm.meanReturnAnnualised).toBeCloseTo(0.126, 15);
    expect(calm.volatility).toBeCloseTo(0.007, 15);
    expect(calm.volatilityAnnualised).toBeCloseTo(0.007 * Math.sqrt(252), 15);
    expect(calm.share).toBe(0.4);
    expect(calm.averageRunLength).toBe(2);
    expect(calm.featureMeans).toEqual([0.0005, 0.007]);
    expect(stats.map((s) => s.stationary)).toEqual([0.625, 0.25, 0.125].map((v) => expect.closeTo(v, 12)));
    expect(stats[2]!.averageRunLength).toBe(4);
  });

  it('leaves return statistics null when logret is not a feature', () => {
    const stats = describeStates(model('diag'), [0, 1], { features: ['absret', 'vol20'], periodsPerYear: 365 });
    expect(stats[0]!.meanReturn).toBeNull();
    expect(stats[0]!.volatilityAnnualised).toBeNull();
    expect(stats[0]!.name).toBe('state 0');
  });
});
