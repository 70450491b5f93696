import { computeRegimeFeatures, filteredProbs, fromModelJson, resampleBars, runBacktest } from '@marketlens/quant';
import { strategyDefinitionSchema } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { RSI_STRATEGY, seriesBars, THREE_REGIME_MODEL } from '../../../test/signals-fixtures';
import { packBars } from '../../compute/bar-columns';
import { computeBacktest, type BacktestTaskInput } from './backtest.task';
import { TooFewBarsError } from './too-few-bars.error';

const spec = strategyDefinitionSchema.parse(RSI_STRATEGY);
const bars = seriesBars(5000, 11);
const iso = (ts: number) => new Date(ts).toISOString();

function input(over: Partial<BacktestTaskInput> = {}): BacktestTaskInput {
  return {
    spec,
    bars: packBars(bars).columns,
    warmUp: null,
    resample: null,
    lookAheadCuts: 4,
    minBars: 16,
    describe: '1d bars of TEST',
    regime: null,
    gate: null,
    ...over,
  };
}

describe('computeBacktest', () => {
  const progress: number[] = [];
  const result = computeBacktest(input(), (share) => progress.push(share));

  it('trades exactly as runBacktest on the same bars, with ISO times', () => {
    const direct = runBacktest(spec, bars, { lookAheadCuts: 0 });
    expect(direct.trades.length, 'the fixture strategy trades').toBeGreaterThan(20);
    expect(result.trades).toEqual(
      direct.trades.map((t) => ({
        side: t.side,
        signalTime: iso(bars[t.signalIndex]!.ts),
        entryTime: iso(t.entryTs),
        entryPrice: t.entryPrice,
        exitTime: iso(t.exitTs),
        exitPrice: t.exitPrice,
        returnPct: t.returnPct,
        exitReason: t.exitReason,
        bars: t.bars,
      })),
    );
    const { drawdown, ...metrics } = direct.metrics;
    expect(result.metrics).toMatchObject(metrics);
    expect(result.metrics.drawdown).toMatchObject(drawdown);
    expect(result.signals).toBe(direct.signals.length);
    expect(result.lookAhead).toEqual({ cutPoints: 4, mismatches: 0, firstMismatch: null });
  });

  it('reports progress rising within 0..1 while the engine runs', () => {
    expect(progress.length).toBeGreaterThan(2);
    expect(
      [...progress].sort((a, b) => a - b),
      'rising',
    ).toEqual(progress);
    expect(progress.every((p) => p > 0 && p <= 1)).toBe(true);
  });

  it('downsamples the equity curve, keeping the ends and the drawdown, with buy-and-hold at the same points', () => {
    const curve = result.equityCurve;
    expect(curve.totalPoints).toBe(bars.length);
    expect(curve.times.length).toBeLessThanOrEqual(2000);
    expect(curve.equity).toHaveLength(curve.times.length);
    expect(curve.buyAndHold).toHaveLength(curve.times.length);
    expect(curve.times[0]).toBe(result.firstBarTime);
    expect(curve.times.at(-1)).toBe(result.lastBarTime);
    expect(curve.equity.at(-1)! - 1).toBeCloseTo(result.metrics.totalReturn, 12);
    expect(curve.buyAndHold.at(-1)! - 1).toBeCloseTo(result.metrics.buyAndHoldReturn, 12);
    const dd = result.metrics.drawdown;
    expect(dd.value).toBeGreaterThan(0);
    expect(curve.times).toContain(dd.peakTime);
    expect(curve.times).toContain(dd.troughTime);
    const peak = curve.equity[curve.times.indexOf(dd.peakTime!)]!;
    const trough = curve.equity[curve.times.indexOf(dd.troughTime!)]!;
    expect(1 - trough / peak).toBeCloseTo(dd.value, 12);
  });

  it('resamples finer stored bars to the strategy timeframe and drops a bucket the data does not complete', () => {
    const hourly = seriesBars(1001, 5, 3_600_000); // 1002 hourly bars: 250 whole 4h buckets and 2 bars of the next
    const fourHourly = { ...spec, timeframe: '4h' as const };
    const out = computeBacktest(
      input({ spec: fourHourly, bars: packBars(hourly).columns, resample: { source: '1h', target: '4h' } }),
    );
    const expected = resampleBars(hourly, '4h', { source: '1h' }).bars.slice(0, -1);
    expect(out.bars).toBe(250);
    expect(out.lastBarTime).toBe(iso(expected.at(-1)!.ts));
    expect(out.trades.map((t) => t.entryTime)).toEqual(
      runBacktest(fourHourly, expected).trades.map((t) => iso(t.entryTs)),
    );
  });

  it('refuses a series shorter than the rules need, naming both counts', () => {
    expect(() => computeBacktest(input({ bars: packBars(bars.slice(0, 10)).columns, minBars: 16 }))).toThrow(
      new TooFewBarsError(10, 16, '1d bars of TEST'),
    );
  });
});

describe('computeBacktest with a regime filter', () => {
  const model = fromModelJson(THREE_REGIME_MODEL);
  const warm = 300;
  const regime = {
    fitId: '00000000-0000-4000-8000-000000000001',
    model: THREE_REGIME_MODEL,
    states: [0],
    minProbability: 0.6,
    filter: true,
  };
  const result = computeBacktest(
    input({ bars: packBars(bars.slice(warm)).columns, warmUp: packBars(bars.slice(0, warm)).columns, regime }),
  );

  it('enters only where the filtered probability of the allowed regime was at least the minimum', () => {
    // Independent of the tracker: quant's batch forward filter over warm-up + backtest bars.
    const { X, rowIndex } = computeRegimeFeatures(bars, model.features);
    const probs = filteredProbs(model.params, X);
    const rowOf = new Map(Array.from(rowIndex, (t, r) => [bars[t]!.ts, r]));
    expect(result.trades.length).toBeGreaterThan(5);
    for (const trade of result.trades) {
      const r = rowOf.get(Date.parse(trade.signalTime))!;
      expect(probs[r * 3]!, trade.signalTime).toBeGreaterThanOrEqual(0.6);
    }
    const unfiltered = runBacktest(spec, bars.slice(warm));
    expect(result.trades.length, 'the filter removed some entries').toBeLessThan(unfiltered.trades.length);
  });

  it('passes the look-ahead check, which recomputes the filter on every truncated history', () => {
    expect(result.lookAhead).toMatchObject({ cutPoints: 4, mismatches: 0 });
  });

  it('breaks trades down by the regime at entry and names the fit', () => {
    expect(result.regimeFitId).toBe(regime.fitId);
    expect(result.regimes.map((r) => r.regime)).toContain('bull / low vol');
    expect(result.regimes.reduce((n, r) => n + r.trades, 0)).toBe(result.trades.length);
  });
});
