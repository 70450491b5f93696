import { WMA as TsWMA } from 'trading-signals';
import { WMA as TiWMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { batchRows, contractPrices, maxRelativeError, testIndicatorContract } from './indicator-contract';
import { computeWMA, WMA } from './wma';

testIndicatorContract(
  'WMA(1)',
  () => new WMA(1),
  (v) => batchRows(computeWMA(v, 1)),
);
testIndicatorContract(
  'WMA(3)',
  () => new WMA(3),
  (v) => batchRows(computeWMA(v, 3)),
);
testIndicatorContract(
  'WMA(20)',
  () => new WMA(20),
  (v) => batchRows(computeWMA(v, 20)),
);

describe('WMA', () => {
  it('weighs the newest value most, by hand', () => {
    const w = new WMA(3);
    expect(w.add(1)).toBeNull();
    expect(w.add(2)).toBeNull();
    expect(w.add(6)).toBe(23 / 6); // (1*1 + 2*2 + 6*3) / (1 + 2 + 3)
    expect(w.add(7)).toBe(35 / 6); // (2*1 + 6*2 + 7*3) / 6, from W - S + 3x = 23 - 9 + 21
  });

  it('rejects a period that is not a whole number >= 1, naming it', () => {
    for (const bad of [0, -3, 2.5, Number.NaN]) {
      expect(() => new WMA(bad)).toThrow(new RangeError(`WMA period must be an integer >= 1, got ${bad}`));
      expect(() => computeWMA(new Float64Array(5), bad)).toThrow(RangeError);
    }
  });

  it('does not drift over 1M values: the running sums stay within 1e-9 of a direct weighted sum', () => {
    const values = Float64Array.from(contractPrices(1_000_000, 3));
    const period = 20;
    const ours = computeWMA(values, period);
    let worst = 0;
    for (let i = period - 1; i < values.length; i += 7) {
      let w = 0;
      for (let j = 0; j < period; j++) w += (j + 1) * values[i - period + 1 + j]!;
      const direct = w / ((period * (period + 1)) / 2);
      worst = Math.max(worst, Math.abs(ours[i]! - direct) / Math.abs(direct));
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });
});

// Reference values: trading-signals 8.3 (src/trend/WMA) and technicalindicators 3.1 (lib/moving_averages/WMA)
// on the real BTC daily closes: the same definition, first value with the `period`-th input.
describe.skipIf(btcDailyBars === null)(
  `WMA reference values on BTC daily closes ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const closes = (btcDailyBars ?? []).map((b) => b.close);

    it('matches trading-signals and technicalindicators to 1e-9 relative from the first value', () => {
      for (const period of [9, 20, 50]) {
        const ours = new WMA(period);
        const theirs = new TsWMA(period);
        const a: number[] = [];
        const b: number[] = [];
        for (const c of closes) {
          const x = ours.add(c);
          const y = theirs.add(c);
          expect(x === null, `warm-up length, period ${period}`).toBe(y === null);
          if (x !== null && y !== null) {
            a.push(x);
            b.push(y);
          }
        }
        expect(maxRelativeError(a, b)).toBeLessThanOrEqual(1e-9);
        expect(maxRelativeError(a, TiWMA.calculate({ period, values: closes }))).toBeLessThanOrEqual(1e-9);
      }
    });
  },
);
