import { isRegimeFeatureName, type RegimeFeatureName } from '../features/regime-features';
import { assertParams, InvalidParamsError } from './hmm-errors';
import { COVARIANCE_TYPES, type CovarianceType, type GaussianHMMParams } from './hmm-types';
import type { Standardizer } from './standardizer';

export const MODEL_JSON_VERSION = 1;

/** A fitted regime model: what the tracker needs to score new bars exactly as the training rows were. */
export interface HMMModel {
  params: GaussianHMMParams;
  features: RegimeFeatureName[];
  /** null: the params were fitted on raw features. */
  standardizer: Standardizer | null;
  stateNames: string[];
}

/**
 * Versioned, plain-JSON form of HMMModel; arrays are nested like hmmlearn's (transMat K x K, means K x D,
 * covars full K x D x D, diag K x D, spherical K, tied D x D). Numbers survive JSON exactly.
 */
export interface HMMModelJson {
  version: typeof MODEL_JSON_VERSION;
  covarianceType: CovarianceType;
  nStates: number;
  features: string[];
  standardizer: { mean: number[]; scale: number[] } | null;
  startProb: number[];
  transMat: number[][];
  means: number[][];
  covars: number[] | number[][] | number[][][];
  stateNames: string[];
}

const rows = (data: Float64Array, n: number, width: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * width, i * width + width)));

export function toModelJson(model: HMMModel): HMMModelJson {
  const { nStates: K, nFeatures: D, covarianceType, covars } = model.params;
  const nestedCovars =
    covarianceType === 'full'
      ? Array.from({ length: K }, (_, k) => rows(covars.subarray(k * D * D, (k + 1) * D * D), D, D))
      : covarianceType === 'diag'
        ? rows(covars, K, D)
        : covarianceType === 'spherical'
          ? Array.from(covars)
          : rows(covars, D, D);
  return {
    version: MODEL_JSON_VERSION,
    covarianceType,
    nStates: K,
    features: [...model.features],
    standardizer: model.standardizer
      ? { mean: Array.from(model.standardizer.mean), scale: Array.from(model.standardizer.scale) }
      : null,
    startProb: Array.from(model.params.startProb),
    transMat: rows(model.params.transMat, K, K),
    means: rows(model.params.means, K, D),
    covars: nestedCovars,
    stateNames: [...model.stateNames],
  };
}

const fail = (field: string, reason: string): never => {
  throw new InvalidParamsError(field, reason);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a nested numeric array of the given shape into `out` (row-major), naming the first bad entry. */
function readNumbers(value: unknown, shape: readonly number[], field: string, out: number[] = []): number[] {
  const [n, ...rest] = shape;
  if (!Array.isArray(value)) return fail(field, `must be an array of ${n}`);
  if (value.length !== n) return fail(field, `must have ${n} entries, has ${value.length}`);
  value.forEach((v, i) => {
    if (rest.length > 0) readNumbers(v, rest, `${field}[${i}]`, out);
    else if (typeof v !== 'number' || !Number.isFinite(v))
      fail(`${field}[${i}]`, `must be a finite number, got ${JSON.stringify(v)}`);
    else out.push(v);
  });
  return out;
}

function positiveInteger(value: unknown, field: string): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1
    ? value
    : fail(field, `must be an integer >= 1, got ${JSON.stringify(value)}`);
}

/** Cholesky succeeds: the covariance is symmetric positive definite. */
function assertPositiveDefinite(c: Float64Array, offset: number, D: number, field: string): void {
  const L = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j < D; j++) {
      if (Math.abs(c[offset + i * D + j]! - c[offset + j * D + i]!) > 1e-12 * Math.abs(c[offset + i * D + i]!))
        fail(`${field}[${i}][${j}]`, 'covariance must be symmetric');
    }
    for (let j = 0; j <= i; j++) {
      let s = c[offset + i * D + j]!;
      for (let k = 0; k < j; k++) s -= L[i * D + k]! * L[j * D + k]!;
      if (i === j) {
        if (!(s > 0)) fail(field, 'covariance must be positive definite');
        L[i * D + i] = Math.sqrt(s);
      } else L[i * D + j] = s / L[j * D + j]!;
    }
  }
}

/**
 * Validates a parsed model JSON (from the database, an upload or a file) field by field; errors are
 * InvalidParamsError with the field's path, e.g. `transMat[1][2]` or `standardizer.scale[0]`.
 */
export function fromModelJson(json: unknown): HMMModel {
  if (!isObject(json)) return fail('model', 'must be a JSON object');
  if (json.version !== MODEL_JSON_VERSION)
    fail(
      'version',
      `unsupported model version ${JSON.stringify(json.version)}; this build reads ${MODEL_JSON_VERSION}`,
    );
  const covarianceType = json.covarianceType as CovarianceType;
  if (!COVARIANCE_TYPES.includes(covarianceType))
    fail('covarianceType', `must be one of ${COVARIANCE_TYPES.join(', ')}, got ${JSON.stringify(json.covarianceType)}`);
  const K = positiveInteger(json.nStates, 'nStates');
  if (!Array.isArray(json.features) || json.features.length === 0) return fail('features', 'must be a non-empty array');
  const features = json.features.map((f, i) =>
    typeof f === 'string' && isRegimeFeatureName(f)
      ? f
      : fail(`features[${i}]`, `unknown feature ${JSON.stringify(f)}`),
  );
  if (new Set(features).size !== features.length) fail('features', 'has duplicates');
  const D = features.length;
  let standardizer: Standardizer | null = null;
  if (json.standardizer !== null) {
    if (!isObject(json.standardizer)) return fail('standardizer', 'must be an object or null');
    const mean = readNumbers(json.standardizer.mean, [D], 'standardizer.mean');
    const scale = readNumbers(json.standardizer.scale, [D], 'standardizer.scale');
    scale.forEach((s, i) => s > 0 || fail(`standardizer.scale[${i}]`, `must be > 0, got ${s}`));
    standardizer = { mean: Float64Array.from(mean), scale: Float64Array.from(scale) };
  }
  const covarShape: Record<CovarianceType, number[]> = { full: [K, D, D], diag: [K, D], spherical: [K], tied: [D, D] };
  const params: GaussianHMMParams = {
    nStates: K,
    nFeatures: D,
    covarianceType,
    startProb: Float64Array.from(readNumbers(json.startProb, [K], 'startProb')),
    transMat: Float64Array.from(readNumbers(json.transMat, [K, K], 'transMat')),
    means: Float64Array.from(readNumbers(json.means, [K, D], 'means')),
    covars: Float64Array.from(readNumbers(json.covars, covarShape[covarianceType], 'covars')),
  };
  assertParams(params); // probabilities in [0, 1] summing to 1, positive diag/spherical variances
  if (covarianceType === 'full')
    for (let k = 0; k < K; k++) assertPositiveDefinite(params.covars, k * D * D, D, `covars[${k}]`);
  if (covarianceType === 'tied') assertPositiveDefinite(params.covars, 0, D, 'covars');
  if (!Array.isArray(json.stateNames) || json.stateNames.length !== K)
    fail('stateNames', `must be an array of ${K} names`);
  const stateNames = (json.stateNames as unknown[]).map((n, i) =>
    typeof n === 'string' && n.length > 0 ? n : fail(`stateNames[${i}]`, 'must be a non-empty string'),
  );
  if (new Set(stateNames).size !== K) fail('stateNames', 'must be unique');
  return { params, features, standardizer, stateNames };
}
