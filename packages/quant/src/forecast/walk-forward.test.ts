import { describe, expect, it } from 'vitest';
import { contractBars } from '../features/streaming-feature-contract';
import { buildForecastDataset } from './forecast-dataset';
import { DEFAULT_FEATURE_SPEC } from './forecast-features';
import { annualisedSharpe, maxDrawdown } from './forecast-metrics';
import { overlappingBookReturns } from './overlapping-book';
import { walkForward, type WalkForwardInput } from './walk-forward';

const bars = contractBars(700, 8);
const horizon = 5;
const data = buildForecastDataset(bars, DEFAULT_FEATURE_SPEC, horizon);
const base: WalkForwardInput = {
  X: data.X,
  y: data.y,
  barReturns: data.barReturns,
  model: 'ridge',
  window: 'expanding',
  trainSize: 200,
  testSize: 100,
  purge: horizon,
  horizon,
  interval: 0.9,
  periodsPerYear: 365,
};

describe('walkForward', () => {
  it('lays out expanding and rolling folds with a purge gap and covers every row after the first window', () => {
    for (const window of ['expanding', 'rolling'] as const) {
      const r = walkForward({ ...base, window });
      expect(r.folds[0]).toMatchObject({ trainStart: 0, trainEnd: 200, testStart: 205, testEnd: 305 });
      const last = r.folds.at(-1)!;
      expect(last.testEnd).toBe(data.X.rows);
      if (window === 'rolling') expect(r.folds.every((f) => f.trainEnd - f.trainStart === 200)).toBe(true);
      else expect(r.folds.every((f) => f.trainStart === 0)).toBe(true);
      expect(r.predictions.map((p) => p.row)).toEqual(Array.from({ length: data.X.rows - 205 }, (_, i) => 205 + i));
      expect(r.predictions.every((p) => p.lower <= p.yhat && p.yhat <= p.upper)).toBe(true);
      expect(r.metrics.n).toBe(r.predictions.length);
    }
  });

  it('never lets a training target overlap a test target (bars t+1..t+h of each row)', () => {
    const r = walkForward(base);
    for (const f of r.folds) {
      const lastTrainTargetBar = data.rowIndex[f.trainEnd - 1]! + horizon;
      const firstTestTargetBar = data.rowIndex[f.testStart]! + 1;
      expect(lastTrainTargetBar, `fold testing from row ${f.testStart}`).toBeLessThan(firstTestTargetBar);
      // the calibration model is purged from its calibration slice the same way
      expect(f.calibrationStart).toBeGreaterThan(f.trainStart);
    }
    expect(() => walkForward({ ...base, purge: horizon - 1 })).toThrow('purge: must be >= the horizon (5)');
  });

  it('evaluates a direction model on 0/1 outcomes, with log loss and Brier', () => {
    const r = walkForward({ ...base, model: 'logistic' });
    expect(r.metrics.logLoss).not.toBeNull();
    expect(r.metrics.brier).toBeCloseTo(r.metrics.rmse ** 2, 12);
    expect(r.predictions.every((p) => p.yhat > 0 && p.yhat < 1)).toBe(true);
  });

  it('scores each fold and the whole run on the bars their targets span, each position held h bars', () => {
    const r = walkForward(base);
    const book = (first: number, end: number, positions: (i: number) => number) =>
      overlappingBookReturns(
        Float64Array.from({ length: end - first }, (_, i) => positions(first + i)),
        data.barReturns.subarray(first, end + horizon - 1),
        horizon,
      );
    const side = (row: number) => Math.sign(r.predictions[row - r.predictions[0]!.row]!.yhat);
    const runs = [
      ...r.folds.map((f) => ({ first: f.testStart, end: f.testEnd, metrics: f.metrics })),
      { first: r.predictions[0]!.row, end: data.X.rows, metrics: r.metrics },
    ];
    for (const { first, end, metrics } of runs) {
      const label = `rows ${first}..${end - 1}`;
      expect(metrics.sharpe, label).toBe(annualisedSharpe(book(first, end, side), 365));
      expect(metrics.maxDrawdown, label).toBe(maxDrawdown(book(first, end, side)));
      expect(metrics.buyHoldSharpe, label).toBe(
        annualisedSharpe(
          book(first, end, () => 1),
          365,
        ),
      );
    }
  });

  it('rejects a horizon that is not a whole number of bars, and h > 1 without the bars, by name', () => {
    for (const h of [0, -1, 1.5]) {
      expect(() => walkForward({ ...base, horizon: h }), `horizon ${h}`).toThrow(
        `horizon: must be an integer >= 1, got ${h}`,
      );
    }
    expect(() => walkForward({ ...base, barReturns: undefined })).toThrow('barReturns: are required for horizon 5');
    expect(() => walkForward({ ...base, barReturns: data.barReturns.subarray(1) })).toThrow(
      /^barReturns: has \d+ values; \d+ rows one bar apart at horizon 5 span/,
    );
  });

  it('rejects bad settings by name', () => {
    expect(() => walkForward({ ...base, trainSize: data.X.rows })).toThrow(/^trainSize: /);
    expect(() => walkForward({ ...base, interval: 1 })).toThrow('interval: must be in (0, 1), got 1');
    const y = data.y.slice();
    y[7] = Number.NaN;
    expect(() => walkForward({ ...base, y })).toThrow('y[7]: must be finite');
    expect(() => walkForward({ ...base, y: data.y.slice(1) })).toThrow(/^y: has/);
  });
});
