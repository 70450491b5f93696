import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { ADX } from '../../indicators/adx';
import { ATR } from '../../indicators/atr';
import { BollingerBands } from '../../indicators/bollinger-bands';
import { DonchianChannel } from '../../indicators/donchian-channel';
import { contractPrices } from '../../indicators/indicator-contract';
import { OBV } from '../../indicators/obv';
import { StochRSI } from '../../indicators/stoch-rsi';
import { Stochastic } from '../../indicators/stochastic';
import { VWAP } from '../../indicators/vwap';
import { WMA } from '../../indicators/wma';
import { ZScore } from '../../indicators/z-score';
import { StrategyRunner } from '../engine/strategy-runner';
import { compileRuleSet } from './rule-compiler';

const bars: OhlcvBar[] = contractPrices(400, 13).map((close, i) => ({
  ts: 1_704_067_200_000 + i * 3_600_000, // 2024-01-01T00:00Z, hourly
  open: close * (1 + 0.003 * Math.cos(i)),
  high: close * 1.008,
  low: close * 0.992,
  close,
  volume: 5 + (i % 11),
}));

/** Each rule-language call next to the indicator class it adapts, fed directly. */
const CASES: Array<[string, () => { add(x: never): unknown }, (r: never) => number, 'value' | 'bar']> = [
  ['wma(close, 10)', () => new WMA(10), (r: number) => r, 'value'],
  ['zscore(close, 20)', () => new ZScore(20), (r: number) => r, 'value'],
  ['bb(close, 20, 2).upper', () => new BollingerBands(20, 2), (r: { upper: number }) => r.upper, 'value'],
  ['bb(close).lower', () => new BollingerBands(20, 2), (r: { lower: number }) => r.lower, 'value'],
  ['stochrsi(close).k', () => new StochRSI(14, 14, 3, 3), (r: { k: number }) => r.k, 'value'],
  ['atr(14)', () => new ATR(14), (r: number) => r, 'bar'],
  ['atr()', () => new ATR(14), (r: number) => r, 'bar'],
  ['adx(14).plus_di', () => new ADX(14), (r: { plusDI: number }) => r.plusDI, 'bar'],
  ['adx().adx', () => new ADX(14), (r: { adx: number }) => r.adx, 'bar'],
  ['stoch(14, 3, 3).d', () => new Stochastic(14, 3, 3), (r: { d: number }) => r.d, 'bar'],
  ['donchian(20).upper', () => new DonchianChannel(20), (r: { upper: number }) => r.upper, 'bar'],
  ['obv()', () => new OBV(), (r: number) => r, 'bar'],
  ['vwap()', () => new VWAP('utc-day'), (r: number) => r, 'bar'],
];

describe('indicator catalog', () => {
  it.each(CASES)('%s gives the values of its class, bar by bar', (call, create, pick, input) => {
    const set = compileRuleSet({ r: `${call} > -1e300` });
    const direct = create();
    let known = 0;
    for (const bar of bars) {
      set.push(bar);
      const r = direct.add((input === 'bar' ? bar : bar.close) as never);
      const expected = r === null ? null : pick(r as never);
      const [value] = Object.values(set.evidence());
      expect(value, `${call} at ${bar.ts}`).toBe(expected);
      if (expected !== null) known += 1;
    }
    expect(known, 'the series must warm the indicator up').toBeGreaterThan(300);
  });

  it('names the fields of every multi-output indicator when one is missing or wrong', () => {
    expect(() => compileRuleSet({ r: 'adx(14) > 20' })).toThrow(/pick one with \.adx, \.plus_di, \.minus_di/);
    expect(() => compileRuleSet({ r: 'stoch().j > 20' })).toThrow(/no field '\.j'; it has k, d/);
    expect(() => compileRuleSet({ r: 'bb(close, 20, 0).upper > 1' })).toThrow(/bb: /);
    expect(() => compileRuleSet({ r: 'obv(5) > 1' })).toThrow(/obv takes 0 parameters: obv\(\)/);
  });

  it('snapshots and restores every indicator kind exactly', () => {
    const spec = {
      side: 'long' as const,
      entry: 'close < bb(close, 20, 2).lower and adx(14).adx > 10 and stoch(14, 3, 3).k < 30 and zscore(close, 20) < 0',
      exit: 'close > donchian(20).middle or stochrsi(close).k > 80 or crosses_above(obv(), obv()[5]) or close > vwap() + atr(14) or close > wma(close, 10) * 1.02',
      stopLossPct: 0.02,
    };
    const whole = new StrategyRunner(spec);
    const events = (r: StrategyRunner, from: number, to: number) =>
      bars.slice(from, to).flatMap((b) => {
        const ev = r.step(b);
        return [ev.signal?.action ?? '', ev.closed?.exitReason ?? ''].filter(Boolean);
      });
    const expected = events(whole, 0, bars.length);
    expect(expected.length).toBeGreaterThan(4);
    const first = new StrategyRunner(spec);
    const before = events(first, 0, 173);
    const second = new StrategyRunner(spec);
    second.restore(JSON.parse(JSON.stringify(first.snapshot())));
    expect([...before, ...events(second, 173, bars.length)]).toEqual(expected);
  });
});
