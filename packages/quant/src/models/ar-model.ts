import type { Matrix } from '../hmm/hmm-types';
import { ForecasterInputError, ForecasterNotFittedError } from './forecaster.error';
import { checkMatrix, checkTrainingSet, numberParam, type Forecaster, type ForecasterJson } from './forecaster';
import { linearPredict } from './linear-algebra';
import { fitLeastSquares, linearStateFromJson, linearStateToJson, originalScale, type LinearState } from './ridge';

/** The p lag columns column..column+p-1 as their own matrix (copied: AR reads nothing else). */
function lagBlock(X: Matrix, column: number, p: number): Matrix {
  const data = new Float64Array(X.rows * p);
  for (let i = 0; i < X.rows; i++) data.set(X.data.subarray(i * X.cols + column, i * X.cols + column + p), i * p);
  return { data, rows: X.rows, cols: p };
}

/**
 * AR(p) by conditional OLS (not Yule-Walker): regresses the target return on an intercept and the last p
 * returns, read from feature columns column..column+p-1, which must be ret_lag1..ret_lagp in order
 * (DEFAULT_FEATURE_SPEC has lags 1-3 in columns 0-2, hence the default p = 3). Conditional OLS is the
 * exact least-squares fit given the first p values; Yule-Walker would force stationarity but is biased
 * in short samples. With horizon h > 1 it is the direct h-step regression on the same lags.
 */
export class ARForecaster implements Forecaster {
  readonly name = 'ar';
  readonly kind = 'regression';
  private readonly p: number;
  private readonly column: number;
  private state: LinearState | null = null;

  constructor(readonly params: Record<string, number> = {}) {
    this.p = numberParam('ar', params, 'p', 3, { min: 1, integer: true });
    this.column = numberParam('ar', params, 'column', 0, { min: 0, integer: true });
  }

  fit(X: Matrix, y: Float64Array): void {
    checkTrainingSet('ar', X, y, this.p + 2, this.column + this.p);
    this.state = fitLeastSquares('ar', lagBlock(X, this.column, this.p), y, this.p, 0);
  }

  predict(X: Matrix): Float64Array {
    const s = this.fitted();
    checkMatrix('ar', X, this.column + this.p);
    return linearPredict(lagBlock(X, this.column, this.p), s.intercept, s.coef, s.mean, s.sd);
  }

  /** Constant and phi_1..phi_p on the original scale. */
  coefficients(): { intercept: number; phi: Float64Array } {
    const { intercept, slopes } = originalScale(this.fitted());
    return { intercept, phi: slopes };
  }

  toJSON(): ForecasterJson {
    return { version: 1, model: 'ar', params: { ...this.params }, state: linearStateToJson(this.fitted()) };
  }

  static fromState(params: Record<string, number>, state: unknown): ARForecaster {
    const f = new ARForecaster(params);
    const s = linearStateFromJson('ar', state);
    if (s.coef.length !== f.p)
      throw new ForecasterInputError('ar', 'state.coef', `must have p = ${f.p} values, got ${s.coef.length}`);
    f.state = s;
    return f;
  }

  private fitted(): LinearState {
    if (this.state === null) throw new ForecasterNotFittedError('ar');
    return this.state;
  }
}
