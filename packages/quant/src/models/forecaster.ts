import type { Matrix } from '../hmm/hmm-types';
import { ForecasterInputError } from './forecaster.error';

export const MODEL_NAMES = ['zero', 'last', 'moving-average', 'ridge', 'logistic', 'gbdt', 'ar'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export function isModelName(name: unknown): name is ModelName {
  return typeof name === 'string' && (MODEL_NAMES as readonly string[]).includes(name);
}

/**
 * A forecasting model over a feature matrix (rows = bars, see buildForecastFeatures). Regression models
 * predict the target log return; direction models are fit on 0/1 labels and predict P(up).
 */
export interface Forecaster {
  readonly name: ModelName;
  readonly kind: 'regression' | 'direction';
  fit(X: Matrix, y: Float64Array): void;
  predict(X: Matrix): Float64Array;
  toJSON(): ForecasterJson;
}

export interface ForecasterJson {
  version: 1;
  model: ModelName;
  params: Record<string, number>;
  state: unknown;
}

/**
 * The forecaster family of each model's baseline: the zero model in the same kind ('zero' regression
 * predicts a 0 return; 'zero' with params { direction: 1 } predicts the training share of ups). Its name
 * and params by the model's kind: baselineFor.
 */
export const BASELINE_FOR: Record<ModelName, ModelName> = {
  zero: 'zero',
  last: 'zero',
  'moving-average': 'zero',
  ridge: 'zero',
  ar: 'zero',
  logistic: 'zero',
  gbdt: 'zero',
};

/** Checks X's shape and that every value is finite; errors name the row and column. */
export function checkMatrix(model: string, X: Matrix, minCols = 0): void {
  if (
    !Number.isInteger(X.rows) ||
    !Number.isInteger(X.cols) ||
    X.rows < 0 ||
    X.cols < 0 ||
    X.data.length !== X.rows * X.cols
  ) {
    throw new ForecasterInputError(model, 'X', `has data of length ${X.data.length} for ${X.rows} x ${X.cols}`);
  }
  if (X.cols < minCols) throw new ForecasterInputError(model, 'X', `needs at least ${minCols} columns, got ${X.cols}`);
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i]!)) {
      throw new ForecasterInputError(
        model,
        `X[${Math.floor(i / X.cols)}][${i % X.cols}]`,
        `must be finite, got ${X.data[i]}`,
      );
    }
  }
}

/** Checks a training set: shapes agree, values finite, at least `minRows` rows, labels 0/1 for direction. */
export function checkTrainingSet(
  model: string,
  X: Matrix,
  y: Float64Array,
  minRows: number,
  minCols = 0,
  labels = false,
): void {
  checkMatrix(model, X, minCols);
  if (y.length !== X.rows) throw new ForecasterInputError(model, 'y', `has ${y.length} values for ${X.rows} rows of X`);
  if (X.rows < minRows)
    throw new ForecasterInputError(model, 'X', `needs at least ${minRows} rows to fit, got ${X.rows}`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) throw new ForecasterInputError(model, `y[${i}]`, `must be finite, got ${v}`);
    if (labels && v !== 0 && v !== 1) throw new ForecasterInputError(model, `y[${i}]`, `must be a 0/1 label, got ${v}`);
  }
}

/** Reads a param with a default, checking it is finite (and an integer >= min when asked). */
export function numberParam(
  model: string,
  params: Record<string, number>,
  key: string,
  fallback: number,
  check: { min?: number; integer?: boolean } = {},
): number {
  const v = params[key] ?? fallback;
  const { min = -Infinity, integer = false } = check;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) {
    throw new ForecasterInputError(
      model,
      `params.${key}`,
      `must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${v}`,
    );
  }
  return v;
}

/** Checks a JSON state array of finite numbers and returns it typed. */
export function numberArray(model: string, field: string, value: unknown, length?: number): Float64Array {
  if (!Array.isArray(value)) throw new ForecasterInputError(model, field, 'must be an array of numbers');
  if (length !== undefined && value.length !== length)
    throw new ForecasterInputError(model, field, `must have ${length} values, got ${value.length}`);
  value.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ForecasterInputError(model, `${field}[${i}]`, `must be a finite number, got ${String(v)}`);
  });
  return Float64Array.from(value as number[]);
}

export function objectState(model: string, state: unknown): Record<string, unknown> {
  if (typeof state !== 'object' || state === null || Array.isArray(state))
    throw new ForecasterInputError(model, 'state', 'must be an object');
  return state as Record<string, unknown>;
}
