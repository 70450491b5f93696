import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { compileRuleSetBatch } from '../rules/rule-batch';
import { StrategyRunner, type ClosedTrade, type StrategySignal } from './strategy-runner';
import type { StrategySpec } from './strategy-spec';

const MINUTE = 60_000;
/** Bar i with open, high, low, close; the time is i minutes after the epoch. */
const b = (i: number, open: number, high: number, low: number, close: number): OhlcvBar => ({
  ts: i * MINUTE,
  open,
  high,
  low,
  close,
  volume: 1,
});
/** A bar that opens and closes at `close` with a range of +-0.5. */
const flat = (i: number, close: number) => b(i, close, close + 0.5, close - 0.5, close);

function run(spec: StrategySpec, bars: readonly OhlcvBar[], runner = new StrategyRunner(spec)) {
  const trades: ClosedTrade[] = [];
  const signals: StrategySignal[] = [];
  for (const bar of bars) {
    const ev = runner.step(bar);
    if (ev.closed) trades.push(ev.closed);
    if (ev.signal) signals.push(ev.signal);
  }
  const last = runner.finish();
  if (last) trades.push(last);
  return { trades, signals, runner };
}

const LEVEL: StrategySpec = { side: 'long', entry: 'close > 10', exit: 'close < 10' };

describe('StrategyRunner fills and rules', () => {
  it('signals at the close, fills at the next open, and charges fees on both sides (hand-checked)', () => {
    const bars = [flat(0, 9), b(1, 9, 11.5, 8.5, 11), flat(2, 12), b(3, 11, 11.5, 8.5, 9), flat(4, 8), flat(5, 8)];
    const { trades, signals } = run({ ...LEVEL, fees: { rate: 0.001 } }, bars);
    expect(signals.map((s) => [s.action, s.index, s.rule])).toEqual([
      ['enter_long', 1, 'close > 10'],
      ['exit_long', 3, 'close < 10'],
    ]);
    expect(trades).toHaveLength(1);
    const t = trades[0]!;
    expect(t).toMatchObject({
      side: 'long',
      entryIndex: 2,
      entryPrice: 12,
      exitIndex: 4,
      exitPrice: 8,
      exitReason: 'exit',
      bars: 2,
      signalIndex: 1,
    });
    // 8 * 0.999 / (12 * 1.001) - 1 = 7.992 / 12.012 - 1 = -0.334665...
    expect(t.returnPct).toBeCloseTo(7.992 / 12.012 - 1, 15);
  });

  it('checks only the entry rule when flat and only the exit rule when holding', () => {
    // Both rules hold on every bar: a holding strategy exits, a flat one enters, alternating.
    const spec: StrategySpec = { side: 'long', entry: 'close > 0', exit: 'close > 0' };
    const { signals } = run(spec, [flat(0, 5), flat(1, 5), flat(2, 5), flat(3, 5), flat(4, 5)]);
    expect(signals.map((s) => `${s.index}:${s.action}`)).toEqual([
      '0:enter_long',
      '1:exit_long',
      '2:enter_long',
      '3:exit_long',
      '4:enter_long',
    ]);
  });

  it('closes a position still open after the last bar at its close with reason end, and drops an unfilled entry', () => {
    const { trades } = run(LEVEL, [flat(0, 11), flat(1, 12), flat(2, 13)]);
    expect(trades).toEqual([
      expect.objectContaining({
        entryIndex: 1,
        entryPrice: 12,
        exitIndex: 2,
        exitPrice: 13,
        exitReason: 'end',
        bars: 2,
      }),
    ]);
    const lapsed = run(LEVEL, [flat(0, 9), flat(1, 11)]);
    expect(lapsed.signals).toHaveLength(1);
    expect(lapsed.trades).toEqual([]);
  });

  it('records the indicator values and the rule that fired with each signal', () => {
    const spec: StrategySpec = { side: 'long', entry: 'close > sma(close, 2)', exit: 'close < sma(close, 2)' };
    const { signals } = run(spec, [flat(0, 10), flat(1, 10), flat(2, 12)]);
    expect(signals[0]).toEqual({
      action: 'enter_long',
      index: 2,
      ts: 2 * MINUTE,
      reason: 'entry',
      rule: 'close > sma(close, 2)',
      indicators: { 'sma(close, 2)': 11 },
      filters: {},
    });
  });

  it('waits cooldownBars after an exit before checking the entry rule again', () => {
    const spec: StrategySpec = { side: 'long', entry: 'close > 0', exit: 'close > 0', cooldownBars: 2 };
    const { signals } = run(
      spec,
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => flat(i, 5)),
    );
    // enter at 0 (fill 1), exit signal at 1 (fill 2): bars 2 and 3 cool down, entry checked again at 4.
    expect(signals.map((s) => `${s.index}:${s.action}`)).toEqual([
      '0:enter_long',
      '1:exit_long',
      '4:enter_long',
      '5:exit_long',
    ]);
  });

  it('exits after maxBarsInTrade closes held, at the next open', () => {
    const spec: StrategySpec = { side: 'long', entry: 'close > 10', maxBarsInTrade: 2 };
    const { trades, signals } = run(spec, [flat(0, 11), flat(1, 12), flat(2, 13), flat(3, 14), flat(4, 15)]);
    expect(signals[1]).toMatchObject({ action: 'exit_long', index: 2, reason: 'max_bars', rule: null });
    expect(trades[0]).toMatchObject({ entryIndex: 1, exitIndex: 3, exitPrice: 14, exitReason: 'max_bars', bars: 2 });
  });

  it('applies slippage against the trader on both fills', () => {
    const { trades } = run({ ...LEVEL, slippageBps: 10 }, [flat(0, 11), flat(1, 12), flat(2, 9), flat(3, 8)]);
    expect(trades[0]!.entryPrice).toBeCloseTo(12 * 1.001, 12);
    expect(trades[0]!.exitPrice).toBeCloseTo(8 * 0.999, 12);
  });
});

describe('StrategyRunner stops and targets', () => {
  const entered = [flat(0, 11), b(1, 100, 100.5, 99.5, 100)]; // entry signal at 0, fill at 100 on bar 1

  it('stops out at the stop price when the low touches it, from the fill bar on', () => {
    const spec: StrategySpec = { side: 'long', entry: 'close > 10 and close < 50', stopLossPct: 0.05 };
    const onFillBar = run(spec, [flat(0, 11), b(1, 100, 101, 94, 99)]);
    expect(onFillBar.trades[0]).toMatchObject({
      entryIndex: 1,
      exitIndex: 1,
      exitPrice: 95,
      exitReason: 'stop_loss',
      bars: 0,
    });
    const later = run(spec, [...entered, b(2, 99, 99.5, 96, 97), b(3, 97, 98, 94.9, 96)]);
    expect(later.trades[0]).toMatchObject({ exitIndex: 3, exitPrice: 95, exitReason: 'stop_loss', bars: 2 });
  });

  it('fills at the open when a bar gaps through the stop or the target', () => {
    const spec: StrategySpec = {
      side: 'long',
      entry: 'close > 10 and close < 50',
      stopLossPct: 0.05,
      takeProfitPct: 0.1,
    };
    expect(run(spec, [...entered, b(2, 90, 91, 89, 90)]).trades[0]).toMatchObject({
      exitPrice: 90,
      exitReason: 'stop_loss',
    });
    expect(run(spec, [...entered, b(2, 112, 113, 94, 100)]).trades[0]).toMatchObject({
      exitPrice: 112,
      exitReason: 'take_profit',
    });
  });

  it('counts the stop first when one bar touches both the stop and the target', () => {
    const spec: StrategySpec = {
      side: 'long',
      entry: 'close > 10 and close < 50',
      stopLossPct: 0.05,
      takeProfitPct: 0.1,
    };
    expect(run(spec, [...entered, b(2, 100, 111, 94, 100)]).trades[0]).toMatchObject({
      exitPrice: 95,
      exitReason: 'stop_loss',
    });
    const target = run(spec, [...entered, b(2, 100, 111, 96, 100)]).trades[0]!;
    expect(target.exitReason).toBe('take_profit');
    expect(target.exitPrice).toBeCloseTo(110, 12); // 100 * 1.1
  });

  it('trails the highest high since entry, moving only after the bar is checked', () => {
    const spec: StrategySpec = { side: 'long', entry: 'close > 10 and close < 50', trailingStopPct: 0.1 };
    // Bar 2 reaches 110 (its own low 100 is checked against 90); bar 3's low 98.9 is under 110 * 0.9 = 99.
    const { trades } = run(spec, [...entered, b(2, 101, 110, 100, 108), b(3, 107, 107, 98.9, 100)]);
    expect(trades[0]!.exitReason).toBe('trailing_stop');
    expect(trades[0]!.exitPrice).toBeCloseTo(99, 12);
    expect(trades[0]!.exitIndex).toBe(3);
  });

  it('mirrors every level for shorts and uses the short return formula', () => {
    const spec: StrategySpec = {
      side: 'short',
      entry: 'close > 10 and close < 50',
      stopLossPct: 0.05,
      takeProfitPct: 0.1,
      fees: { rate: 0.001 },
    };
    const stopped = run(spec, [...entered, b(2, 100, 106, 99, 104)]);
    expect(stopped.trades[0]).toMatchObject({ side: 'short', exitPrice: 105, exitReason: 'stop_loss' });
    // 1 - 105 * 1.001 / (100 * 0.999) = 1 - 105.105 / 99.9
    expect(stopped.trades[0]!.returnPct).toBeCloseTo(1 - 105.105 / 99.9, 15);
    const target = run(spec, [...entered, b(2, 95, 96, 89, 92)]);
    expect(target.trades[0]).toMatchObject({ exitPrice: 90, exitReason: 'take_profit' });
  });
});

describe('StrategyRunner sides and filters', () => {
  it('side both: long and short rules, and no entry when both hold', () => {
    const spec: StrategySpec = {
      side: 'both',
      entry: 'close > 10',
      exit: 'close < 10',
      entryShort: 'close < 5',
      exitShort: 'close > 5',
    };
    const { signals } = run(spec, [flat(0, 11), flat(1, 9), flat(2, 4), flat(3, 6), flat(4, 7)]);
    expect(signals.map((s) => `${s.index}:${s.action}`)).toEqual([
      '0:enter_long',
      '1:exit_long',
      '2:enter_short',
      '3:exit_short',
    ]);
    const both: StrategySpec = {
      side: 'both',
      entry: 'close > 1',
      entryShort: 'close > 2',
      exit: 'close < 0',
      exitShort: 'close < 0',
    };
    expect(run(both, [flat(0, 5), flat(1, 5)]).signals).toEqual([]);
    expect(() => new StrategyRunner({ side: 'both', entry: 'close > 1', exit: 'close < 1' })).toThrow(/entryShort/);
  });

  it('enters only when every filter agrees, and records their evidence', () => {
    const seen: number[] = [];
    const runner = new StrategyRunner(LEVEL, {
      filters: {
        gate: ({ index }) => {
          seen.push(index);
          return { allow: index >= 2, evidence: { prediction: 0.01 * index } };
        },
        regime: () => ({ allow: true, evidence: { bull: 0.8 } }),
      },
    });
    const { signals } = run(LEVEL, [flat(0, 11), flat(1, 11), flat(2, 11)], runner);
    expect(seen, 'filters are asked only when the entry rule holds').toEqual([0, 1, 2]);
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ index: 2, filters: { gate: { prediction: 0.02 }, regime: { bull: 0.8 } } });
  });

  it('marks equity to market with fees and sizing, and compounds closed trades', () => {
    const spec: StrategySpec = { ...LEVEL, fees: { rate: 0.001 }, sizing: { fraction: 0.5 } };
    const runner = new StrategyRunner(spec);
    runner.step(flat(0, 11));
    runner.step(flat(1, 12));
    expect(runner.equityAt(15)).toBeCloseTo(1 + 0.5 * ((15 * 0.999) / (12 * 1.001) - 1), 15);
    runner.step(flat(2, 9));
    runner.step(flat(3, 8));
    expect(runner.realisedEquity).toBeCloseTo(1 + 0.5 * ((8 * 0.999) / (12 * 1.001) - 1), 15);
    expect(runner.openPosition).toBeNull();
  });
});

describe('StrategyRunner.skipIdle', () => {
  // Entry holds at bars 3 and 9 (close above 10); everything else is flat and idle.
  const closes = [9, 9, 9, 11, 9, 9, 9, 9, 9, 12, 9, 9];
  const bars = closes.map((c, i) => flat(i, c));
  const batchRunner = () =>
    new StrategyRunner(LEVEL, { compileRules: (rules, catalog) => compileRuleSetBatch(rules, bars, catalog) });

  it('skips the flat bars up to the next bar at which an entry rule holds, and no further', () => {
    const runner = batchRunner();
    expect(runner.skipIdle(100, (i) => bars[i]!)).toBe(3);
    expect(runner.count).toBe(3);
    expect(
      runner.skipIdle(100, (i) => bars[i]!),
      'bar 3 must be stepped: its entry rule holds',
    ).toBe(0);
    expect(runner.step(bars[3]!).signal?.action).toBe('enter_long');
    expect(
      runner.skipIdle(100, (i) => bars[i]!),
      'an entry is pending',
    ).toBe(0);
    runner.step(bars[4]!);
    expect(
      runner.skipIdle(100, (i) => bars[i]!),
      'a position is open',
    ).toBe(0);
  });

  it('stops at the limit and ends where stepping would, with the same trades', () => {
    const skipping = batchRunner();
    const stepped = run(LEVEL, bars, batchRunner());
    const trades: ClosedTrade[] = [];
    for (let i = 0; i < bars.length;) {
      const skipped = skipping.skipIdle(2, (k) => bars[k]!);
      expect(skipped).toBeLessThanOrEqual(2);
      if (skipped > 0) i += skipped;
      else {
        const ev = skipping.step(bars[i++]!);
        if (ev.closed) trades.push(ev.closed);
      }
    }
    const last = skipping.finish();
    if (last) trades.push(last);
    expect(trades).toStrictEqual(stepped.trades);
    expect(skipping.realisedEquity).toBe(stepped.runner.realisedEquity);
  });

  it('skips nothing with streaming rules, which cannot say where an entry rule holds next', () => {
    expect(new StrategyRunner(LEVEL).skipIdle(100, (i) => bars[i]!)).toBe(0);
  });
});
