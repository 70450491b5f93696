// Regime recovery on the synthetic 3-regime process (reference README §2). The issue asks for >= 95% state
// accuracy after matching labels; that is above what this process allows: with the TRUE parameters the
// Viterbi path gets 87.5% of the reference series' states right (90.1% for the posterior argmax), and
// hmmlearn's own maximum-likelihood fit gets 88.56% (synth5000_k3_diag_logret_fit50_mle.json's path against
// true_state). The calm (sd 0.007) and choppy (sd 0.013) regimes overlap too much day by day. So these
// tests hold the fit to the Bayes bound instead: as accurate as the true model, to within one point.
import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { computeRegimeFeatures } from '../features/regime-features';
import { generateRegimeSeries, REFERENCE_REGIMES, REFERENCE_TRANSITION } from '../synthetic/regime-series';
import { fitGaussianHMM } from './fit-gaussian-hmm';
import { viterbiPath } from './hmm-inference';
import type { GaussianHMMParams } from './hmm-types';
import { readReferenceCsv, referenceAvailable } from './reference-fixtures';
import { canonicalizeStates } from './regime-labels';
import { fitStandardizer, standardize } from './standardizer';

const TRUE_PARAMS: GaussianHMMParams = {
  nStates: 3,
  nFeatures: 1,
  covarianceType: 'diag',
  startProb: Float64Array.from([1, 0, 0]),
  transMat: Float64Array.from(REFERENCE_TRANSITION.flat()),
  means: Float64Array.from(REFERENCE_REGIMES.map((r) => r.mean)),
  covars: Float64Array.from(REFERENCE_REGIMES.map((r) => r.sd ** 2)),
};

/** Fits with the platform defaults (standardised logret, K=3) and scores the canonical Viterbi path. */
function recover(bars: readonly OhlcvBar[], states: ArrayLike<number>) {
  const { X, rowIndex } = computeRegimeFeatures(bars, ['logret']);
  const std = fitStandardizer(X, ['logret']);
  const Z = standardize(std, X);
  const fit = fitGaussianHMM(Z, { nStates: 3 });
  // Canonical order is ascending volatility, the generator's order too: no further label matching needed.
  const canonical = canonicalizeStates(fit.params, { features: ['logret'], standardizer: std });
  const accuracy = (path: Int32Array) => path.filter((s, t) => s === states[rowIndex[t]!]).length / path.length;
  return {
    fitted: accuracy(viterbiPath(canonical.params, Z).path),
    truth: accuracy(viterbiPath(TRUE_PARAMS, X).path),
    canonical,
    fit,
    rawLogLikelihood: fit.logLikelihood - Z.rows * Math.log(std.scale[0]!),
  };
}

describe('regime recovery on the synthetic series', () => {
  it('recovers the states of generateRegimeSeries(n=5000) as well as the true parameters do', () => {
    const { bars, states } = generateRegimeSeries({ n: 5000, seed: 7 });
    const { fitted, truth, canonical } = recover(bars, states);
    expect(fitted, `fitted ${fitted}, true-parameter Viterbi ${truth}`).toBeGreaterThanOrEqual(truth - 0.01);
    expect(fitted).toBeGreaterThan(0.85);
    expect(canonical.names[0]).toBe('bull / low vol');
    expect(canonical.names[2]).toMatch(/high vol$/);
  });

  it.skipIf(!referenceAvailable)(
    'matches hmmlearn on the reference series: 88.56% accuracy at its MLE optimum',
    async () => {
      const csv = await readReferenceCsv('synthetic_regimes_5000.csv');
      const bars = csv.get('close')!.map((c, i) => ({ ts: i, open: c, high: c, low: c, close: c, volume: 0 }));
      const { fitted, truth, canonical, fit, rawLogLikelihood } = recover(bars, csv.get('true_state')!);
      expect(truth).toBeCloseTo(0.875, 4);
      expect(fitted).toBeCloseTo(0.8856, 4);
      // the same optimum as hmmlearn's _mle run (15742.232 in raw units); ours is on standardised returns,
      // whose log-likelihood differs by T ln(scale)
      expect(rawLogLikelihood).toBeCloseTo(15742.232, 2);
      const A = canonical.params.transMat;
      [0.977, 0.94, 0.874].forEach((v, k) => expect(A[k * 4]!).toBeCloseTo(v, 3));
      expect(fit.converged).toBe(true);
    },
  );
});
