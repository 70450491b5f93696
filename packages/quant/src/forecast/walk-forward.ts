import type { Matrix } from '../hmm/hmm-types';
import { createForecaster } from '../models/create-forecaster';
import type { ModelName } from '../models/forecaster';
import { conformalHalfWidth, minCalibrationSize } from './conformal';
import { ForecastInputError } from './forecast-input.error';
import { computeMetrics, type ForecastMetrics } from './forecast-metrics';

export interface WalkForwardInput {
  /** Feature rows in time order, one bar apart (buildForecastDataset). */
  X: Matrix;
  /** Target log return of each row (finite): the h-bar return after its bar. Direction models are fit on y > 0 as 0/1. */
  y: Float64Array;
  /**
   * One-bar log returns from row 0's bar to the last row's target (rows + horizon - 1 values;
   * buildForecastDataset's barReturns), for the trading metrics. Required when horizon > 1.
   */
  barReturns?: Float64Array;
  model: ModelName;
  params?: Record<string, number>;
  window: 'expanding' | 'rolling';
  /** Rows in the first training window (and in every rolling one). */
  trainSize: number;
  /** Rows per test fold (the last fold may be shorter). */
  testSize: number;
  /** Rows left out between a training window and what follows it; >= the horizon so targets never overlap. */
  purge: number;
  /** Central coverage of the conformal interval, e.g. 0.9. */
  interval: number;
  /** Bars per year, for the Sharpe ratio (365 for crypto daily bars, 252 for equities). */
  periodsPerYear: number;
  /** Target horizon in bars: purge < horizon is rejected, and the trading metrics hold each position h bars. */
  horizon: number;
  /** Share of each training window held out to calibrate the interval (default 0.2). */
  calibrationFraction?: number;
}

export interface WalkForwardFold {
  trainStart: number;
  /** Exclusive. */
  trainEnd: number;
  testStart: number;
  /** Exclusive. */
  testEnd: number;
  /** First row of the calibration slice inside [trainStart, trainEnd). */
  calibrationStart: number;
  /** Conformal half-width used for this fold's intervals. */
  halfWidth: number;
  metrics: ForecastMetrics;
}

export interface WalkForwardPrediction {
  row: number;
  yhat: number;
  lower: number;
  upper: number;
  y: number;
}

export interface WalkForwardResult {
  folds: WalkForwardFold[];
  predictions: WalkForwardPrediction[];
  metrics: ForecastMetrics;
}

const rowsOf = (X: Matrix, start: number, end: number): Matrix => ({
  data: X.data.subarray(start * X.cols, end * X.cols),
  rows: end - start,
  cols: X.cols,
});

function positiveInteger(field: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new ForecastInputError(field, `must be an integer >= ${min}, got ${v}`);
}

function check(input: WalkForwardInput): void {
  const { X, y, trainSize, testSize, purge, interval, periodsPerYear, horizon } = input;
  if (X.data.length !== X.rows * X.cols)
    throw new ForecastInputError('X', `has ${X.data.length} values for ${X.rows} x ${X.cols}`);
  if (y.length !== X.rows) throw new ForecastInputError('y', `has ${y.length} values for ${X.rows} rows of X`);
  y.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new ForecastInputError(`y[${i}]`, `must be finite (drop rows whose future is unknown), got ${v}`);
  });
  positiveInteger('trainSize', trainSize, 2);
  positiveInteger('testSize', testSize, 1);
  positiveInteger('purge', purge, 0);
  positiveInteger('horizon', horizon, 1);
  if (purge < horizon) {
    throw new ForecastInputError(
      'purge',
      `must be >= the horizon (${horizon}) so training targets do not overlap test targets, got ${purge}`,
    );
  }
  if (input.barReturns === undefined && horizon > 1) {
    throw new ForecastInputError(
      'barReturns',
      `are required for horizon ${horizon} (buildForecastDataset's barReturns)`,
    );
  }
  if (input.barReturns !== undefined && input.barReturns.length !== X.rows + horizon - 1) {
    throw new ForecastInputError(
      'barReturns',
      `has ${input.barReturns.length} values; ${X.rows} rows one bar apart at horizon ${horizon} span ${X.rows + horizon - 1} bars`,
    );
  }
  if (!(interval > 0 && interval < 1)) throw new ForecastInputError('interval', `must be in (0, 1), got ${interval}`);
  if (!(periodsPerYear > 0)) throw new ForecastInputError('periodsPerYear', `must be > 0, got ${periodsPerYear}`);
  if (trainSize + purge >= X.rows) {
    throw new ForecastInputError('trainSize', `${trainSize} + purge ${purge} leaves no test rows out of ${X.rows}`);
  }
  const fraction = input.calibrationFraction ?? 0.2;
  if (!(fraction > 0 && fraction < 1))
    throw new ForecastInputError('calibrationFraction', `must be in (0, 1), got ${fraction}`);
}

/**
 * Walk-forward evaluation. Fold k tests rows [testStart, testEnd) with testStart = trainSize + purge +
 * k * testSize; it trains on [trainStart, trainEnd) with trainEnd = testStart - purge (expanding:
 * trainStart 0; rolling: the last trainSize rows). Each fold:
 * 1. calibration: the last ceil(calibrationFraction * training rows) of the training window (at least
 *    the split-conformal minimum) are held out; a model fit on the rows before them, less another purge
 *    gap, predicts them, and q = the ceil((n+1)(1-alpha))-th smallest |residual| (conformal.ts);
 * 2. the model is refit on the whole training window and predicts the test rows; interval yhat +- q.
 * The refit uses the newest data for the point forecast; its intervals are then calibrated on a model
 * fit on slightly less data, so they are if anything a little wide; the coverage is measured, not assumed.
 * Direction models are fit on 0/1 labels and their interval is around P(up), scored on the 0/1 outcome.
 * The trading metrics of a fold (and of all folds together) hold each test row's position over the h
 * one-bar returns its target spans (overlapping-book.ts), so they are per bar whatever the horizon.
 */
export function walkForward(input: WalkForwardInput): WalkForwardResult {
  check(input);
  const { X, y, model, params = {}, window, trainSize, testSize, purge, interval } = input;
  const alpha = 1 - interval;
  const kind = createForecaster(model, params).kind;
  const target = kind === 'direction' ? y.map((v) => (v > 0 ? 1 : 0)) : y;
  const metricsOf = bookMetrics(kind, input);
  const folds: WalkForwardFold[] = [];
  const predictions: WalkForwardPrediction[] = [];
  for (let testStart = trainSize + purge; testStart < X.rows; testStart += testSize) {
    const testEnd = Math.min(testStart + testSize, X.rows);
    const trainEnd = testStart - purge;
    const trainStart = window === 'expanding' ? 0 : trainEnd - trainSize;
    const trainRows = trainEnd - trainStart;
    const calRows = Math.max(minCalibrationSize(alpha), Math.ceil((input.calibrationFraction ?? 0.2) * trainRows));
    const calibrationStart = trainEnd - calRows;
    const properEnd = calibrationStart - purge;
    if (properEnd - trainStart < 2) {
      throw new ForecastInputError(
        'trainSize',
        `${trainRows} training rows leave ${properEnd - trainStart} to fit before a ${calRows}-row calibration slice and purge ${purge}`,
      );
    }
    const calibrator = createForecaster(model, params);
    calibrator.fit(rowsOf(X, trainStart, properEnd), target.subarray(trainStart, properEnd));
    const calHat = calibrator.predict(rowsOf(X, calibrationStart, trainEnd));
    const halfWidth = conformalHalfWidth(
      calHat.map((v, i) => Math.abs(target[calibrationStart + i]! - v)),
      alpha,
    );
    const forecaster = createForecaster(model, params);
    forecaster.fit(rowsOf(X, trainStart, trainEnd), target.subarray(trainStart, trainEnd));
    const yhat = forecaster.predict(rowsOf(X, testStart, testEnd));
    const fold: WalkForwardPrediction[] = Array.from(yhat, (v, i) => ({
      row: testStart + i,
      yhat: v,
      lower: v - halfWidth,
      upper: v + halfWidth,
      y: y[testStart + i]!,
    }));
    predictions.push(...fold);
    folds.push({
      trainStart,
      trainEnd,
      testStart,
      testEnd,
      calibrationStart,
      halfWidth,
      metrics: metricsOf(fold),
    });
  }
  return { folds, predictions, metrics: metricsOf(predictions) };
}

/** Metrics of consecutive prediction rows, with the one-bar returns their targets span (rows .. last + h - 1). */
function bookMetrics(
  kind: 'regression' | 'direction',
  { y, barReturns = y, horizon, periodsPerYear }: WalkForwardInput,
): (rows: readonly WalkForwardPrediction[]) => ForecastMetrics {
  return (rows) => {
    const first = rows[0]?.row ?? 0;
    return computeMetrics({
      kind,
      yhat: rows.map((p) => p.yhat),
      y: rows.map((p) => p.y),
      lower: rows.map((p) => p.lower),
      upper: rows.map((p) => p.upper),
      periodsPerYear,
      horizon,
      barReturns: barReturns.subarray(first, first + rows.length + horizon - 1),
    });
  };
}
