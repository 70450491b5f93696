import { getZScore } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { batchRows, testIndicatorContract } from './indicator-contract';
import { computeZScore, ZScore } from './z-score';

testIndicatorContract(
  'ZScore(2)',
  () => new ZScore(2),
  (v) => batchRows(computeZScore(v, 2)),
);
testIndicatorContract(
  'ZScore(5)',
  () => new ZScore(5),
  (v) => batchRows(computeZScore(v, 5)),
);
testIndicatorContract(
  'ZScore(20)',
  () => new ZScore(20),
  (v) => batchRows(computeZScore(v, 20)),
);

describe('ZScore', () => {
  it('standardises the newest value by the window it belongs to, population sd, by hand', () => {
    const z = new ZScore(3);
    z.add(1);
    expect(z.add(2)).toBeNull();
    // mean 3, population variance (4 + 1 + 9) / 3
    expect(z.add(6)).toBeCloseTo(3 / Math.sqrt(14 / 3), 14);
  });

  it('is exactly 0 on a flat window, even right after a volatile stretch', () => {
    const z = new ZScore(5);
    [100, 90, 130, 70, 101.5, 101.5, 101.5, 101.5].forEach((v) => z.add(v));
    expect(z.add(101.5)).toBe(0);
  });

  it('rejects a period below 2, naming it', () => {
    for (const bad of [1, 0, -1, 3.5]) {
      expect(() => new ZScore(bad)).toThrow(new RangeError(`ZScore period must be an integer >= 2, got ${bad}`));
      expect(() => computeZScore(new Float64Array(9), bad)).toThrow(RangeError);
    }
  });
});

// Reference values: trading-signals 8.3 getZScore (src/util/math/getZScore: population sd, the value
// compared is the window's last), applied to every trailing window of the real BTC daily closes.
// technicalindicators has no z-score. Compared to 1e-9 absolute: z is dimensionless and crosses 0, where a
// relative error means nothing.
describe.skipIf(btcDailyBars === null)(
  `ZScore reference values on BTC daily closes ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const closes = (btcDailyBars ?? []).map((b) => b.close);

    it("matches trading-signals' getZScore over each trailing window to 1e-9", () => {
      for (const period of [5, 20, 60]) {
        const ours = computeZScore(Float64Array.from(closes), period);
        let worst = 0;
        for (let i = period - 1; i < closes.length; i++) {
          worst = Math.max(worst, Math.abs(ours[i]! - getZScore(closes.slice(i - period + 1, i + 1))));
        }
        expect(worst).toBeLessThanOrEqual(1e-9);
      }
    });
  },
);
