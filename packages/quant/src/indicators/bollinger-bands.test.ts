import { BollingerBands as TsBollingerBands } from 'trading-signals';
import { BollingerBands as TiBollingerBands } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { BollingerBands, computeBollingerBands } from './bollinger-bands';
import { batchRows, maxRelativeError, testIndicatorContract } from './indicator-contract';

testIndicatorContract(
  'BB(20,2)',
  () => new BollingerBands(),
  (v) => batchRows(computeBollingerBands(v)),
);
testIndicatorContract(
  'BB(2,1.5)',
  () => new BollingerBands(2, 1.5),
  (v) => batchRows(computeBollingerBands(v, 2, 1.5)),
);
testIndicatorContract(
  'BB(5,2)',
  () => new BollingerBands(5, 2),
  (v) => batchRows(computeBollingerBands(v, 5, 2)),
);

describe('BollingerBands', () => {
  it('is the SMA +/- k population standard deviations, by hand', () => {
    const bb = new BollingerBands(3, 2);
    bb.add(1);
    bb.add(2);
    // mean 3, squared deviations 4 + 1 + 9 = 14, population variance 14 / 3
    const sd = Math.sqrt(14 / 3);
    const r = bb.add(6)!;
    expect(r.middle).toBe(3);
    expect(r.upper).toBeCloseTo(3 + 2 * sd, 14);
    expect(r.lower).toBeCloseTo(3 - 2 * sd, 14);
    // window 2, 6, 7: mean 5, squared deviations 9 + 1 + 4 = 14 again
    const next = bb.add(7)!;
    expect(next.middle).toBeCloseTo(5, 14);
    expect(next.upper - next.middle).toBeCloseTo(2 * sd, 13);
  });

  it('collapses onto the value when the window is flat, exactly', () => {
    const bb = new BollingerBands(3, 2);
    [9, 1, 5, 5, 5].forEach((v) => bb.add(v));
    expect(bb.getResult()).toEqual({ middle: 5, upper: 5, lower: 5 });
  });

  it('rejects bad parameters, naming them', () => {
    for (const bad of [0, 1, -2, 2.5]) {
      expect(() => new BollingerBands(bad)).toThrow(
        new RangeError(`BollingerBands period must be an integer >= 2, got ${bad}`),
      );
    }
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new BollingerBands(20, bad)).toThrow(
        new RangeError(`BollingerBands k must be a finite number > 0, got ${bad}`),
      );
      expect(() => computeBollingerBands(new Float64Array(30), 20, bad)).toThrow(RangeError);
    }
  });
});

// Reference values: trading-signals 8.3 (src/volatility/BBANDS) and technicalindicators 3.1
// (lib/volatility/BollingerBands with lib/Utils/SD): both SMA +/- k population deviations, like ours, first
// value with the `period`-th input.
describe.skipIf(btcDailyBars === null)(
  `Bollinger Bands reference values on BTC daily closes ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const closes = (btcDailyBars ?? []).map((b) => b.close);

    it('matches trading-signals and technicalindicators to 1e-9 relative from the first value', () => {
      for (const [period, k] of [
        [20, 2],
        [10, 1.5],
      ] as const) {
        const ours = new BollingerBands(period, k);
        const theirs = new TsBollingerBands(period, k);
        const ti = TiBollingerBands.calculate({ period, stdDev: k, values: closes });
        const a: number[] = [];
        const b: number[] = [];
        const c: number[] = [];
        let j = 0;
        for (const close of closes) {
          const x = ours.add(close);
          const y = theirs.add(close);
          expect(x === null, `warm-up length, period ${period}`).toBe(y === null);
          if (x === null || y === null) continue;
          const t = ti[j++]!;
          a.push(x.middle, x.upper, x.lower);
          b.push(y.middle, y.upper, y.lower);
          c.push(t.middle, t.upper, t.lower);
        }
        expect(j).toBe(ti.length);
        expect(maxRelativeError(a, b)).toBeLessThanOrEqual(1e-9);
        expect(maxRelativeError(a, c)).toBeLessThanOrEqual(1e-9);
      }
    });
  },
);
