import { StochasticRSI as TsStochasticRSI } from 'trading-signals';
import { RSI as TiRSI, StochasticRSI as TiStochasticRSI } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { batchRows, maxRelativeError, testIndicatorContract } from './indicator-contract';
import { RSI } from './rsi';
import { computeSeriesStochastic, SeriesStochastic } from './series-stochastic';
import { computeStochRSI, StochRSI } from './stoch-rsi';

testIndicatorContract(
  'StochRSI(14,14,3,3)',
  () => new StochRSI(),
  (v) => batchRows(computeStochRSI(v)),
);
testIndicatorContract(
  'StochRSI(2,3,1,1)',
  () => new StochRSI(2, 3, 1, 1),
  (v) => batchRows(computeStochRSI(v, 2, 3, 1, 1)),
);
testIndicatorContract(
  'StochRSI(5,4,2,3)',
  () => new StochRSI(5, 4, 2, 3),
  (v) => batchRows(computeStochRSI(v, 5, 4, 2, 3)),
);
testIndicatorContract(
  'SeriesStoch(5,2,3)',
  () => new SeriesStochastic(5, 2, 3),
  (v) => batchRows(computeSeriesStochastic(v, 5, 2, 3)),
);

describe('StochRSI', () => {
  it('is the stochastic of the RSI values, by hand', () => {
    // RSI(1) of a rising, falling, rising series: 100, 0, 100, 100 (one move, no losses or no gains)
    const s = new StochRSI(1, 2, 1, 1);
    expect([10, 11, 9].map((v) => s.add(v))).toEqual([null, null, { k: 0, d: 0 }]); // RSI 0 in [0, 100]
    expect(s.add(12)).toEqual({ k: 100, d: 100 }); // RSI 100 in [0, 100]
    expect(s.add(13)).toEqual({ k: 0, d: 0 }); // RSI 100, 100: flat window
  });

  it('places a value in the range of its window, by hand', () => {
    const s = new SeriesStochastic(3, 1, 1);
    s.add(1);
    s.add(3);
    expect(s.add(2)).toEqual({ k: 50, d: 50 }); // 100 (2 - 1) / (3 - 1)
  });

  it('equals SeriesStochastic over our RSI values exactly', () => {
    const values = [5, 6, 4, 8, 9, 7, 10, 12, 11, 13, 12, 15, 14, 13, 16, 18, 17];
    const rsi = new RSI(3);
    const st = new SeriesStochastic(4, 2, 2);
    const s = new StochRSI(3, 4, 2, 2);
    for (const v of values) {
      const r = rsi.add(v);
      const expected = r === null ? null : st.add(r);
      expect(s.add(v)).toEqual(expected);
    }
  });

  it('rejects periods that are not whole numbers >= 1, naming each', () => {
    expect(() => new StochRSI(0)).toThrow(new RangeError('StochRSI rsiPeriod must be an integer >= 1, got 0'));
    expect(() => new StochRSI(14, 1.5)).toThrow(
      new RangeError('StochRSI stochPeriod must be an integer >= 1, got 1.5'),
    );
    expect(() => new StochRSI(14, 14, -3)).toThrow(new RangeError('StochRSI smoothK must be an integer >= 1, got -3'));
    expect(() => new StochRSI(14, 14, 3, 0)).toThrow(new RangeError('StochRSI dPeriod must be an integer >= 1, got 0'));
    expect(() => computeStochRSI(new Float64Array(40), 14, 14, 3, 0)).toThrow(RangeError);
  });
});

// Reference values on the real BTC daily closes. trading-signals 8.3 (src/momentum/STOCHRSI: WSMA RSI = ours,
// Period(interval) over it) reports the raw StochRSI on a 0-1 scale: x 100 it is our %K with smoothK = 1,
// 1e-9 relative (against max(|value|, 1), an oscillator that touches 0). technicalindicators 3.1
// (lib/momentum/StochasticRSI) computes the same stochastic of RSI with the same %K/%D smoothing, but over
// its RSI rounded to 2 decimals (lib/oscillators/RSI: toFixed(2)): our SeriesStochastic fed *its* RSI values
// matches it to 1e-9, which shows that the rounding is the only difference.
describe.skipIf(btcDailyBars === null)(
  `StochRSI reference values on BTC daily closes ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const closes = (btcDailyBars ?? []).map((b) => b.close);

    it('matches trading-signals (raw StochRSI x 100) to 1e-9', () => {
      const ours = new StochRSI(14, 14, 1, 1);
      const theirs = new TsStochasticRSI(14);
      const a: number[] = [];
      const b: number[] = [];
      for (const c of closes) {
        const x = ours.add(c);
        const y = theirs.add(c);
        expect(x === null, 'warm-up length').toBe(y === null);
        if (x === null || y === null) continue;
        expect(y, 'no flat window, where trading-signals answers 100 on its 0-1 scale').toBeLessThanOrEqual(1);
        a.push(x.k);
        b.push(100 * y);
      }
      expect(maxRelativeError(a, b, 1)).toBeLessThanOrEqual(1e-9);
    });

    it('matches technicalindicators (14,14,3,3) to 1e-9 given its 2-decimal RSI values', () => {
      const ti = TiStochasticRSI.calculate({
        values: closes,
        rsiPeriod: 14,
        stochasticPeriod: 14,
        kPeriod: 3,
        dPeriod: 3,
      });
      const tiRsi = TiRSI.calculate({ period: 14, values: closes });
      const raw = new SeriesStochastic(14, 1, 1);
      const smoothed = new SeriesStochastic(14, 3, 3);
      const a: number[] = [];
      for (const r of tiRsi) {
        const k0 = raw.add(r);
        const kd = smoothed.add(r);
        if (kd !== null) a.push(k0!.k, kd.k, kd.d);
      }
      const b = ti.flatMap((t) => [t.stochRSI, t.k, t.d]);
      expect(maxRelativeError(a, b, 1)).toBeLessThanOrEqual(1e-9);
      // Our own RSI is unrounded, so ours and theirs differ by more than rounding noise somewhere:
      const ours = computeStochRSI(Float64Array.from(closes)).k.filter((v) => !Number.isNaN(v));
      expect(
        maxRelativeError(
          Array.from(ours),
          ti.map((t) => t.k),
          1,
        ),
      ).toBeGreaterThan(1e-6);
    });
  },
);
