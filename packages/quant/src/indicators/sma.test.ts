import { SMA as TsSMA } from 'trading-signals';
import { SMA as TiSMA } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { batchRows, maxRelativeError, testIndicatorContract } from './indicator-contract';
import { computeSMA, SMA } from './sma';

testIndicatorContract(
  'SMA(1)',
  () => new SMA(1),
  (v) => batchRows(computeSMA(v, 1)),
);
testIndicatorContract(
  'SMA(20)',
  () => new SMA(20),
  (v) => batchRows(computeSMA(v, 20)),
);

// Reference values: trading-signals 8.3 (https://github.com/bennycode/trading-signals, src/trend/SMA) and
// technicalindicators 3.1 (https://github.com/anandanand84/technicalindicators, lib/moving_averages/SMA)
// on the real BTC daily closes. Same convention: the first value comes with the `period`-th input.
describe.skipIf(btcDailyBars === null)(
  `SMA reference values on BTC daily closes ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const closes = (btcDailyBars ?? []).map((b) => b.close);

    it('matches trading-signals and technicalindicators to 1e-9 relative from the first value', () => {
      for (const period of [5, 20, 50]) {
        const ours = new SMA(period);
        const theirs = new TsSMA(period);
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
        expect(maxRelativeError(a, TiSMA.calculate({ period, values: closes }))).toBeLessThanOrEqual(1e-9);
      }
    });
  },
);

describe('computeSMA over a long series', () => {
  it('gives exactly the streaming values, at every re-sum of the window and between them', () => {
    let price = 30_000;
    const values = Float64Array.from({ length: 20_011 }, (_, i) => (price *= 1 + Math.sin(i * 0.7) * 0.001));
    for (const period of [1, 2, 7, 50, 200]) {
      const sma = new SMA(period);
      const batch = computeSMA(values, period);
      for (let i = 0; i < values.length; i++) {
        const streaming = sma.add(values[i]!);
        expect(batch[i], `SMA(${period}) at ${i}`).toBe(streaming ?? Number.NaN);
      }
    }
  });
});
