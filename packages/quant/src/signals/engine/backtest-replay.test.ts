import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { parseIsoDate } from '../../forecast/utc-calendar';
import { toBarColumns } from '../../indicators/bar-columns';
import { btcMinuteBars } from '../../indicators/btc-minute-fixture';
import { generateSyntheticBars } from '../../synthetic/synthetic-bars';
import { runBacktest } from './backtest';
import { BacktestBars } from './backtest-bars';
import { computeBacktestMetrics } from './backtest-metrics';
import { replay } from './backtest-replay';
import type { StrategySpec } from './strategy-spec';

const synthetic = generateSyntheticBars({
  seed: 23,
  start: parseIsoDate('2024-01-01'),
  count: 20_000,
  timeframeMs: 60_000,
  startPrice: 100,
  skipWeekends: false,
}).bars;

/** Strategies that exercise every way out of a position and every way an entry can be held back. */
const SPECS: Record<string, StrategySpec> = {
  bench: {
    side: 'long',
    entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
    exit: 'rsi(close, 14) > 70 or close < sma(close, 50)',
    fees: { rate: 0.001 },
  },
  stopsAndTargets: {
    side: 'long',
    entry: 'crosses_above(ema(close, 5), ema(close, 20))',
    stopLossPct: 0.003,
    takeProfitPct: 0.004,
    slippageBps: 1,
    fees: { rate: 0.0005 },
  },
  shortTrailingCooldown: {
    side: 'short',
    entry: 'rsi(close, 7) > 70 and close < sma(close, 100)',
    exit: 'rsi(close, 7) < 35',
    trailingStopPct: 0.002,
    stopLossPct: 0.005,
    cooldownBars: 25,
    sizing: { fraction: 0.5 },
    fees: { rate: 0.00075 },
  },
  bothSidesTimeLimit: {
    side: 'both',
    entry: 'close > bb(close, 20, 2).upper',
    entryShort: 'close < bb(close, 20, 2).lower',
    exitShort: 'close > sma(close, 20)',
    maxBarsInTrade: 12,
    cooldownBars: 3,
    fees: { rate: 0.001 },
  },
};

function replayBoth(spec: StrategySpec, bars: readonly OhlcvBar[]) {
  const progress = (into: number[]) => ({ progressEvery: 777, onProgress: (done: number) => into.push(done) });
  const skippedProgress: number[] = [];
  const steppedProgress: number[] = [];
  const skipping = replay(spec, BacktestBars.of(bars), progress(skippedProgress), true);
  const stepping = replay(spec, BacktestBars.of(bars), progress(steppedProgress), true, true);
  return { skipping, stepping, skippedProgress, steppedProgress };
}

const series: Array<[string, readonly OhlcvBar[] | null]> = [
  ['synthetic minute bars', synthetic],
  ['real BTC minute bars', btcMinuteBars],
];

describe.each(series)('the replay on %s', (_, bars) => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it.skipIf(bars === null)(`skips flat bars with the same trades, signals, equity and metrics (${name})`, () => {
      const { skipping, stepping, skippedProgress, steppedProgress } = replayBoth(spec, bars!);
      expect(stepping.trades.length, 'the strategy must trade for the comparison to mean anything').toBeGreaterThan(5);
      expect(skipping.trades).toStrictEqual(stepping.trades);
      expect(skipping.signals).toStrictEqual(stepping.signals);
      expect(skipping.exposed).toBe(stepping.exposed);
      // Bit for bit: toStrictEqual on typed arrays tells 0 from -0 and compares NaN as equal.
      expect(skipping.equity).toStrictEqual(stepping.equity);
      expect(skippedProgress, 'progress at the same bars').toStrictEqual(steppedProgress);
      const metrics = (r: typeof skipping) =>
        computeBacktestMetrics({
          equity: r.equity,
          trades: r.trades,
          firstTs: bars![0]!.ts,
          lastTs: bars!.at(-1)!.ts,
          firstOpen: bars![0]!.open,
          lastClose: bars!.at(-1)!.close,
          exposedBars: r.exposed,
        });
      expect(metrics(skipping)).toStrictEqual(metrics(stepping));
    });
  }

  it.skipIf(bars === null)('gives the same backtest for bars as columns as for bar objects', () => {
    for (const spec of Object.values(SPECS)) {
      const options = { lookAheadCuts: 3, regimeAt: (i: number) => (i % 2 === 0 ? 'even' : 'odd') };
      expect(runBacktest(spec, toBarColumns(bars!), options)).toStrictEqual(runBacktest(spec, bars!, options));
    }
  });
});

describe('the replay', () => {
  it('is compared above on trades that leave every way, on both sides', () => {
    const trades = Object.values(SPECS).flatMap((spec) => replay(spec, BacktestBars.of(synthetic), {}, true).trades);
    const reasons = new Set(trades.map((t) => t.exitReason));
    for (const reason of ['exit', 'stop_loss', 'take_profit', 'trailing_stop', 'max_bars'] as const) {
      expect(reasons.has(reason), `some trade exits by ${reason}`).toBe(true);
    }
    expect(new Set(trades.map((t) => t.side))).toEqual(new Set(['long', 'short']));
  });

  it('steps every bar with streaming rules, which cannot look ahead', () => {
    const spec = SPECS.stopsAndTargets!;
    const bars = synthetic.slice(0, 3000);
    const streaming = replay(spec, BacktestBars.of(bars), { ruleEvaluation: 'streaming' }, true);
    const stepping = replay(spec, BacktestBars.of(bars), {}, true, true);
    expect(streaming).toStrictEqual(stepping);
  });

  it('hands prepare() bar objects when the bars come as columns', () => {
    const bars = synthetic.slice(0, 500);
    const seen: OhlcvBar[][] = [];
    const spec: StrategySpec = { side: 'long', entry: 'close > sma(close, 10)', exit: 'close < sma(close, 10)' };
    runBacktest(spec, toBarColumns(bars), {
      lookAheadCuts: 1,
      prepare: (history) => (seen.push([...history]), {}),
    });
    expect(seen.map((h) => h.length)).toEqual([500, 250]);
    expect(seen[0]).toStrictEqual(bars);
  });

  it('rejects columns of different lengths or types', () => {
    const columns = toBarColumns(synthetic.slice(0, 10));
    const spec: StrategySpec = { side: 'long', entry: 'close > 0' };
    expect(() => runBacktest(spec, { ...columns, low: columns.low.subarray(1) })).toThrow(
      /low has 9 values, ts has 10/,
    );
    expect(() => runBacktest(spec, { ...columns, volume: [] as unknown as Float64Array })).toThrow(/Float64Array/);
  });
});
