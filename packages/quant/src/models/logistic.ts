import type { Matrix } from '../hmm/hmm-types';
import { ForecasterInputError, ForecasterNotFittedError } from './forecaster.error';
import { checkMatrix, checkTrainingSet, numberParam, type Forecaster, type ForecasterJson } from './forecaster';
import { choleskySolve, columnMoments, gram, linearPredict, SingularMatrixError } from './linear-algebra';
import { linearStateFromJson, linearStateToJson, originalScale, type LinearState } from './ridge';

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/**
 * L2-regularised logistic regression for P(up), fit by Newton's method (IRLS) on standardised columns
 * with an unpenalised intercept: minimises sum_i [softplus(eta_i) - y_i eta_i] + lambda/2 sum_j beta_j^2.
 * Each step solves the (p + 1) x (p + 1) Hessian system by Cholesky and halves the step until the
 * objective does not rise, so it is monotone and deterministic (no random init: beta starts at 0).
 * Stops when the largest step is below `tol` or after `maxIter` steps (`converged` says which). With
 * lambda 0 and separable data the MLE is at infinity: it stops at maxIter with converged false.
 */
export class LogisticForecaster implements Forecaster {
  readonly name = 'logistic';
  readonly kind = 'direction';
  private readonly lambda: number;
  private readonly maxIter: number;
  private readonly tol: number;
  private state: LinearState | null = null;
  /** Newton steps taken by the last fit and whether it met `tol`. */
  iterations = 0;
  converged = false;

  constructor(readonly params: Record<string, number> = {}) {
    this.lambda = numberParam('logistic', params, 'lambda', 1, { min: 0 });
    this.maxIter = numberParam('logistic', params, 'maxIter', 100, { min: 1, integer: true });
    this.tol = numberParam('logistic', params, 'tol', 1e-10, { min: 0 });
  }

  fit(X: Matrix, y: Float64Array): void {
    checkTrainingSet('logistic', X, y, 2, 1, true);
    const p = X.cols;
    const n = p + 1;
    const { mean, sd } = columnMoments(X, p);
    const beta = new Float64Array(n);
    const w = new Float64Array(X.rows);
    const objective = (b: Float64Array): number => {
      const eta = linearPredict(X, b[0]!, b.subarray(1), mean, sd);
      let s = 0;
      for (let i = 0; i < X.rows; i++) s += softplus(eta[i]!) - y[i]! * eta[i]!;
      for (let j = 1; j < n; j++) s += 0.5 * this.lambda * b[j]! ** 2;
      return s;
    };
    let current = objective(beta);
    this.converged = false;
    for (this.iterations = 0; this.iterations < this.maxIter && !this.converged; this.iterations++) {
      const eta = linearPredict(X, beta[0]!, beta.subarray(1), mean, sd);
      const resid = new Float64Array(X.rows);
      for (let i = 0; i < X.rows; i++) {
        const mu = sigmoid(eta[i]!);
        w[i] = mu * (1 - mu);
        resid[i] = y[i]! - mu;
      }
      // Hessian Z^T W Z (+ lambda) and gradient Z^T (y - mu) - lambda beta.
      const { A } = gram(X, p, mean, sd, resid, w);
      const { b: g } = gram(X, p, mean, sd, resid);
      for (let j = 1; j < n; j++) {
        A[j * n + j] = A[j * n + j]! + this.lambda;
        g[j] = g[j]! - this.lambda * beta[j]!;
      }
      // A vanishing curvature (probabilities at 0/1) only scales the step; the fixed point is g = 0.
      for (let j = 0; j < n; j++) A[j * n + j] = A[j * n + j]! + 1e-10;
      let step: Float64Array;
      try {
        step = choleskySolve(A, g, n);
      } catch (error) {
        if (!(error instanceof SingularMatrixError)) throw error;
        throw new ForecasterInputError(
          'logistic',
          `X column ${error.pivot - 1}`,
          'is constant or collinear: the Hessian is singular (use lambda > 0)',
        );
      }
      let scale = 1;
      let next = beta.map((v, j) => v + step[j]!);
      let value = objective(next);
      while (value > current && scale > 1e-8) {
        scale /= 2;
        next = beta.map((v, j) => v + scale * step[j]!);
        value = objective(next);
      }
      const size = Math.max(...step.map((s) => Math.abs(scale * s)));
      beta.set(next);
      current = value;
      if (size < this.tol) this.converged = true;
    }
    this.state = { intercept: beta[0]!, coef: beta.slice(1), mean, sd };
  }

  /** P(up) per row. */
  predict(X: Matrix): Float64Array {
    const s = this.fitted();
    checkMatrix('logistic', X);
    if (X.cols !== s.coef.length)
      throw new ForecasterInputError('logistic', 'X', `has ${X.cols} columns, the model was fit on ${s.coef.length}`);
    return linearPredict(X, s.intercept, s.coef, s.mean, s.sd).map(sigmoid);
  }

  /** Log-odds coefficients on the original feature scale. */
  coefficients(): { intercept: number; slopes: Float64Array } {
    return originalScale(this.fitted());
  }

  toJSON(): ForecasterJson {
    return { version: 1, model: 'logistic', params: { ...this.params }, state: linearStateToJson(this.fitted()) };
  }

  static fromState(params: Record<string, number>, state: unknown): LogisticForecaster {
    const f = new LogisticForecaster(params);
    f.state = linearStateFromJson('logistic', state);
    return f;
  }

  private fitted(): LinearState {
    if (this.state === null) throw new ForecasterNotFittedError('logistic');
    return this.state;
  }
}
