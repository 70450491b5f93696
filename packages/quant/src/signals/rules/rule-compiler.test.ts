import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { EMA } from '../../indicators/ema';
import { contractPrices } from '../../indicators/indicator-contract';
import { MACD } from '../../indicators/macd';
import { RSI } from '../../indicators/rsi';
import { InvalidRuleError } from './rule-errors';
import { compileRuleSet } from './rule-compiler';

const bar = (close: number, i = 0, extra: Partial<OhlcvBar> = {}): OhlcvBar => ({
  ts: i * 60_000,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
  ...extra,
});
const bars = (closes: readonly number[]) => closes.map((c, i) => bar(c, i));

/** Pushes every bar and records whether `rule` held after each. */
function trace<N extends string>(rules: Record<N, string>, name: N, series: readonly OhlcvBar[]): boolean[] {
  const set = compileRuleSet(rules);
  return series.map((b) => {
    set.push(b);
    return set.holds(name);
  });
}

const invalid = (rules: Record<string, string>): InvalidRuleError => {
  try {
    compileRuleSet(rules);
  } catch (err) {
    if (err instanceof InvalidRuleError) return err;
    throw err;
  }
  throw new Error('compiled, but an InvalidRuleError was expected');
};

describe('compileRuleSet', () => {
  it('evaluates the example strategy exactly as the indicators computed by hand', () => {
    const closes = contractPrices(1500, 3);
    const set = compileRuleSet({
      entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
      exit: 'rsi(close, 14) > 70',
    });
    const rsi = new RSI(14);
    const ema = new EMA(200);
    let entries = 0;
    let exits = 0;
    closes.forEach((c, i) => {
      set.push(bar(c, i));
      const r = rsi.add(c);
      const e = ema.add(c);
      const entry = r !== null && e !== null && r < 30 && c > e;
      const exit = r !== null && r > 70;
      expect(set.holds('entry'), `entry at bar ${i}`).toBe(entry);
      expect(set.holds('exit'), `exit at bar ${i}`).toBe(exit);
      entries += entry ? 1 : 0;
      exits += exit ? 1 : 0;
    });
    expect(entries, 'the series must exercise the entry rule').toBeGreaterThan(0);
    expect(exits, 'the series must exercise the exit rule').toBeGreaterThan(0);
    expect(set.warmUp).toBe(200);
    expect(set.count).toBe(1500);
  });

  it('shares one indicator instance between rules and reports each output as evidence', () => {
    const set = compileRuleSet({ a: 'rsi(close, 14) < 30', b: 'rsi(close) > 70 and macd(close).hist > 0' });
    const closes = contractPrices(60);
    const rsi = new RSI(14);
    const macd = new MACD(12, 26, 9);
    closes.forEach((c, i) => set.push(bar(c, i)));
    const r = closes.map((c) => rsi.add(c)).at(-1)!;
    const m = closes.map((c) => macd.add(c)).at(-1)!;
    expect(set.evidence()).toEqual({ 'rsi(close, 14)': r, 'macd(close, 12, 26, 9).hist': m.histogram });
  });

  it('is false while an indicator is warming up, also under not', () => {
    const closes = [10, 11, 12, 13];
    expect(trace({ r: 'sma(close, 3) > 0' }, 'r', bars(closes))).toEqual([false, false, true, true]);
    expect(trace({ r: 'not sma(close, 3) > 100' }, 'r', bars(closes))).toEqual([false, false, true, true]);
    // Kleene: a known false side decides `and`, a known true side decides `or`, even while the other is unknown.
    expect(trace({ r: 'close > 100 and sma(close, 3) > 0' }, 'r', bars(closes))).toEqual([false, false, false, false]);
    expect(trace({ r: 'close > 0 or sma(close, 3) > 100' }, 'r', bars(closes))).toEqual([true, true, true, true]);
    expect(trace({ r: 'close < 0 or sma(close, 3) > 100' }, 'r', bars(closes))).toEqual([false, false, false, false]);
  });

  it('reads earlier bars with x[n] and nothing before the series starts', () => {
    expect(trace({ r: 'close > close[1]' }, 'r', bars([1, 2, 2, 3]))).toEqual([false, true, false, true]);
    expect(trace({ r: 'close[2] == 1' }, 'r', bars([1, 5, 5, 1]))).toEqual([false, false, true, false]);
    expect(trace({ r: '(close > open)[1]' }, 'r', [bar(2, 0, { open: 1 }), bar(1, 1, { open: 2 }), bar(1, 2)])).toEqual(
      [false, true, false],
    );
    expect(trace({ r: 'sma(close, 2)[1] >= 1.5' }, 'r', bars([1, 2, 3]))).toEqual([false, false, true]);
  });

  it('crosses_above fires on the bar that moves from at-or-below to strictly above, crosses_below mirrors it', () => {
    const closes = [1, 3, 3, 1, 2, 5, 5];
    const level = bars(closes);
    expect(trace({ r: 'crosses_above(close, 2)' }, 'r', level)).toEqual([
      false,
      true,
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(trace({ r: 'crosses_below(close, 2)' }, 'r', level)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(trace({ r: 'crosses_above(close, 2)' }, 'r', bars([2, 2.5]))).toEqual([false, true]);
  });

  it('computes arithmetic and the derived series, and treats division by zero as unknown', () => {
    const b = { ts: 0, open: 1, high: 4, low: 2, close: 3, volume: 10 };
    expect(trace({ r: 'hl2 == 3 and hlc3 == 3 and ohlc4 == 2.5' }, 'r', [b])).toEqual([true]);
    expect(trace({ r: '(close - low) / (high - low) == 0.5 and -close * 2 == -6' }, 'r', [b])).toEqual([true]);
    expect(trace({ r: 'volume / (high - high) > 0' }, 'r', [b])).toEqual([false]);
    expect(trace({ r: 'not volume / (high - high) > 0' }, 'r', [b])).toEqual([false]);
  });

  it('feeds an indicator only the values that exist, so indicators of indicators warm up in turn', () => {
    const set = compileRuleSet({ r: 'sma(sma(close, 2), 2) > 0' });
    expect(set.warmUp).toBe(3);
    const seen = bars([1, 2, 3, 4]).map((b) => {
      set.push(b);
      return set.evidence()['sma(sma(close, 2), 2)'];
    });
    expect(seen).toEqual([null, null, 2, 3]);
  });

  it('rejects unknown names and indicators, naming the rule, the column and what exists', () => {
    expect(invalid({ entry: 'rsx(close, 14) < 30' })).toMatchObject({
      rule: 'entry',
      position: 0,
      message: expect.stringMatching(/^entry: column 1: unknown indicator 'rsx'; known: .*rsi/),
    });
    expect(invalid({ exit: 'close > price' })).toMatchObject({
      position: 8,
      message: expect.stringMatching(/unknown name 'price'; series are open, high, low, close/),
    });
    expect(invalid({ exit: 'rsi > 70' }).message).toMatch(/'rsi' is a function: call it/);
  });

  it('rejects wrong arity, computed parameters, bad periods and missing sources at compile time', () => {
    expect(invalid({ e: 'rsi(close, 14, 3) < 30' }).message).toMatch(
      /rsi takes a source and at most 1 parameter: rsi\(source, period = 14\)/,
    );
    expect(invalid({ e: 'ema(close) > 0' }).message).toMatch(
      /ema takes a source and 1 parameter: ema\(source, period\)/,
    );
    expect(invalid({ e: 'ema() > 0' }).message).toMatch(/ema needs a source series first/);
    expect(invalid({ e: 'ema(close, close) > 0' })).toMatchObject({
      position: 11,
      message: expect.stringMatching(/period must be a number written in the rule/),
    });
    expect(invalid({ e: 'ema(close, 2.5) > 0' }).message).toMatch(/period must be a whole number >= 1, got 2.5/);
    expect(invalid({ e: 'ema(close, 0) > 0' }).message).toMatch(/whole number >= 1, got 0/);
    expect(invalid({ e: 'macd(close) > 0' }).message).toMatch(/several values: pick one with \.macd, \.signal, \.hist/);
    expect(invalid({ e: 'macd(close, 26, 12).hist > 0' }).message).toMatch(
      /macd: MACD fast period \(26\) must be below the slow period \(12\)/,
    );
    expect(invalid({ e: 'crosses_above(close) ' }).message).toMatch(/crosses_above takes two numbers/);
  });

  it('rejects fields that do not exist and mixes of numbers and conditions', () => {
    expect(invalid({ e: 'macd(close).histogram > 0' })).toMatchObject({
      position: 12,
      message: expect.stringMatching(/no field '\.histogram'; it has macd, signal, hist/),
    });
    expect(invalid({ e: 'rsi(close).value > 0' }).message).toMatch(/has one value and no field '\.value'/);
    expect(invalid({ e: 'close.high > 0' }).message).toMatch(/needs an indicator call before it/);
    expect(invalid({ e: 'rsi(close, 14)' }).message).toMatch(/a rule must be true or false/);
    expect(invalid({ e: 'close and open' }).message).toMatch(
      /'and' needs a condition \(true or false\), but this is a number/,
    );
    expect(invalid({ e: '(close > 1) + 1 > 0' }).message).toMatch(/'\+' needs a number, but this is a condition/);
    expect(invalid({ e: 'rsi(close > 1, 14) > 0' }).message).toMatch(/rsi's source needs a number/);
    expect(invalid({ e: 'close > 1 and' })).toMatchObject({
      rule: 'e',
      message: expect.stringMatching(/^e: column 14: expected/),
    });
  });

  it('refuses to answer for a rule it does not have', () => {
    const set = compileRuleSet({ entry: 'close > 0' });
    expect(() => set.holds('exit' as 'entry')).toThrow(/no rule named 'exit'/);
  });
});
