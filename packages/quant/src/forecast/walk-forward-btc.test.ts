import { describe, expect, it } from 'vitest';
import { createForecaster } from '../models/create-forecaster';
import { BASELINE_FOR, type ModelName } from '../models/forecaster';
import { BTC_MISSING_MESSAGE, btcDailyBars } from './btc-daily-fixture';
import { buildForecastDataset } from './forecast-dataset';
import { DEFAULT_FEATURE_SPEC } from './forecast-features';
import type { ForecastMetrics } from './forecast-metrics';
import { walkForward, type WalkForwardInput } from './walk-forward';

// The real-data check: every model is walked forward on the real BTC-USD daily closes
// (2014-09-17 .. 2022-03-01), horizon 1 bar, expanding window, and reported next to its baseline.
// Whether any model beats the baseline is a finding for docs/forecasts.md, never asserted here.
const RUNS: { model: ModelName; params?: Record<string, number>; label: string }[] = [
  { model: 'zero', label: 'zero (return 0)' },
  { model: 'zero', params: { direction: 1 }, label: 'zero (P(up) = base rate)' },
  { model: 'last', label: 'last' },
  { model: 'moving-average', params: { window: 3 }, label: 'moving-average (3)' },
  { model: 'ridge', params: { lambda: 10 }, label: 'ridge (lambda 10)' },
  { model: 'ar', params: { p: 3 }, label: 'ar (p 3)' },
  { model: 'logistic', params: { lambda: 10 }, label: 'logistic (lambda 10)' },
  { model: 'gbdt', label: 'gbdt (defaults)' },
];

// quant compiles without DOM or Node types; Vitest's host provides console.
declare const console: { log(...args: unknown[]): void };

const fmt = (v: number | null, digits = 4) => (v === null ? '-' : v.toFixed(digits));

function row(label: string, m: ForecastMetrics): string {
  return [
    label.padEnd(26),
    fmt(m.rmse, 5),
    fmt(m.mae, 5),
    fmt(m.directionalAccuracy, 3),
    fmt(m.logLoss),
    fmt(m.brier),
    fmt(m.intervalCoverage, 3),
    fmt(m.intervalWidth),
    fmt(m.sharpe, 2),
    fmt(m.maxDrawdown, 3),
  ].join(' | ');
}

describe.skipIf(btcDailyBars === null)(
  `walk-forward on the real BTC daily series ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    it('completes for every model with finite metrics, each beside its baseline', { timeout: 120_000 }, () => {
      const data = buildForecastDataset(btcDailyBars!, DEFAULT_FEATURE_SPEC, 1);
      const base: Omit<WalkForwardInput, 'model'> = {
        X: data.X,
        y: data.y,
        window: 'expanding',
        trainSize: 730,
        testSize: 90,
        purge: 1,
        horizon: 1,
        interval: 0.9,
        periodsPerYear: 365,
      };
      const lines = ['model | rmse | mae | dir.acc | logloss | brier | coverage90 | width | sharpe | maxDD'];
      let buyHold: ForecastMetrics | null = null;
      const results = new Map<string, ForecastMetrics>();
      for (const run of RUNS) {
        const r = walkForward({ ...base, model: run.model, params: run.params });
        const m = r.metrics;
        for (const [key, value] of Object.entries(m)) {
          if (value !== null) expect(Number.isFinite(value), `${run.label}: ${key} = ${value}`).toBe(true);
        }
        expect(m.n).toBe(data.X.rows - 731);
        results.set(run.label, m);
        lines.push(row(run.label, m));
        buyHold ??= m;
      }
      // every model's baseline was run on the same rows
      for (const run of RUNS) {
        expect(BASELINE_FOR[run.model]).toBe('zero');
        const direction = createForecaster(run.model, run.params).kind === 'direction';
        const baseline = results.get(direction ? 'zero (P(up) = base rate)' : 'zero (return 0)')!;
        expect(baseline.n).toBe(results.get(run.label)!.n);
        expect(results.get(run.label)!.buyHoldSharpe).toBe(baseline.buyHoldSharpe);
      }
      lines.push(
        `buy-and-hold (same test rows) | sharpe ${fmt(buyHold!.buyHoldSharpe, 2)} | maxDD ${fmt(buyHold!.buyHoldMaxDrawdown, 3)}`,
      );
      lines.push(`rows ${data.X.rows}, test rows ${buyHold!.n}, first test bar ${data.rowIndex[731]}`);
      console.log(`\nBTC-USD daily walk-forward, horizon 1, expanding, 90% conformal\n${lines.join('\n')}`);
    });
  },
);
