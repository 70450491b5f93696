// Errors of the HMM engine, and the input checks that raise them. Each names what was wrong and where, so the
// server can map them to a 4xx with a useful message.
import type { GaussianHMMParams, Matrix } from './hmm-types';

/** A NaN or infinite cell in the observation matrix (the first one found, 0-based). */
export class HMMInputError extends Error {
  override readonly name = 'HMMInputError';
  constructor(
    readonly row: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`observation row ${row}, column ${col}: ${reason}`);
  }
}

/** Fewer observation rows than the model can be fitted on. */
export class InsufficientDataError extends Error {
  override readonly name = 'InsufficientDataError';
  constructor(
    readonly required: number,
    readonly received: number,
  ) {
    super(`need at least ${required} observation rows, got ${received}`);
  }
}

/** A bad option or model parameter; `field` is its path, e.g. `transMat[1]` or `nStates`. */
export class InvalidParamsError extends Error {
  override readonly name = 'InvalidParamsError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export function assertObservations(X: Matrix, nFeatures?: number): void {
  if (!Number.isInteger(X.rows) || X.rows < 0 || !Number.isInteger(X.cols) || X.cols < 1)
    throw new InvalidParamsError('X', `bad shape ${X.rows} x ${X.cols}`);
  if (X.data.length < X.rows * X.cols)
    throw new InvalidParamsError('X', `data has ${X.data.length} values, shape needs ${X.rows * X.cols}`);
  if (nFeatures !== undefined && X.cols !== nFeatures)
    throw new InvalidParamsError('X', `has ${X.cols} columns, the model has ${nFeatures} features`);
  const data = X.data;
  const n = X.rows * X.cols;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    // v - v is 0 for finite v and NaN for NaN/Inf: one comparison per cell.
    if (v - v !== 0) {
      const row = Math.floor(i / X.cols);
      throw new HMMInputError(row, i - row * X.cols, Number.isNaN(v) ? 'NaN' : `${v}`);
    }
  }
}

const STOCHASTIC_TOLERANCE = 1e-8;

function assertDistribution(values: Float64Array, offset: number, n: number, field: string): void {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = values[offset + i]!;
    if (!(p >= 0 && p <= 1)) throw new InvalidParamsError(`${field}[${i}]`, `must be a probability, got ${p}`);
    sum += p;
  }
  if (Math.abs(sum - 1) > STOCHASTIC_TOLERANCE) throw new InvalidParamsError(field, `must sum to 1, sums to ${sum}`);
}

export function covarsLength(type: GaussianHMMParams['covarianceType'], K: number, D: number): number {
  switch (type) {
    case 'full':
      return K * D * D;
    case 'diag':
      return K * D;
    case 'spherical':
      return K;
    case 'tied':
      return D * D;
  }
}

/** Shapes, probabilities and finite values; positive definiteness is checked when the covariances are factored. */
export function assertParams(params: GaussianHMMParams): void {
  const { nStates: K, nFeatures: D, covarianceType } = params;
  if (!Number.isInteger(K) || K < 1) throw new InvalidParamsError('nStates', `must be an integer >= 1, got ${K}`);
  if (!Number.isInteger(D) || D < 1) throw new InvalidParamsError('nFeatures', `must be an integer >= 1, got ${D}`);
  if (!['full', 'diag', 'spherical', 'tied'].includes(covarianceType))
    throw new InvalidParamsError('covarianceType', `unknown covariance type '${String(covarianceType)}'`);
  const shapes: [string, Float64Array, number][] = [
    ['startProb', params.startProb, K],
    ['transMat', params.transMat, K * K],
    ['means', params.means, K * D],
    ['covars', params.covars, covarsLength(covarianceType, K, D)],
  ];
  for (const [field, values, length] of shapes) {
    if (!(values instanceof Float64Array)) throw new InvalidParamsError(field, 'must be a Float64Array');
    if (values.length !== length)
      throw new InvalidParamsError(field, `needs ${length} values for K=${K}, D=${D}, got ${values.length}`);
    for (let i = 0; i < length; i++)
      if (!Number.isFinite(values[i])) throw new InvalidParamsError(`${field}[${i}]`, `not finite: ${values[i]}`);
  }
  assertDistribution(params.startProb, 0, K, 'startProb');
  for (let i = 0; i < K; i++) assertDistribution(params.transMat, i * K, K, `transMat[${i}]`);
  if (covarianceType === 'diag' || covarianceType === 'spherical')
    params.covars.forEach((v, i) => {
      if (!(v > 0)) throw new InvalidParamsError(`covars[${i}]`, `variance must be > 0, got ${v}`);
    });
}
