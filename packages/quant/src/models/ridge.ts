import type { Matrix } from '../hmm/hmm-types';
import { ForecasterInputError, ForecasterNotFittedError } from './forecaster.error';
import {
  checkMatrix,
  checkTrainingSet,
  numberArray,
  numberParam,
  objectState,
  type Forecaster,
  type ForecasterJson,
} from './forecaster';
import { choleskySolve, columnMoments, gram, linearPredict, SingularMatrixError } from './linear-algebra';

/** A fitted linear model on standardised columns: y = intercept + sum_j coef_j (x_j - mean_j) / sd_j. */
export interface LinearState {
  intercept: number;
  coef: Float64Array;
  mean: Float64Array;
  sd: Float64Array;
}

export function linearStateToJson(s: LinearState): Record<string, unknown> {
  return { intercept: s.intercept, coef: Array.from(s.coef), mean: Array.from(s.mean), sd: Array.from(s.sd) };
}

export function linearStateFromJson(model: string, state: unknown): LinearState {
  const o = objectState(model, state);
  const coef = numberArray(model, 'state.coef', o.coef);
  const mean = numberArray(model, 'state.mean', o.mean, coef.length);
  const sd = numberArray(model, 'state.sd', o.sd, coef.length);
  sd.forEach((v, j) => {
    if (!(v > 0)) throw new ForecasterInputError(model, `state.sd[${j}]`, `must be > 0, got ${v}`);
  });
  if (typeof o.intercept !== 'number' || !Number.isFinite(o.intercept)) {
    throw new ForecasterInputError(model, 'state.intercept', `must be a finite number, got ${String(o.intercept)}`);
  }
  return { intercept: o.intercept, coef, mean, sd };
}

/** Coefficients on the original feature scale: y = intercept + sum_j slope_j x_j. */
export function originalScale(s: LinearState): { intercept: number; slopes: Float64Array } {
  const slopes = Float64Array.from(s.coef, (c, j) => c / s.sd[j]!);
  let intercept = s.intercept;
  slopes.forEach((b, j) => (intercept -= b * s.mean[j]!));
  return { intercept, slopes };
}

/**
 * Least squares with an L2 penalty on standardised columns and an unpenalised intercept, in closed form:
 * (Z^T Z + lambda D) beta = Z^T y with Z = [1, standardised X], D = diag(0, 1, ..., 1), solved by
 * Cholesky on the (p + 1) x (p + 1) normal equations. Columns use population sds (ddof 0), so with one
 * feature the slope is sum(z y) / (n + lambda). Throws naming the column when lambda 0 meets a singular
 * system (a constant or collinear column).
 */
export function fitLeastSquares(model: string, X: Matrix, y: Float64Array, p: number, lambda: number): LinearState {
  const { mean, sd } = columnMoments(X, p);
  const { A, b } = gram(X, p, mean, sd, y);
  for (let j = 1; j <= p; j++) A[j * (p + 1) + j] = A[j * (p + 1) + j]! + lambda;
  try {
    const beta = choleskySolve(A, b, p + 1);
    return { intercept: beta[0]!, coef: beta.slice(1), mean, sd };
  } catch (error) {
    if (!(error instanceof SingularMatrixError)) throw error;
    throw new ForecasterInputError(
      model,
      `X column ${error.pivot - 1}`,
      'is constant or collinear with the others: the normal equations are singular (use lambda > 0)',
    );
  }
}

export class RidgeForecaster implements Forecaster {
  readonly name = 'ridge';
  readonly kind = 'regression';
  private readonly lambda: number;
  private state: LinearState | null = null;

  constructor(readonly params: Record<string, number> = {}) {
    this.lambda = numberParam('ridge', params, 'lambda', 1, { min: 0 });
  }

  fit(X: Matrix, y: Float64Array): void {
    checkTrainingSet('ridge', X, y, 2, 1);
    this.state = fitLeastSquares('ridge', X, y, X.cols, this.lambda);
  }

  predict(X: Matrix): Float64Array {
    const s = this.fitted();
    checkMatrix('ridge', X);
    if (X.cols !== s.coef.length)
      throw new ForecasterInputError('ridge', 'X', `has ${X.cols} columns, the model was fit on ${s.coef.length}`);
    return linearPredict(X, s.intercept, s.coef, s.mean, s.sd);
  }

  coefficients(): { intercept: number; slopes: Float64Array } {
    return originalScale(this.fitted());
  }

  toJSON(): ForecasterJson {
    return { version: 1, model: 'ridge', params: { ...this.params }, state: linearStateToJson(this.fitted()) };
  }

  static fromState(params: Record<string, number>, state: unknown): RidgeForecaster {
    const f = new RidgeForecaster(params);
    f.state = linearStateFromJson('ridge', state);
    return f;
  }

  private fitted(): LinearState {
    if (this.state === null) throw new ForecasterNotFittedError('ridge');
    return this.state;
  }
}
