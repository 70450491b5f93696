// Exactness against hmmlearn 0.3.3: every fixed-init configuration of ../shared/reference/hmmlearn (see
// ../shared/reference/README.md §1, §4 and the tolerances of §4.2). The same start parameters, the same
// priors and tol = -Infinity, so both run exactly the same number of EM iterations.
import { afterAll, describe, expect, it } from 'vitest';
import { fitGaussianHMM } from './fit-gaussian-hmm';
import { HMMLEARN_PRIORS, MLE_PRIORS } from './hmm-defaults';
import { filteredProbs, posteriorProbs, scoreHMM, viterbiPath } from './hmm-inference';
import type { GaussianHMMParams, Matrix } from './hmm-types';
import {
  paramsFromJson,
  readReferenceJson,
  referenceAvailable,
  referenceFeatures,
  type ReferenceParamsJson,
} from './reference-fixtures';

interface Decoded {
  loglik: number;
  viterbi_logprob: number;
  viterbi_path: number[];
  posteriors_head: number[][];
  posteriors_tail: number[][];
  posteriors_sampled: { index: number[]; probs: number[][] };
  filtered_head?: number[][];
  filtered_tail?: number[][];
}
interface FitJson {
  params: ReferenceParamsJson;
  loglik_history: number[];
  n_iter_run: number;
  final: Decoded;
}

const CONFIGS = [
  { cfg: 'k2_diag', features: ['logret', 'absret'], iters: 50 },
  { cfg: 'k3_diag', features: ['logret', 'absret'], iters: 50 },
  { cfg: 'k4_diag', features: ['logret', 'absret'], iters: 50 },
  { cfg: 'k3_diag_logret', features: ['logret'], iters: 50 },
  { cfg: 'k3_full', features: ['logret', 'absret'], iters: 10 },
  { cfg: 'k3_full_logret_vol20', features: ['logret', 'vol20'], iters: 50 },
] as const;

/** Worst error seen per quantity, printed at the end (the tolerances are in the assertions). */
const worst: Record<string, number> = {};
const note = (what: string, err: number) => {
  worst[what] = Math.max(worst[what] ?? 0, err);
};

function expectRelative(actual: number, expected: number, tol: number, what: string, floor = 0) {
  const err = Math.abs(actual - expected);
  note(what, err / Math.max(Math.abs(expected), Number.MIN_VALUE));
  const ok = err <= tol * Math.abs(expected) || err <= floor;
  expect(ok, `${what}: ${actual} vs hmmlearn ${expected} (abs err ${err})`).toBe(true);
}

function expectAbsolute(actual: number, expected: number, tol: number, what: string) {
  const err = Math.abs(actual - expected);
  note(what, err);
  expect(err, `${what}: ${actual} vs hmmlearn ${expected}`).toBeLessThanOrEqual(tol);
}

function expectRows(probs: Float64Array, K: number, rows: number[], expected: number[][], what: string) {
  rows.forEach((t, r) => {
    for (let k = 0; k < K; k++)
      expectAbsolute(probs[t * K + k]!, expected[r]![k]!, 1e-6, `${what} row ${t}`.replace(/ row \d+/, ''));
  });
}

function expectDecoded(params: GaussianHMMParams, X: Matrix, ref: Decoded, label: string) {
  const K = params.nStates;
  const T = X.rows;
  const { logLikelihood, probs } = posteriorProbs(params, X);
  expectRelative(logLikelihood, ref.loglik, 1e-6, 'loglik');
  expectRelative(scoreHMM(params, X), ref.loglik, 1e-6, 'loglik');
  const viterbi = viterbiPath(params, X);
  expectRelative(viterbi.logProb, ref.viterbi_logprob, 1e-6, 'viterbi logprob');
  let mismatches = 0;
  viterbi.path.forEach((s, t) => {
    if (s !== ref.viterbi_path[t]) mismatches++;
  });
  expect(mismatches, `${label}: Viterbi path differs from hmmlearn's at ${mismatches} rows`).toBe(0);
  const head = Array.from({ length: 10 }, (_, i) => i);
  const tail = Array.from({ length: 10 }, (_, i) => T - 10 + i);
  expectRows(probs, K, head, ref.posteriors_head, 'posteriors');
  expectRows(probs, K, tail, ref.posteriors_tail, 'posteriors');
  expectRows(probs, K, ref.posteriors_sampled.index, ref.posteriors_sampled.probs, 'posteriors');
  if (ref.filtered_head && ref.filtered_tail) {
    const filtered = filteredProbs(params, X);
    expectRows(filtered, K, head, ref.filtered_head, 'filtered');
    expectRows(filtered, K, tail, ref.filtered_tail, 'filtered');
  }
}

function expectParams(actual: GaussianHMMParams, json: ReferenceParamsJson) {
  const expected = paramsFromJson(json);
  actual.startProb.forEach((v, i) => expectAbsolute(v, expected.startProb[i]!, 1e-7, 'startprob'));
  actual.transMat.forEach((v, i) => expectAbsolute(v, expected.transMat[i]!, 1e-7, 'transmat'));
  actual.means.forEach((v, i) => expectRelative(v, expected.means[i]!, 1e-6, 'means', 1e-12));
  actual.covars.forEach((v, i) => expectRelative(v, expected.covars[i]!, 1e-6, 'covars', 1e-12));
}

describe.skipIf(!referenceAvailable)('Gaussian HMM against hmmlearn (needs ../shared/reference)', () => {
  afterAll(() => {
    const log = (globalThis as unknown as { console: { log: (...args: unknown[]) => void } }).console.log;
    log('worst errors vs hmmlearn (relative for loglik/means/covars, absolute for probabilities):', worst);
  });

  for (const { cfg, features, iters } of CONFIGS) {
    describe(cfg, () => {
      const load = async () => ({
        X: await referenceFeatures(features),
        init: paramsFromJson(await readReferenceJson<ReferenceParamsJson>(`hmmlearn/init_${cfg}.json`)),
      });

      it('scores the init parameters: log-likelihood, Viterbi, posteriors and filtered probabilities', async () => {
        const { X, init } = await load();
        const ref = await readReferenceJson<Decoded>(`hmmlearn/synth5000_${cfg}_score_init.json`);
        expectDecoded(init, X, ref, `${cfg} init`);
      });

      for (const [suffix, priors] of [
        ['', HMMLEARN_PRIORS],
        ['_mle', MLE_PRIORS],
      ] as const) {
        it(`runs ${iters} EM iterations like hmmlearn with ${suffix ? 'no priors (_mle)' : 'its default priors'}`, async () => {
          const { X, init } = await load();
          const ref = await readReferenceJson<FitJson>(`hmmlearn/synth5000_${cfg}_fit${iters}${suffix}.json`);
          const fit = fitGaussianHMM(X, { nStates: init.nStates, init, maxIter: iters, tol: -Infinity, priors });
          expect(fit.nIter).toBe(ref.n_iter_run);
          expect(fit.history).toHaveLength(ref.loglik_history.length);
          fit.history.forEach((ll, i) => expectRelative(ll, ref.loglik_history[i]!, 1e-6, 'loglik history'));
          expectRelative(fit.logLikelihood, ref.final.loglik, 1e-6, 'loglik');
          expectParams(fit.params, ref.params);
          expectDecoded(fit.params, X, ref.final, `${cfg}${suffix} fitted`);
        });
      }
    });
  }
});
