import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { fitGaussianHMM } from './fit-gaussian-hmm';
import { MLE_PRIORS } from './hmm-defaults';
import { HMMInputError, InsufficientDataError, InvalidParamsError } from './hmm-errors';
import { posteriorProbs, scoreHMM, viterbiPath } from './hmm-inference';
import type { CovarianceType, GaussianHMMParams, Matrix } from './hmm-types';
import {
  paramsFromJson,
  readReferenceCsv,
  readReferenceJson,
  referenceAvailable,
  referenceFeatures,
  type ReferenceParamsJson,
} from './reference-fixtures';

/** A 3-regime series from our seeded RNG (the reference README §2 process), features [r, |r|]. */
function regimeSeries(
  n: number,
  seed: number,
  D: 1 | 2 = 2,
  sd = [0.007, 0.013, 0.03],
): { X: Matrix; states: Int32Array } {
  const rng = createSeededRandom(seed);
  const P = [
    [0.98, 0.01, 0.01],
    [0.025, 0.95, 0.025],
    [0.05, 0.05, 0.9],
  ];
  const mean = [0.0005, 0, -0.002];
  const data = new Float64Array(n * D);
  const states = new Int32Array(n);
  let s = 0;
  for (let t = 0; t < n; t++) {
    const u = rng.next();
    let j = 0;
    for (let acc = P[s]![0]!; u >= acc && j < 2; acc += P[s]![++j]!);
    s = j;
    states[t] = s;
    const r = mean[s]! + sd[s]! * rng.normal();
    data[t * D] = r;
    if (D === 2) data[t * D + 1] = Math.abs(r);
  }
  return { X: { data, rows: n, cols: D }, states };
}

function posteriorArgmax(params: GaussianHMMParams, X: Matrix): Int32Array {
  const { probs } = posteriorProbs(params, X);
  const K = params.nStates;
  return Int32Array.from({ length: X.rows }, (_, t) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (probs[t * K + k]! > probs[t * K + best]!) best = k;
    return best;
  });
}

/** Share of rows where the path equals the truth under the best relabelling of the fitted states. */
function matchedAccuracy(path: Int32Array, truth: ArrayLike<number>, K: number): number {
  const perms = (items: number[]): number[][] =>
    items.length <= 1
      ? [items]
      : items.flatMap((x, i) => perms([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
  let best = 0;
  for (const perm of perms(Array.from({ length: K }, (_, k) => k))) {
    let hits = 0;
    path.forEach((s, t) => {
      if (perm[s] === truth[t]) hits++;
    });
    best = Math.max(best, hits / path.length);
  }
  return best;
}

describe.skipIf(!referenceAvailable)('fitGaussianHMM on the reference series (needs ../shared/reference)', () => {
  it('decodes the reference regime series as well as its true parameters do (the Bayes limit, ~90%, not 95%)', async () => {
    // ../shared/reference/synthetic_regimes_5000.csv: true_state per row, features from the close (README §3).
    // The calm (sd 0.7%) and choppy (sd 1.3%) regimes overlap so much that even the TRUE parameters decode
    // only 87.5% (Viterbi) / 90.1% (posterior argmax) of the rows correctly, and hmmlearn's MLE 88.56%:
    // 95% is out of reach on this series, so the bar is "as good as the truth" (95% is asserted below on a
    // series whose regimes are separable).
    const csv = await readReferenceCsv('synthetic_regimes_5000.csv');
    const close = csv.get('close')!;
    const truth = csv.get('true_state')!.slice(1);
    const logret = new Float64Array(close.length - 1).map((_, t) => Math.log(close[t + 1]!) - Math.log(close[t]!));
    const X = { data: logret, rows: logret.length, cols: 1 };
    const fit = fitGaussianHMM(X, { nStates: 3 });
    // The MLE of the same model from hmmlearn's fixed start reaches 15742.23 (README §5).
    expect(fit.logLikelihood).toBeGreaterThan(15742.2);
    const viterbiAccuracy = matchedAccuracy(viterbiPath(fit.params, X).path, truth, 3);
    expect(viterbiAccuracy, `Viterbi accuracy ${viterbiAccuracy}`).toBeGreaterThanOrEqual(0.875);
    const argmax = posteriorArgmax(fit.params, X);
    const posteriorAccuracy = matchedAccuracy(argmax, truth, 3);
    expect(posteriorAccuracy, `posterior accuracy ${posteriorAccuracy}`).toBeGreaterThanOrEqual(0.895);
  });

  it('keeps the degenerate k3_full [logret, absret] run finite and well conditioned for 50 iterations (README §4.4)', async () => {
    const X = await referenceFeatures(['logret', 'absret']);
    const init = paramsFromJson(await readReferenceJson<ReferenceParamsJson>('hmmlearn/init_k3_full.json'));
    const degenerate = await readReferenceJson<{ loglik_history: number[] }>(
      'hmmlearn/synth5000_k3_full_fit50_DEGENERATE.json',
    );
    const fit = fitGaussianHMM(X, { nStates: 3, init, maxIter: 50, tol: -Infinity, minCovar: 1e-3 });
    expect(fit.history.every(Number.isFinite) && Number.isFinite(fit.logLikelihood)).toBe(true);
    // hmmlearn's collapsed state sends its likelihood far above anything a non-singular model reaches.
    expect(Math.max(...degenerate.loglik_history)).toBeGreaterThan(fit.logLikelihood + 1000);
    for (let k = 0; k < 3; k++) {
      const [a, b, , d] = Array.from(fit.params.covars.subarray(k * 4, k * 4 + 4)) as [number, number, number, number];
      const tr = a + d;
      const det = a * d - b * b;
      const smallest = tr / 2 - Math.sqrt((tr * tr) / 4 - det);
      expect(det, `state ${k} covariance is positive definite`).toBeGreaterThan(0);
      expect(Number.isFinite(smallest) && smallest > 0).toBe(true);
    }
    // With priors 0 the guarded EM never lowers the likelihood by more than rounding.
    const mle = fitGaussianHMM(X, { nStates: 3, init, maxIter: 50, tol: -Infinity, priors: MLE_PRIORS });
    for (let i = 1; i < mle.history.length; i++)
      expect(mle.history[i]!).toBeGreaterThanOrEqual(mle.history[i - 1]! - 1e-6);
  });
});

describe('fitGaussianHMM', () => {
  it('recovers separable regimes with >= 95% accuracy from k-means++ starts and our defaults', () => {
    const { X, states } = regimeSeries(5000, 21, 1, [0.004, 0.012, 0.035]);
    const fit = fitGaussianHMM(X, { nStates: 3 });
    const accuracy = matchedAccuracy(viterbiPath(fit.params, X).path, states, 3);
    expect(accuracy, `state accuracy ${accuracy}`).toBeGreaterThanOrEqual(0.95);
  });

  it('is deterministic for a seed and depends on it', () => {
    const { X } = regimeSeries(1500, 3);
    const a = fitGaussianHMM(X, { nStates: 3, seed: 42, nInit: 2 });
    const b = fitGaussianHMM(X, { nStates: 3, seed: 42, nInit: 2 });
    expect(Array.from(a.params.means)).toEqual(Array.from(b.params.means));
    expect(a.history).toEqual(b.history);
    const c = fitGaussianHMM(X, { nStates: 3, seed: 43, nInit: 1, maxIter: 3 });
    const d = fitGaussianHMM(X, { nStates: 3, seed: 42, nInit: 1, maxIter: 3 });
    expect(c.history[0]).not.toBe(d.history[0]);
  });

  it.each(['diag', 'full', 'spherical', 'tied'] as CovarianceType[])(
    'never lowers the log-likelihood with priors 0 (%s)',
    (covarianceType) => {
      const { X } = regimeSeries(2000, 5);
      const fit = fitGaussianHMM(X, {
        nStates: 3,
        covarianceType,
        nInit: 1,
        maxIter: 40,
        tol: -Infinity,
        priors: MLE_PRIORS,
        minCovar: 1e-6,
      });
      for (let i = 1; i < fit.history.length; i++)
        expect(fit.history[i]!, `iteration ${i}`).toBeGreaterThanOrEqual(
          fit.history[i - 1]! - 1e-7 * Math.abs(fit.history[i - 1]!),
        );
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(fit.history.at(-1)!);
      expect(scoreHMM(fit.params, X)).toBeCloseTo(fit.logLikelihood, 6);
    },
  );

  it('stops on hmmlearn rule (gain below tol) and reports it, and runs exactly maxIter with tol -Infinity', () => {
    const { X } = regimeSeries(1000, 9);
    const loose = fitGaussianHMM(X, { nStates: 2, nInit: 1, maxIter: 500, tol: 1e-2 });
    expect(loose.converged).toBe(true);
    expect(loose.nIter).toBeLessThan(500);
    expect(loose.history.at(-1)! - loose.history.at(-2)!).toBeLessThan(1e-2);
    const exact = fitGaussianHMM(X, { nStates: 2, nInit: 1, maxIter: 7, tol: -Infinity });
    expect(exact.nIter).toBe(7);
    expect(exact.converged).toBe(false);
    const calls: number[] = [];
    fitGaussianHMM(X, { nStates: 2, nInit: 2, maxIter: 3, tol: -Infinity }, (iter) => calls.push(iter));
    expect(calls).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stays finite on 1e6-scaled inputs and on a constant feature column (covariance floor)', () => {
    const { X } = regimeSeries(1500, 4);
    const scaled = { ...X, data: X.data.map((v) => v * 1e6) };
    for (const covarianceType of ['diag', 'full', 'spherical', 'tied'] as const) {
      const fit = fitGaussianHMM(scaled, { nStates: 3, covarianceType, nInit: 1 });
      expect(Number.isFinite(fit.logLikelihood), covarianceType).toBe(true);
      expect(
        Array.from(fit.params.covars).every((v) => Number.isFinite(v)),
        covarianceType,
      ).toBe(true);
    }
    const constant = { data: new Float64Array(X.rows * 2), rows: X.rows, cols: 2 };
    for (let t = 0; t < X.rows; t++) {
      constant.data[t * 2] = X.data[t * 2]!;
      constant.data[t * 2 + 1] = 0.25;
    }
    for (const covarianceType of ['diag', 'full'] as const) {
      const fit = fitGaussianHMM(constant, { nStates: 3, covarianceType, nInit: 2 });
      expect(Number.isFinite(fit.logLikelihood), covarianceType).toBe(true);
      expect(fit.history.every(Number.isFinite)).toBe(true);
    }
  });

  it('keeps the parameters of a state that gets no posterior mass', () => {
    const { X } = regimeSeries(800, 8, 1);
    const init = {
      nStates: 2,
      nFeatures: 1,
      covarianceType: 'diag' as const,
      startProb: Float64Array.from([1, 0]),
      transMat: Float64Array.from([1, 0, 0.5, 0.5]),
      means: Float64Array.from([0, 5]),
      covars: Float64Array.from([1e-4, 1]),
    };
    const fit = fitGaussianHMM(X, { nStates: 2, init, maxIter: 5, tol: -Infinity });
    expect(fit.params.means[1]).toBe(5);
    expect(fit.params.covars[1]).toBe(1);
    expect(Array.from(fit.params.startProb)).toEqual([1, 0]);
    expect(fit.params.transMat[1]).toBe(0);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  it('names the first NaN/Inf cell, and rejects too few rows and bad options', () => {
    const { X } = regimeSeries(100, 1);
    const bad = { ...X, data: X.data.slice() };
    bad.data[17 * 2 + 1] = Number.NaN;
    bad.data[40 * 2] = Infinity;
    const error = (() => {
      try {
        fitGaussianHMM(bad, { nStates: 2 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HMMInputError);
    expect(error).toMatchObject({ row: 17, col: 1 });
    const few = { data: X.data.subarray(0, 8), rows: 4, cols: 2 };
    expect(() => fitGaussianHMM(few, { nStates: 3 })).toThrow(InsufficientDataError);
    expect(() => fitGaussianHMM(few, { nStates: 3 })).toThrow(expect.objectContaining({ required: 9, received: 4 }));
    for (const [options, field] of [
      [{ nStates: 0 }, 'nStates'],
      [{ nStates: 2.5 }, 'nStates'],
      [{ nStates: 2, maxIter: -1 }, 'maxIter'],
      [{ nStates: 2, minCovar: -1 }, 'minCovar'],
      [{ nStates: 2, nInit: 0 }, 'nInit'],
      [{ nStates: 2, tol: Number.NaN }, 'tol'],
      [{ nStates: 2, covarianceType: 'banded' as CovarianceType }, 'covarianceType'],
    ] as const)
      expect(() => fitGaussianHMM(X, options), field).toThrow(
        expect.objectContaining({ name: 'InvalidParamsError', field }),
      );
    const init = {
      nStates: 2,
      nFeatures: 2,
      covarianceType: 'diag' as const,
      startProb: Float64Array.from([0.7, 0.7]),
      transMat: Float64Array.from([0.9, 0.1, 0.1, 0.9]),
      means: new Float64Array(4),
      covars: new Float64Array(4).fill(1),
    };
    expect(() => fitGaussianHMM(X, { nStates: 2, init })).toThrow(InvalidParamsError);
    expect(() => fitGaussianHMM(X, { nStates: 2, init })).toThrow(/startProb/);
  });
});
