import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { parseIsoDate } from '../../forecast/utc-calendar';
import { toBarColumns } from '../../indicators/bar-columns';
import { btcMinuteBars } from '../../indicators/btc-minute-fixture';
import { SMA } from '../../indicators/sma';
import { generateSyntheticBars } from '../../synthetic/synthetic-bars';
import { runBacktest } from '../engine/backtest';
import { INDICATOR_CATALOG, type IndicatorSpec } from './indicator-catalog';
import { compileRuleSetBatch } from './rule-batch';
import { compileRuleSet } from './rule-compiler';

const synthetic = generateSyntheticBars({
  seed: 11,
  start: parseIsoDate('2024-01-01'),
  count: 4000,
  timeframeMs: 60_000,
  startPrice: 100,
  skipWeekends: false,
}).bars;

/** Every catalog function (defaults and explicit parameters), nesting, offsets, crosses, Kleene logic, 1/0. */
const RULES: Record<string, string> = {
  sma: 'close > sma(close, 20)',
  ema: 'ema(close, 9) >= ema(close, 21)',
  rsi: 'rsi(close) < 45',
  rsiShort: 'rsi(close, 2) > 90',
  macd: 'macd(close).hist > 0 and macd(close, 5, 13, 4).macd < macd(close, 5, 13, 4).signal',
  wma: 'wma(hl2, 10) < close',
  bb: 'close < bb(close).lower or close > bb(close, 10, 1.5).upper or close == bb(close).middle',
  zscore: 'zscore(close, 30) < -1',
  stochrsi: 'stochrsi(close).k > stochrsi(close, 7, 7, 2, 2).d',
  atr: 'high - low > atr() * 1.2',
  adx: 'adx(10).adx > 20 and adx().plus_di > adx().minus_di',
  stoch: 'stoch().k < 20 or stoch(9, 3, 3).d > 80',
  donchian: 'close >= donchian(10).upper or close <= donchian().lower or close > donchian().middle',
  obv: 'obv() > obv()[5]',
  vwap: 'close > vwap()',
  nested: 'ema(rsi(close, 14), 9) > 50',
  nestedTwice: 'sma(ema(rsi(hlc3, 5), 3), 4) < rsi(hlc3, 5)',
  nestedBar: 'ema(atr(5), 3) < atr(5)',
  offsets: 'close[3] > close and rsi(close, 14)[2] < rsi(close, 14)',
  offsetBoolean: '(close > open)[1] and not (close > open)',
  crossesAbove: 'crosses_above(ema(close, 5), sma(close, 20))',
  crossesBelow: 'crosses_below(close, bb(close).middle[1])',
  notUnknown: 'not (sma(close, 300) > close)',
  falseAndUnknown: 'close < 0 and sma(close, 300) > 0',
  trueOrUnknown: 'close > 0 or sma(close, 300) > 0',
  unknownAndTrue: 'sma(close, 300) > 0 and close > 0',
  // `not` shows 0 and unknown apart: not (false and unknown) = true, not (unknown and unknown) = unknown.
  notFalseAndUnknown: 'not (close < 0 and sma(close, 300) > 0)',
  notUnknownAndFalse: 'not (sma(close, 300) > 0 and close < 0)',
  notUnknownOrFalse: 'not (sma(close, 300) < 0 or close < 0)',
  divisionByZero: 'close / (close - close) > 1 or (high - low) / (close - open) > 2',
  // rsi(2) is 100 after two rises: the quotient is then 1/0, skipped by the EMA as in the stream.
  indicatorOfPartlyUnknown: 'ema(rsi(close, 2) / (rsi(close, 2) - 100), 4) < -1',
  neverKnown: 'sma(close / (close - close), 3) > 0',
  arithmetic: '-close * 2 + ohlc4 - volume / 1000 != open',
  constants: '1 < 2 and close > 0',
};

/** Pushes every bar into both evaluators and records holds() of every rule and evidence() after each. */
function traces(rules: Record<string, string>, bars: readonly OhlcvBar[], catalog = INDICATOR_CATALOG) {
  const streaming = compileRuleSet(rules, catalog);
  const batch = compileRuleSetBatch(rules, bars, catalog);
  const run = (set: typeof streaming) =>
    bars.map((bar) => {
      set.push(bar);
      return { holds: set.names.map((name) => set.holds(name)), evidence: set.evidence() };
    });
  return { streaming: run(streaming), batch: run(batch), streamingSet: streaming, batchSet: batch };
}

describe('compileRuleSetBatch', () => {
  it('gives exactly the streaming holds() and evidence() on every bar, for every rule form', () => {
    const { streaming, batch, streamingSet, batchSet } = traces(RULES, synthetic);
    expect(batchSet.names).toEqual(streamingSet.names);
    expect(batchSet.warmUp).toBe(streamingSet.warmUp);
    expect(batchSet.count).toBe(synthetic.length);
    // Bar by bar, so a failure names the first bar that differs rather than one huge diff.
    for (let i = 0; i < synthetic.length; i++) expect(batch[i], `bar ${i}`).toStrictEqual(streaming[i]);
    const held = Object.keys(RULES).filter((_, k) => streaming.some((s) => s.holds[k]));
    // The comparison means something only if most rules hold somewhere (neverKnown and a few never do).
    expect(held.length, 'rules that held at least once').toBeGreaterThan(Object.keys(RULES).length - 5);
  });

  it('agrees on ties: crosses from equal, == and != on repeated prices', () => {
    const closes = [10, 10, 11, 10, 9, 10, 10, 9, 11, 11, 10, 12, 10, 10, 8, 10];
    const bars = closes.map((close, i) => ({ ts: i * 60_000, open: 10, high: 12, low: 8, close, volume: 1 }));
    const rules = {
      above: 'crosses_above(close, 10)',
      below: 'crosses_below(close, 10)',
      aboveOwnPast: 'crosses_above(close, close[1])',
      belowOpen: 'crosses_below(close, open)',
      equal: 'close == open',
      changed: 'close != close[1]',
    };
    const { streaming, batch } = traces(rules, bars);
    expect(batch).toStrictEqual(streaming);
    expect(streaming.filter((s) => s.holds[0]).length, 'crosses from a tie happen here').toBeGreaterThan(2);
  });

  it('gives the same results one rule at a time (nothing depends on sharing)', () => {
    for (const [name, rule] of Object.entries(RULES)) {
      const { streaming, batch } = traces({ [name]: rule }, synthetic.slice(0, 800));
      expect(batch, name).toStrictEqual(streaming);
    }
  });

  it('runs the streaming instances for a catalog without batch forms, with the same results', () => {
    const noBatch = Object.fromEntries(
      Object.entries(INDICATOR_CATALOG).map(([name, { batch: _batch, ...spec }]) => [name, spec as IndicatorSpec]),
    );
    const { streaming, batch } = traces(RULES, synthetic.slice(0, 1500), noBatch);
    expect(batch).toStrictEqual(streaming);
    // From columns, the instances of bar indicators get bar objects built from them.
    const bars = synthetic.slice(0, 400);
    const fromColumns = compileRuleSetBatch(RULES, toBarColumns(bars), noBatch);
    const fromObjects = compileRuleSetBatch(RULES, bars, noBatch);
    for (const bar of bars) {
      fromColumns.push(bar);
      fromObjects.push(bar);
      expect(fromColumns.evidence()).toStrictEqual(fromObjects.evidence());
    }
  });

  it.skipIf(btcMinuteBars === null)('agrees with the streaming rules on real BTC minute bars', () => {
    const bars = btcMinuteBars!.slice(0, 6000);
    const { streaming, batch } = traces(RULES, bars);
    for (let i = 0; i < bars.length; i++) expect(batch[i], `bar ${i}`).toStrictEqual(streaming[i]);
  });

  it('reports an invalid rule exactly as the streaming compiler does', () => {
    for (const rule of ['rsi(close', 'close + 1', 'macd(close) > 0', 'foo(close) > 1', 'sma(close, 0) > 1']) {
      const message = (run: () => unknown) => {
        try {
          run();
        } catch (err) {
          return `${(err as Error).name}: ${(err as Error).message}`;
        }
        return 'no error';
      };
      const expected = message(() => compileRuleSet({ entry: rule }));
      expect(expected).not.toBe('no error');
      expect(message(() => compileRuleSetBatch({ entry: rule }, synthetic))).toBe(expected);
    }
  });

  it('gives the same results from bars as columns', () => {
    const bars = synthetic.slice(0, 1500);
    const fromColumns = compileRuleSetBatch(RULES, toBarColumns(bars));
    const fromObjects = compileRuleSetBatch(RULES, bars);
    for (const bar of bars) {
      // Bars read back from the columns are other objects: the set knows them by their open time.
      fromColumns.push({ ...bar });
      fromObjects.push(bar);
      expect(fromColumns.names.map((n) => fromColumns.holds(n))).toEqual(
        fromObjects.names.map((n) => fromObjects.holds(n)),
      );
      expect(fromColumns.evidence()).toStrictEqual(fromObjects.evidence());
    }
    const columns = compileRuleSetBatch({ entry: 'close > 0' }, toBarColumns(bars));
    expect(() => columns.push({ ...bars[1]! })).toThrow(/expected bar 0/);
  });

  it('says how many coming bars no named rule holds at, and skips them', () => {
    const closes = [5, 5, 12, 5, 5, 5, 5, 30, 5, 5];
    const bars = closes.map((close, i) => ({ ts: i * 60_000, open: 5, high: 40, low: 1, close, volume: 1 }));
    const set = compileRuleSetBatch({ above10: 'close > 10', above20: 'close > 20', never: 'close < 0' }, bars);
    expect(set.barsUntilHolding(['above10'], 100)).toBe(2);
    expect(set.barsUntilHolding(['above20'], 100)).toBe(7);
    expect(set.barsUntilHolding(['above10', 'above20'], 100), 'the nearer of the two').toBe(2);
    expect(set.barsUntilHolding(['above20'], 4), 'at most the limit').toBe(4);
    expect(set.barsUntilHolding(['never'], 100), 'to the end of the series').toBe(10);
    set.skip(2);
    expect(set.count).toBe(2);
    set.push(bars[2]!);
    expect(set.holds('above10')).toBe(true);
    expect(set.barsUntilHolding(['above10'], 100)).toBe(4);
    set.skip(4);
    expect(set.barsUntilHolding(['above10'], 100)).toBe(0);
    expect(() => set.skip(5), 'past the end of its series').toThrow(/cannot skip 5 bars/);
    set.release();
    expect(() => set.skip(1)).toThrow(/after release/);
  });

  it('refuses a bar other than the next one of its series, and snapshots', () => {
    const set = compileRuleSetBatch({ entry: 'close > 0' }, synthetic.slice(0, 2));
    set.push(synthetic[0]!);
    expect(() => set.push({ ...synthetic[1]! }), 'a copy is not the bar it was built from').toThrow(/expected bar 1/);
    set.push(synthetic[1]!);
    expect(() => set.push(synthetic[2]!)).toThrow(/built from 2 bars/);
    expect(() => set.snapshot()).toThrow(/for backtests/);
  });
});

const EXAMPLE = {
  side: 'long',
  entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
  exit: 'rsi(close, 14) > 70',
  fees: { rate: 0.001 },
} as const;
const BENCH = { ...EXAMPLE, exit: 'rsi(close, 14) > 70 or close < sma(close, 50)' } as const;
/** Every catalog indicator, both sides, stops, a trailing stop, a target, cooldown and a time limit. */
const EVERYTHING = {
  side: 'both',
  entry: `${RULES.macd} or (${RULES.stochrsi} and ${RULES.zscore}) or ${RULES.crossesAbove} or (${RULES.adx} and ${RULES.vwap})`,
  exit: `${RULES.bb} or ${RULES.wma} and ${RULES.atr}`,
  entryShort: `(${RULES.stoch} and ${RULES.donchian}) or (${RULES.obv} and ${RULES.nested} and ${RULES.sma}) and not (${RULES.ema})`,
  exitShort: `${RULES.rsi} or ${RULES.crossesBelow} or ${RULES.offsets}`,
  fees: { rate: 0.0005 },
  slippageBps: 2,
  stopLossPct: 0.01,
  trailingStopPct: 0.006,
  takeProfitPct: 0.015,
  cooldownBars: 3,
  maxBarsInTrade: 120,
} as const;

const series: Array<[string, readonly OhlcvBar[] | null]> = [
  ['synthetic bars', synthetic],
  ['real BTC minute bars', btcMinuteBars],
];
describe.each(series)('runBacktest with batch and with streaming rules on %s', (_, bars) => {
  for (const [name, spec] of Object.entries({ EXAMPLE, BENCH, EVERYTHING })) {
    it.skipIf(bars === null)(`gives identical trades, signals, equity and metrics (${name})`, () => {
      const batch = runBacktest(spec, bars!);
      const streaming = runBacktest(spec, bars!, { ruleEvaluation: 'streaming' });
      expect(streaming.trades.length, 'the strategy must trade for the comparison to mean anything').toBeGreaterThan(2);
      expect(batch).toStrictEqual(streaming);
      expect(batch.lookAhead.mismatches).toBe(0);
    });
  }
});

describe('the batch rule set in the look-ahead check', () => {
  it('is built from each truncated history, so a batch form that reads the next value is caught', () => {
    // Broken on purpose: its batch form returns the next value (the streaming form, the value itself).
    const catalog: Record<string, IndicatorSpec> = {
      ...INDICATOR_CATALOG,
      peek: {
        summary: 'the next value (a look-ahead bug)',
        input: 'value',
        params: [],
        create: () => new SMA(1),
        batch: (_, v: Float64Array) => v.map((x, i) => v[i + 1] ?? x),
      },
    };
    const spec = { side: 'long', entry: 'peek(close) > close', exit: 'peek(close) < close' } as const;
    const result = runBacktest(spec, synthetic.slice(0, 500), { catalog });
    expect(result.lookAhead.mismatches).toBeGreaterThan(0);
    const streaming = runBacktest(spec, synthetic.slice(0, 500), { catalog, ruleEvaluation: 'streaming' });
    expect(streaming.lookAhead.mismatches).toBe(0);
  });
});
