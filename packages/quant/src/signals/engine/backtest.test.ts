import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { annualisedSharpe } from '../../forecast/forecast-metrics';
import { EMA } from '../../indicators/ema';
import { RSI } from '../../indicators/rsi';
import { runBacktest } from './backtest';
import { drawdownDetail } from './backtest-metrics';
import { BTC_MINUTE_MISSING_MESSAGE, btcMinuteBars } from '../../indicators/btc-minute-fixture';
import type { StrategySpec } from './strategy-spec';
import { tradeReturn } from './trade-return';

const DAY = 86_400_000;
const flat = (i: number, close: number, step = DAY): OhlcvBar => ({
  ts: i * step,
  open: close,
  high: close + 0.5,
  low: close - 0.5,
  close,
  volume: 1,
});

/** The example strategy of issue 9, as a user writes it. */
const EXAMPLE: StrategySpec = {
  side: 'long',
  entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
  exit: 'rsi(close, 14) > 70',
  fees: { rate: 0.001 },
  slippageBps: 0,
};

describe('runBacktest on a hand-checked series', () => {
  // Entry signal at 1 (fill 12 at bar 2), exit signal at 3 (fill 8 at bar 4); entry at 5 (fill 11 at 6), end at 7 (13).
  const closes = [9, 11, 12, 9, 8, 11, 11, 13];
  const bars = closes.map((c, i) => ({ ...flat(i, c), open: i === 2 ? 12 : i === 4 ? 8 : c }));
  const spec: StrategySpec = { side: 'long', entry: 'close > 10', exit: 'close < 10' };
  const result = runBacktest(spec, bars, { regimeAt: (i) => (i < 4 ? 'calm' : 'bull') });

  it('lists the trades with prices, returns and reasons', () => {
    expect(
      result.trades.map((t) => [t.entryIndex, t.entryPrice, t.exitIndex, t.exitPrice, t.exitReason, t.bars]),
    ).toEqual([
      [2, 12, 4, 8, 'exit', 2],
      [6, 11, 7, 13, 'end', 2],
    ]);
    expect(result.trades.map((t) => t.returnPct)).toEqual([8 / 12 - 1, 13 / 11 - 1]);
  });

  it('marks equity to market at each close and compounds the trades', () => {
    const e = Array.from(result.equity);
    expect(e).toEqual([1, 1, 1, 9 / 12, 8 / 12, 8 / 12, (8 / 12) * (11 / 11), (8 / 12) * (13 / 11)]);
    expect(result.metrics.totalReturn).toBeCloseTo((8 / 12) * (13 / 11) - 1, 15);
  });

  it('computes the trade statistics by their definitions', () => {
    const m = result.metrics;
    const r1 = 8 / 12 - 1;
    const r2 = 13 / 11 - 1;
    expect(m.trades).toBe(2);
    expect(m.winRate).toBe(0.5);
    expect(m.profitFactor).toBeCloseTo(r2 / -r1, 15);
    expect(m.expectancy).toBeCloseTo((r1 + r2) / 2, 15);
    expect(m.bestTrade).toBe(r2);
    expect(m.worstTrade).toBe(r1);
    expect(m.maxConsecutiveWins).toBe(1);
    expect(m.maxConsecutiveLosses).toBe(1);
    // sqrt(2) * mean / sd(ddof 1); sd of two values = |r2 - r1| / sqrt(2)
    expect(m.sqn).toBeCloseTo((Math.sqrt(2) * ((r1 + r2) / 2)) / (Math.abs(r2 - r1) / Math.SQRT2), 12);
    // Positions open at the closes of bars 2, 3, 6 and 7.
    expect(m.exposure).toBe(4 / 8);
    expect(m.buyAndHoldReturn).toBeCloseTo(13 / 9 - 1, 15);
  });

  it('annualises per-bar figures with the bars per year of the series itself', () => {
    const m = result.metrics;
    // 8 daily bars over 7 days: 7 / (7 / 365.25) = 365.25 bars a year.
    expect(m.periodsPerYear).toBeCloseTo(365.25, 9);
    const perBar = Array.from(result.equity, (e, i) => e / (i === 0 ? 1 : result.equity[i - 1]!) - 1);
    expect(m.sharpe).toBeCloseTo(annualisedSharpe(perBar, 365.25), 12);
    const years = 7 / 365.25;
    expect(m.cagr).toBeCloseTo(((8 / 12) * (13 / 11)) ** (1 / years) - 1, 9);
    const downside = Math.sqrt(perBar.filter((r) => r < 0).reduce((s, r) => s + r * r, 0) / perBar.length);
    const mean = perBar.reduce((s, r) => s + r, 0) / perBar.length;
    expect(m.sortino).toBeCloseTo((mean / downside) * Math.sqrt(365.25), 9);
    expect(m.calmar).toBeCloseTo(m.cagr! / m.maxDrawdown, 12);
  });

  it('finds the drawdown with its peak, trough and duration', () => {
    // Peak 1 (before bar 0 through bar 2), trough 8/12 at bar 4, never recovered.
    expect(result.metrics.drawdown).toEqual({
      value: 1 - 8 / 12,
      peakIndex: -1,
      troughIndex: 4,
      recoveryIndex: null,
      durationBars: 8,
    });
    expect(drawdownDetail([1.1, 0.99, 1.2, 1.15])).toMatchObject({
      value: 1 - 0.99 / 1.1,
      peakIndex: 0,
      troughIndex: 1,
      recoveryIndex: 2,
      durationBars: 2,
    });
    expect(drawdownDetail([1, 1.5, 2])).toEqual({
      value: 0,
      peakIndex: -1,
      troughIndex: -1,
      recoveryIndex: null,
      durationBars: 0,
    });
  });

  it('breaks the trades down by the regime at the entry signal', () => {
    expect(result.regimes).toEqual([
      { regime: 'bull', trades: 1, winRate: 1, totalReturn: 13 / 11 - 1, avgReturn: 13 / 11 - 1 },
      { regime: 'calm', trades: 1, winRate: 0, totalReturn: 8 / 12 - 1, avgReturn: 8 / 12 - 1 },
    ]);
  });

  it('passes its own look-ahead check', () => {
    expect(result.lookAhead).toEqual({ cutPoints: 5, mismatches: 0, firstMismatch: null });
  });

  it('reports null ratios where they do not exist', () => {
    const none = runBacktest(spec, [flat(0, 9), flat(1, 9)]);
    expect(none.metrics).toMatchObject({
      trades: 0,
      winRate: null,
      profitFactor: null,
      sqn: null,
      totalReturn: 0,
      calmar: null,
    });
    expect(() => runBacktest(spec, [])).toThrow(/at least one bar/);
  });
});

describe('the look-ahead check', () => {
  it('catches a filter built from the whole history that peeks at the next bar', () => {
    const bars = Array.from({ length: 60 }, (_, i) => flat(i, 10 + Math.sin(i / 3) * 5));
    // Broken on purpose, like a filter computed over the full series (smoothed regime probabilities would be
    // one): at bar i it reads the close of bar i + 1 of the history it was prepared from.
    const prepare = (history: readonly OhlcvBar[]) => ({
      filters: {
        peek: ({ index }: { index: number }) => ({
          allow: history[Math.min(index + 1, history.length - 1)]!.close > history[index]!.close,
        }),
      },
    });
    const spec: StrategySpec = { side: 'long', entry: 'close > 0', exit: 'close > 0' };
    const result = runBacktest(spec, bars, { prepare });
    expect(result.lookAhead.mismatches).toBeGreaterThan(0);
    expect(result.lookAhead.firstMismatch).not.toBeNull();
    const honest = runBacktest(spec, bars, {
      prepare: () => ({ filters: { odd: ({ index }) => ({ allow: index % 2 === 1 }) } }),
    });
    expect(honest.lookAhead.mismatches).toBe(0);
  });
});

/**
 * An independent reading of the example strategy: a plain loop over the bars with the RSI and EMA classes and
 * the documented semantics written out again (no rule language, no runner), compared trade by trade.
 */
function exampleByHand(bars: readonly OhlcvBar[]) {
  const rsi = new RSI(14);
  const ema = new EMA(200);
  const fee = 0.001;
  const trades: Array<{
    entryIndex: number;
    entryPrice: number;
    exitIndex: number;
    exitPrice: number;
    returnPct: number;
  }> = [];
  let holding: { entryIndex: number; entryPrice: number } | null = null;
  let order: 'buy' | 'sell' | null = null;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i]!;
    if (order === 'buy') holding = { entryIndex: i, entryPrice: bar.open };
    if (order === 'sell' && holding) {
      trades.push({
        ...holding,
        exitIndex: i,
        exitPrice: bar.open,
        returnPct: (bar.open * (1 - fee)) / (holding.entryPrice * (1 + fee)) - 1,
      });
      holding = null;
    }
    order = null;
    const r = rsi.add(bar.close);
    const e = ema.add(bar.close);
    if (holding === null && r !== null && e !== null && r < 30 && bar.close > e) order = 'buy';
    if (holding !== null && r !== null && r > 70) order = 'sell';
  }
  if (holding) {
    const last = bars[bars.length - 1]!;
    trades.push({
      ...holding,
      exitIndex: bars.length - 1,
      exitPrice: last.close,
      returnPct: tradeReturn('long', holding.entryPrice, last.close, fee),
    });
  }
  return trades;
}

describe.skipIf(btcMinuteBars === null)(
  `the example strategy on real BTC 1-minute bars ${btcMinuteBars ? '' : BTC_MINUTE_MISSING_MESSAGE}`,
  () => {
    const bars = btcMinuteBars ?? [];

    it('trades exactly as an independent plain loop computes it', () => {
      const result = runBacktest(EXAMPLE, bars);
      const expected = exampleByHand(bars);
      expect(expected.length, 'the three weeks must produce trades').toBeGreaterThan(5);
      expect(
        result.trades.map((t) => ({
          entryIndex: t.entryIndex,
          entryPrice: t.entryPrice,
          exitIndex: t.exitIndex,
          exitPrice: t.exitPrice,
          returnPct: t.returnPct,
        })),
      ).toEqual(expected);
      const compounded = expected.reduce((e, t) => e * (1 + t.returnPct), 1) - 1;
      expect(result.metrics.totalReturn).toBeCloseTo(compounded, 12);
      expect(result.lookAhead.mismatches).toBe(0);
      expect(result.bars).toBe(30_240);
    });
  },
);
