import type { RegimeFitSummary } from '@marketlens/contracts';
import {
  canonicalizeStates,
  describeStates,
  filteredProbs,
  fitGaussianHMM,
  informationCriteria,
  parameterCount,
  posteriorProbs,
  toModelJson,
  viterbiPath,
  type FitResult,
  type GaussianHMMParams,
  type HMMModelJson,
  type HMMPriors,
  type RegimeFeatureName,
} from '@marketlens/quant';
import type { RegimeSeriesColumns } from '../../db/schema';
import type { RegimeFitPlan, RegimeFitSettings } from './regime-fit-plan';

export interface RegimeComputeOptions {
  settings: RegimeFitSettings;
  /** Bars per year for annualised statistics (see periods-per-year.ts). */
  periodsPerYear: number;
  /** Explicit start parameters (CLI --init): one fit, no restarts, states keep the init's numbering. */
  init?: GaussianHMMParams;
  priors?: HMMPriors;
  /**
   * Awaited after each unit of work (one restart of one K) with EM iterations done and planned, so a job
   * can store progress and the event loop gets a turn between units.
   */
  onProgress?: (done: number, planned: number) => Promise<void> | void;
  signal?: AbortSignal;
}

export interface RegimeFitComputation {
  summary: RegimeFitSummary;
  model: HMMModelJson;
  series: RegimeSeriesColumns;
  current: { ts: number; probs: number[] };
  /** The first bar the features used: online filtering replays from here. */
  firstBarTs: number;
}

/** JSON has no Infinity: an absorbing state (A_kk = 1) gets this expected duration instead. */
const NEVER_LEAVES = Number.MAX_SAFE_INTEGER;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Fits every candidate K (restarts as separate seeded units, best log-likelihood kept; lowest BIC across K),
 * then decodes, describes and packs the result. Units rather than the engine's own nInit loop, because the
 * engine is synchronous: only between units can progress be stored and other work run.
 */
export async function computeRegimeFit(
  plan: RegimeFitPlan,
  options: RegimeComputeOptions,
): Promise<RegimeFitComputation> {
  const started = performance.now();
  const { settings } = options;
  const Z = plan.Z;
  const candidates = options.init ? [options.init.nStates] : plan.candidates;
  const restarts = options.init ? 1 : settings.restarts;
  const planned = candidates.length * restarts * settings.maxIter;
  let done = 0;
  const byK: NonNullable<RegimeFitSummary['bicByK']> = [];
  let best: { fit: FitResult; bic: number } | null = null;
  for (const K of candidates) {
    let bestOfK: FitResult | null = null;
    for (let r = 0; r < restarts; r++) {
      options.signal?.throwIfAborted();
      const fit = fitGaussianHMM(Z, {
        nStates: K,
        covarianceType: settings.covarianceType,
        maxIter: settings.maxIter,
        tol: settings.tol,
        nInit: 1,
        seed: settings.seed + r,
        ...(options.priors ? { priors: options.priors } : {}),
        ...(options.init ? { init: options.init } : {}),
      });
      if (!bestOfK || fit.logLikelihood > bestOfK.logLikelihood) bestOfK = fit;
      done += settings.maxIter;
      await options.onProgress?.(done, planned);
      await yieldToEventLoop();
    }
    const fit = bestOfK!;
    const ic = informationCriteria(fit.logLikelihood, parameterCount(K, Z.cols, settings.covarianceType), Z.rows);
    byK.push({ states: K, logLikelihood: fit.logLikelihood, ...ic });
    if (!best || ic.bic < best.bic) best = { fit, bic: ic.bic };
  }
  const fit = best!.fit;
  const features = settings.features as RegimeFeatureName[];
  const canonical = canonicalizeStates(fit.params, { features, standardizer: plan.standardizer });
  // With explicit start parameters state k stays state k (reference comparisons); names still follow it.
  const params = options.init ? fit.params : canonical.params;
  const names = options.init ? namesInInputOrder(canonical.order, canonical.names) : canonical.names;
  const decoded = decode(plan, params);
  const K = params.nStates;
  const T = Z.rows;
  const states = describeStates(params, decoded.path, {
    features,
    standardizer: plan.standardizer,
    periodsPerYear: options.periodsPerYear,
    names,
  }).map((s) => ({ ...s, expectedDuration: Number.isFinite(s.expectedDuration) ? s.expectedDuration : NEVER_LEAVES }));
  const current = { ts: decoded.dates[T - 1]!, probs: Array.from(decoded.filtered.subarray((T - 1) * K, T * K)) };
  const summary: RegimeFitSummary = {
    logLikelihood: fit.logLikelihood,
    ...informationCriteria(fit.logLikelihood, parameterCount(K, Z.cols, params.covarianceType), T),
    nStates: K,
    nObservations: T,
    nIter: fit.nIter,
    converged: fit.converged,
    fitSeconds: (performance.now() - started) / 1000,
    states,
    transmat: Array.from({ length: K }, (_, i) => Array.from(params.transMat.subarray(i * K, (i + 1) * K))),
    bicByK: settings.states === 'auto' ? byK : null,
    current: { ts: new Date(current.ts).toISOString(), probs: current.probs },
  };
  return {
    summary,
    model: toModelJson({ params, features, standardizer: plan.standardizer, stateNames: names }),
    series: {
      nStates: K,
      dates: decoded.dates,
      close: decoded.close,
      path: Array.from(decoded.path),
      probs: Array.from(decoded.probs),
    },
    current,
    firstBarTs: plan.bars[0]!.ts,
  };
}

function namesInInputOrder(order: Int32Array, names: string[]): string[] {
  const out = new Array<string>(names.length);
  order.forEach((input, canonicalIndex) => {
    out[input] = names[canonicalIndex]!;
  });
  return out;
}

/** Viterbi path, smoothed and filtered probabilities of the feature rows, with each row's date and close. */
function decode(plan: RegimeFitPlan, params: GaussianHMMParams) {
  const { Z, rowIndex, bars } = plan;
  const T = Z.rows;
  const dates = new Array<number>(T);
  const close = new Array<number>(T);
  for (let t = 0; t < T; t++) {
    const bar = bars[rowIndex[t]!]!;
    dates[t] = bar.ts;
    close[t] = bar.close;
  }
  return {
    dates,
    close,
    path: viterbiPath(params, Z).path,
    probs: posteriorProbs(params, Z).probs,
    filtered: filteredProbs(params, Z),
  };
}
