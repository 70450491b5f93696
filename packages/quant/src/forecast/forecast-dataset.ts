import type { OhlcvBar } from '../bars/ohlcv-bar';
import type { Matrix } from '../hmm/hmm-types';
import { logReturnBetween } from './direction';
import { buildForecastFeatures, type ForecastFeatureSpec } from './forecast-features';
import { buildTargets } from './targets';

export interface ForecastDataset {
  X: Matrix;
  names: string[];
  /** Bar of each row. */
  rowIndex: Int32Array;
  /** h-bar log return after each row's bar. */
  y: Float64Array;
  /** 1 / 0 direction of y. */
  up: Float64Array;
  /**
   * One-bar log returns of bars rowIndex[0] + 1 .. rowIndex[last] + horizon (rows + horizon - 1 values
   * when rows are one bar apart): the bars the overlapping h-bar targets are made of, for the trading
   * metrics (walkForward's barReturns).
   */
  barReturns: Float64Array;
}

/**
 * Features and targets on the same rows, for training: rows whose target is still unknown (the last
 * `horizon` bars) are dropped. The matrix for predicting the next bar is `buildForecastFeatures`'s last row.
 */
export function buildForecastDataset(
  bars: readonly OhlcvBar[],
  spec: ForecastFeatureSpec,
  horizon: number,
  regimeProbs?: Matrix,
): ForecastDataset {
  const features = buildForecastFeatures(bars, spec, regimeProbs);
  const targets = buildTargets(bars, horizon);
  let rows = 0;
  while (rows < features.X.rows && Number.isFinite(targets.logReturn[features.rowIndex[rows]!]!)) rows += 1;
  const D = features.X.cols;
  const rowIndex = features.rowIndex.slice(0, rows);
  const firstBar = rows > 0 ? rowIndex[0]! : 0;
  const lastBar = rows > 0 ? rowIndex[rows - 1]! + horizon : 0;
  // ln(close[t + 1]) - ln(close[t]), the same difference of logs as buildTargets
  const barReturns = Float64Array.from({ length: lastBar - firstBar }, (_, k) =>
    logReturnBetween(bars[firstBar + k]!.close, bars[firstBar + k + 1]!.close),
  );
  return {
    X: { data: features.X.data.slice(0, rows * D), rows, cols: D },
    names: features.names,
    rowIndex,
    y: Float64Array.from(rowIndex, (t) => targets.logReturn[t]!),
    up: Float64Array.from(rowIndex, (t) => targets.up[t]!),
    barReturns,
  };
}
