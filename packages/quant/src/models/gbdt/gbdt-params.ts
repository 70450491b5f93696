// Hyper-parameters of the GBDT. The Forecaster contract carries params as Record<string, number>, so the
// objective travels as a number: 0 = 'l2' (regression on the log return), 1 = 'logistic' (P(up)).
import { gbdtInputError } from './gbdt.error';

export const GBDT_OBJECTIVES = { l2: 0, logistic: 1 } as const;
export type GbdtObjective = keyof typeof GBDT_OBJECTIVES;

export interface GbdtParams {
  nTrees: number;
  learningRate: number;
  maxDepth: number;
  minSamplesLeaf: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  lambda: number;
  /** Minimum hessian sum in a child (XGBoost's min_child_weight). */
  minChildWeight: number;
  /** Minimum split gain, in XGBoost's 0.5 * (...) units (its gamma). */
  minGain: number;
  /** Fraction of rows sampled (without replacement) per tree. */
  subsample: number;
  /** Fraction of features sampled per tree. */
  colsampleByTree: number;
  seed: number;
  /** 0 = l2, 1 = logistic. */
  objective: number;
  /** Histogram bins per feature, 2..255 (bins are stored as bytes). */
  maxBins: number;
}

export const DEFAULT_GBDT_PARAMS: Readonly<GbdtParams> = {
  nTrees: 200,
  learningRate: 0.05,
  maxDepth: 3,
  minSamplesLeaf: 20,
  lambda: 1,
  minChildWeight: 1e-3,
  minGain: 0,
  subsample: 1,
  colsampleByTree: 1,
  seed: 0,
  objective: GBDT_OBJECTIVES.l2,
  maxBins: 255,
};

type Check = (v: number) => string | null;
const integerIn =
  (lo: number, hi: number): Check =>
  (v) =>
    Number.isInteger(v) && v >= lo && v <= hi ? null : `must be an integer in [${lo}, ${hi}]`;
const fractionCheck: Check = (v) => (v > 0 && v <= 1 ? null : 'must be in (0, 1]');
const nonNegative: Check = (v) => (v >= 0 && Number.isFinite(v) ? null : 'must be a finite number >= 0');

const CHECKS: Record<keyof GbdtParams, Check> = {
  nTrees: integerIn(1, 100_000),
  learningRate: fractionCheck,
  maxDepth: integerIn(1, 20),
  minSamplesLeaf: integerIn(1, Number.MAX_SAFE_INTEGER),
  lambda: nonNegative,
  minChildWeight: nonNegative,
  minGain: nonNegative,
  subsample: fractionCheck,
  colsampleByTree: fractionCheck,
  seed: integerIn(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  objective: (v) => (v === 0 || v === 1 ? null : 'must be 0 (l2) or 1 (logistic)'),
  maxBins: integerIn(2, 255),
};

const isParamName = (key: string): key is keyof GbdtParams => Object.hasOwn(CHECKS, key);

/**
 * Defaults overlaid with `params`; unknown keys are rejected so a typo ('learningrate') fails instead of silently
 * training with the default. Errors name the key, e.g. `params.maxDepth`.
 */
export function resolveGbdtParams(params: Record<string, number> = {}): GbdtParams {
  const resolved: GbdtParams = { ...DEFAULT_GBDT_PARAMS };
  for (const [key, value] of Object.entries(params)) {
    if (!isParamName(key))
      throw gbdtInputError(`params.${key}`, `is not a GBDT parameter; known: ${Object.keys(CHECKS).join(', ')}`);
    const problem = typeof value === 'number' ? CHECKS[key](value) : 'must be a number';
    if (problem !== null) throw gbdtInputError(`params.${key}`, `${problem}, got ${JSON.stringify(value)}`);
    resolved[key] = value;
  }
  // Without either guard a leaf with zero hessian (a pure logistic node) would divide by zero.
  if (resolved.lambda === 0 && resolved.minChildWeight === 0)
    throw gbdtInputError('params.lambda', 'cannot be 0 when params.minChildWeight is 0');
  return resolved;
}

export const objectiveName = (params: GbdtParams): GbdtObjective => (params.objective === 1 ? 'logistic' : 'l2');
