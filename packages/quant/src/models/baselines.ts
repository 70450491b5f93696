import type { Matrix } from '../hmm/hmm-types';
import { ForecasterInputError, ForecasterNotFittedError } from './forecaster.error';
import {
  checkMatrix,
  checkTrainingSet,
  numberParam,
  objectState,
  type Forecaster,
  type ForecasterJson,
} from './forecaster';

/**
 * 'zero': the no-skill baseline. Regression: predicts a 0 log return (a random walk's best guess).
 * With params { direction: 1 } it is a direction model fit on 0/1 labels that predicts the training
 * share of ups as P(up) for every row (the majority / base-rate forecast).
 */
export class ZeroForecaster implements Forecaster {
  readonly name = 'zero';
  readonly kind: 'regression' | 'direction';
  private pUp: number | null = null;

  constructor(readonly params: Record<string, number> = {}) {
    const direction = numberParam('zero', params, 'direction', 0, { min: 0, integer: true });
    if (direction > 1) throw new ForecasterInputError('zero', 'params.direction', `must be 0 or 1, got ${direction}`);
    this.kind = direction === 1 ? 'direction' : 'regression';
  }

  fit(X: Matrix, y: Float64Array): void {
    checkTrainingSet('zero', X, y, 1, 0, this.kind === 'direction');
    let s = 0;
    for (const v of y) s += v;
    this.pUp = this.kind === 'direction' ? s / y.length : 0;
  }

  predict(X: Matrix): Float64Array {
    if (this.pUp === null) throw new ForecasterNotFittedError('zero');
    checkMatrix('zero', X);
    return new Float64Array(X.rows).fill(this.pUp);
  }

  toJSON(): ForecasterJson {
    if (this.pUp === null) throw new ForecasterNotFittedError('zero');
    return { version: 1, model: 'zero', params: { ...this.params }, state: { pUp: this.pUp } };
  }

  static fromState(params: Record<string, number>, state: unknown): ZeroForecaster {
    const f = new ZeroForecaster(params);
    const pUp = objectState('zero', state).pUp;
    if (typeof pUp !== 'number' || !(pUp >= 0 && pUp <= 1))
      throw new ForecasterInputError('zero', 'state.pUp', `must be a number in [0, 1], got ${String(pUp)}`);
    f.pUp = pUp;
    return f;
  }
}

/**
 * 'last' and 'moving-average': the mean of the last `window` returns, read from feature columns
 * `column .. column + window - 1`, which must hold the lagged returns ret_lag1, ret_lag2, ... in order
 * (buildForecastFeatures puts ret_lag1 in column 0; DEFAULT_FEATURE_SPEC's lags 1, 2, 3 are columns 0-2,
 * so the default window is 3; ask for lags 1..N in the spec for a longer one). 'last' is window 1.
 * No fitted state: fit only checks the input.
 */
export class LagMeanForecaster implements Forecaster {
  readonly kind = 'regression';
  private readonly column: number;
  private readonly window: number;
  private fitted = false;

  constructor(
    readonly name: 'last' | 'moving-average',
    readonly params: Record<string, number> = {},
  ) {
    this.column = numberParam(name, params, 'column', 0, { min: 0, integer: true });
    this.window = name === 'last' ? 1 : numberParam(name, params, 'window', 3, { min: 1, integer: true });
  }

  fit(X: Matrix, y: Float64Array): void {
    checkTrainingSet(this.name, X, y, 1, this.column + this.window);
    this.fitted = true;
  }

  predict(X: Matrix): Float64Array {
    if (!this.fitted) throw new ForecasterNotFittedError(this.name);
    checkMatrix(this.name, X, this.column + this.window);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let j = 0; j < this.window; j++) s += X.data[i * X.cols + this.column + j]!;
      out[i] = s / this.window;
    }
    return out;
  }

  toJSON(): ForecasterJson {
    if (!this.fitted) throw new ForecasterNotFittedError(this.name);
    return { version: 1, model: this.name, params: { ...this.params }, state: {} };
  }

  static fromState(name: 'last' | 'moving-average', params: Record<string, number>, state: unknown): LagMeanForecaster {
    objectState(name, state);
    const f = new LagMeanForecaster(name, params);
    f.fitted = true;
    return f;
  }
}
