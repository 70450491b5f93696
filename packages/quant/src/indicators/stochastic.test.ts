import { StochasticOscillator as TsStochastic } from 'trading-signals';
import { Stochastic as TiStochastic } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { testBarIndicatorContract } from './bar-indicator-contract';
import { toBarColumns } from './bar-columns';
import { batchRows, maxRelativeError } from './indicator-contract';
import { computeStochastic, Stochastic } from './stochastic';

testBarIndicatorContract(
  'Stoch(14,1,3)',
  () => new Stochastic(),
  (b) => batchRows(computeStochastic(b)),
);
testBarIndicatorContract(
  'Stoch(14,3,3)',
  () => new Stochastic(14, 3, 3),
  (b) => batchRows(computeStochastic(b, 14, 3, 3)),
);
testBarIndicatorContract(
  'Stoch(1,1,1)',
  () => new Stochastic(1, 1, 1),
  (b) => batchRows(computeStochastic(b, 1, 1, 1)),
);
testBarIndicatorContract(
  'Stoch(5,2,4)',
  () => new Stochastic(5, 2, 4),
  (b) => batchRows(computeStochastic(b, 5, 2, 4)),
);

const bar = (high: number, low: number, close: number) => ({ high, low, close });
const bars = [bar(10, 8, 9), bar(12, 9, 11), bar(13, 10, 12), bar(11, 7, 8), bar(9, 8, 8.5)];

describe('Stochastic', () => {
  it('places the close in the range of the last kPeriod bars, then smooths %K and %D, by hand', () => {
    const fast = new Stochastic(3, 1, 2);
    expect(fast.warmUp).toBe(4);
    expect(bars.slice(0, 3).map((b) => fast.add(b))).toEqual([null, null, null]); // raw %K 100 (12 - 8) / (13 - 8) = 80
    const r = fast.add(bars[3]!)!; // range 13 - 7: raw 100 (8 - 7) / 6
    expect(r.k).toBeCloseTo(100 / 6, 12);
    expect(r.d).toBeCloseTo((80 + 100 / 6) / 2, 12);
    const slow = new Stochastic(3, 2, 2);
    bars.slice(0, 4).forEach((b) => slow.add(b));
    // bar 5: range 13 - 7, raw 100 (8.5 - 7) / 6 = 25; %K = (100/6 + 25) / 2, %D = mean of the last two %K
    const s = slow.add(bars[4]!)!;
    expect(s.k).toBeCloseTo((100 / 6 + 25) / 2, 12);
    expect(s.d).toBeCloseTo(((80 + 100 / 6) / 2 + s.k) / 2, 12);
  });

  it('is 0 when the highest high equals the lowest low', () => {
    const st = new Stochastic(2, 1, 1);
    st.add(bar(5, 5, 5));
    expect(st.add(bar(5, 5, 5))).toEqual({ k: 0, d: 0 });
  });

  it('rejects periods that are not whole numbers >= 1, naming each', () => {
    expect(() => new Stochastic(0)).toThrow(new RangeError('Stochastic kPeriod must be an integer >= 1, got 0'));
    expect(() => new Stochastic(14, -1)).toThrow(new RangeError('Stochastic smoothK must be an integer >= 1, got -1'));
    expect(() => new Stochastic(14, 1, 2.5)).toThrow(
      new RangeError('Stochastic dPeriod must be an integer >= 1, got 2.5'),
    );
    expect(() => computeStochastic(toBarColumns([]), 14, 0)).toThrow(RangeError);
  });
});

// Reference values on the real BTC daily bars: technicalindicators 3.1 (lib/momentum/Stochastic: fast %K,
// %D = SMA(signalPeriod)) and trading-signals 8.3 (src/momentum/STOCH, kSlowingPeriod = our smoothK) define
// it as we do. Relative error against max(|value|, 1): the oscillator lives in [0, 100] and touches 0.
describe.skipIf(btcDailyBars === null)(
  `Stochastic reference values on BTC daily bars ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const all = btcDailyBars ?? [];
    const columns = toBarColumns(all);

    it('matches technicalindicators (fast, 14/3) to 1e-9 from the first value', () => {
      const ours = computeStochastic(columns, 14, 1, 3);
      const ti = TiStochastic.calculate({
        period: 14,
        signalPeriod: 3,
        high: [...columns.high],
        low: [...columns.low],
        close: [...columns.close],
      });
      const a: number[] = [];
      const b: number[] = [];
      ti.forEach((t, j) => {
        const i = j + 13;
        if (t.d === undefined) return expect(ours.k[i]).toBeNaN();
        a.push(ours.k[i]!, ours.d[i]!);
        b.push(t.k, t.d);
      });
      expect(a.length).toBe(2 * (all.length - 15));
      expect(maxRelativeError(a, b, 1)).toBeLessThanOrEqual(1e-9);
    });

    it('matches trading-signals, fast (14,1,3) and slow (14,3,3), to 1e-9 from the first value', () => {
      for (const [kPeriod, smoothK, dPeriod] of [
        [14, 1, 3],
        [14, 3, 3],
      ] as const) {
        const ours = new Stochastic(kPeriod, smoothK, dPeriod);
        const theirs = new TsStochastic({ kPeriod, kSlowingPeriod: smoothK, dPeriod });
        const a: number[] = [];
        const b: number[] = [];
        for (const candle of all) {
          const x = ours.add(candle);
          const y = theirs.add(candle);
          expect(x === null, 'warm-up length').toBe(y === null);
          if (x === null || y === null) continue;
          a.push(x.k, x.d);
          b.push(y.stochK, y.stochD);
        }
        expect(maxRelativeError(a, b, 1)).toBeLessThanOrEqual(1e-9);
      }
    });
  },
);
