import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { contractPrices } from '../../indicators/indicator-contract';
import { captureState, decodeState, restoreState } from './state-snapshot';
import { StrategyRunner, type StrategySignal, type ClosedTrade } from './strategy-runner';
import type { StrategySpec } from './strategy-spec';

/** A strategy with every kind of state: indicators, nested indicators, x[n], crosses, stops, a cooldown. */
const BUSY: StrategySpec = {
  side: 'both',
  entry: 'crosses_above(ema(close, 5), sma(close, 20)) and rsi(close, 14) < 70 and close > close[3]',
  exit: 'macd(close, 12, 26, 9).hist < 0 or crosses_below(close, ema(ema(close, 5), 5))',
  entryShort: 'crosses_below(ema(close, 5), sma(close, 20)) and rsi(close) > 30',
  exitShort: 'macd(close).hist > 0',
  stopLossPct: 0.03,
  trailingStopPct: 0.04,
  takeProfitPct: 0.08,
  maxBarsInTrade: 40,
  cooldownBars: 2,
  fees: { rate: 0.001 },
  slippageBps: 2,
};

const bars: OhlcvBar[] = contractPrices(1200, 7).map((close, i) => ({
  ts: i * 60_000,
  open: close * (1 + 0.002 * Math.sin(i)),
  high: close * 1.006,
  low: close * 0.994,
  close,
  volume: 10 + (i % 7),
}));

function drive(runner: StrategyRunner, from: number, to: number) {
  const events: Array<StrategySignal | ClosedTrade> = [];
  for (let i = from; i < to; i++) {
    const ev = runner.step(bars[i]!);
    if (ev.signal) events.push(ev.signal);
    if (ev.closed) events.push(ev.closed);
  }
  return events;
}

describe('StrategyRunner snapshots', () => {
  it('continues after a JSON round trip exactly as an uninterrupted run', () => {
    const whole = new StrategyRunner(BUSY);
    const expected = drive(whole, 0, bars.length);
    expect(expected.length, 'the series must exercise the strategy').toBeGreaterThan(20);
    for (const cut of [1, 17, 250, 611, 1199]) {
      const first = new StrategyRunner(BUSY);
      const before = drive(first, 0, cut);
      const stored = JSON.parse(JSON.stringify(first.snapshot()));
      const second = new StrategyRunner(BUSY);
      second.restore(stored);
      const after = drive(second, cut, bars.length);
      expect([...before, ...after], `cut at ${cut}`).toEqual(expected);
      expect(second.equityAt(bars.at(-1)!.close)).toBe(whole.equityAt(bars.at(-1)!.close));
    }
  });

  it('refuses a snapshot of different rules', () => {
    const first = new StrategyRunner(BUSY);
    drive(first, 0, 50);
    const other = new StrategyRunner({ side: 'long', entry: 'close > 1', exit: 'close < 1' });
    expect(() => other.restore(first.snapshot())).toThrow(/rule state has \d+ parts, these rules have \d+/);
    expect(() => other.restore({ format: 9 })).toThrow(/unknown runner snapshot format 9/);
  });

  it('starts flat after warming up, keeping the indicators warm', () => {
    const runner = new StrategyRunner({ side: 'long', entry: 'close > sma(close, 3)', exit: 'close < 0' });
    drive(runner, 0, 10);
    runner.startFlat();
    expect(runner.openPosition).toBeNull();
    expect(runner.realisedEquity).toBe(1);
    expect(runner.rules.evidence()['sma(close, 3)']).not.toBeNull();
  });
});

describe('state snapshots', () => {
  it('keep NaN, infinities, typed arrays and nested objects, and restore class instances in place', () => {
    class Counter {
      n = 0;
      ring = new Float64Array([NaN, 1, Infinity]);
      inner = { x: -Infinity, list: [1, NaN] };
      bump() {
        this.n += 1;
      }
    }
    const a = new Counter();
    a.bump();
    a.ring[0] = 5;
    const snap = JSON.parse(JSON.stringify(captureState(a)));
    const b = new Counter();
    const ring = b.ring;
    restoreState(b, snap);
    expect(b.n).toBe(1);
    expect(b.ring).toBe(ring);
    expect(Array.from(b.ring)).toEqual([5, 1, Infinity]);
    expect(b.inner).toEqual({ x: -Infinity, list: [1, NaN] });
    b.bump();
    expect(b.n).toBe(2);
    expect(decodeState(captureState(new Int32Array([3, -4])))).toEqual(new Int32Array([3, -4]));
  });
});
