// Inference with given parameters: score, posteriors, filtered probabilities, Viterbi, and the online
// forward step. Parameters are treated as immutable: their factored form is cached per params object, so
// `forwardStep` allocates nothing after its first call on a model.
import { createEmission, setEmission, type Emission } from './emission';
import { forwardPass } from './forward-backward';
import { createWorkspace } from './hmm-workspace';
import { backwardPosteriors } from './forward-backward-smooth';
import { createForwardStep, type ForwardStep } from './forward-step';
import { assertObservations, assertParams, InvalidParamsError } from './hmm-errors';
import type { GaussianHMMParams, Matrix } from './hmm-types';
import { viterbi } from './viterbi';

interface Prepared {
  readonly em: Emission;
  /** Built on the first forwardStep: most models are only scored or decoded in batch. */
  step?: ForwardStep;
}

const prepared = new WeakMap<GaussianHMMParams, Prepared>();

function prepare(params: GaussianHMMParams): Prepared {
  let p = prepared.get(params);
  if (p === undefined) {
    assertParams(params);
    const em = createEmission(params.nStates, params.nFeatures);
    setEmission(em, params);
    p = { em };
    prepared.set(params, p);
  }
  return p;
}

function forwardAll(params: GaussianHMMParams, X: Matrix) {
  const { em } = prepare(params);
  assertObservations(X, params.nFeatures);
  const ws = createWorkspace(X.rows, params.nStates);
  const logLikelihood = X.rows === 0 ? 0 : forwardPass(em, params.startProb, params.transMat, X, ws);
  return { ws, logLikelihood };
}

/** log p(X | params) (hmmlearn's `score`). */
export function scoreHMM(params: GaussianHMMParams, X: Matrix): number {
  return forwardAll(params, X).logLikelihood;
}

/** Smoothed posteriors P(s_t | x_1..T), T x K (hmmlearn's `score_samples` / `predict_proba`). */
export function posteriorProbs(params: GaussianHMMParams, X: Matrix): { logLikelihood: number; probs: Float64Array } {
  const { ws, logLikelihood } = forwardAll(params, X);
  const probs = new Float64Array(X.rows * params.nStates);
  if (X.rows > 0) backwardPosteriors(params.transMat, X, ws, probs);
  return { logLikelihood, probs };
}

/** Filtered probabilities P(s_t | x_1..t), T x K: what an online tracker knows at each row. */
export function filteredProbs(params: GaussianHMMParams, X: Matrix): Float64Array {
  return forwardAll(params, X).ws.alpha;
}

/** Most likely state path and its log-probability (hmmlearn's `decode(algorithm="viterbi")`). */
export function viterbiPath(params: GaussianHMMParams, X: Matrix): { logProb: number; path: Int32Array } {
  const { em } = prepare(params);
  assertObservations(X, params.nFeatures);
  return viterbi(em, params.startProb, params.transMat, X);
}

/**
 * One online filtering step, O(K² D): from the previous filtered probabilities (null at the start of the
 * series) and a new observation row, writes P(s_t | x_1..t) into `out` (length K) and returns
 * log p(x_t | x_1..t-1). Bit-identical to row t of {@link filteredProbs}. `out` may be `prevFiltered`.
 */
export function forwardStep(
  params: GaussianHMMParams,
  prevFiltered: Float64Array | null,
  x: Float64Array | ArrayLike<number>,
  out: Float64Array,
): number {
  const p = prepare(params);
  const K = params.nStates;
  const D = params.nFeatures;
  if (x.length !== D) throw new InvalidParamsError('x', `has ${x.length} values, the model has ${D} features`);
  if (out.length < K) throw new InvalidParamsError('out', `needs length ${K}, got ${out.length}`);
  if (prevFiltered !== null && prevFiltered.length < K)
    throw new InvalidParamsError('prevFiltered', `needs length ${K}, got ${prevFiltered.length}`);
  p.step ??= createForwardStep(params);
  return p.step(prevFiltered, x, out);
}
