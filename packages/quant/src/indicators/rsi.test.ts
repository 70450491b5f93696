import { RSI as TsRSI } from 'trading-signals';
import { RSI as TiRSI } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { batchRows, maxRelativeError, testIndicatorContract } from './indicator-contract';
import { computeRSI, RSI } from './rsi';

testIndicatorContract(
  'RSI(14)',
  () => new RSI(14),
  (v) => batchRows(computeRSI(v, 14)),
);
testIndicatorContract(
  'RSI(2)',
  () => new RSI(2),
  (v) => batchRows(computeRSI(v, 2)),
);

describe('RSI', () => {
  it('follows Wilder by hand: SMA seed of gains and losses, then (avg * (n - 1) + x) / n', () => {
    const r = new RSI(2);
    r.add(10);
    expect(r.add(12)).toBeNull(); // +2
    // changes +2, -1: avg gain 1, avg loss 0.5, RS 2, RSI 100 - 100/3
    expect(r.add(11)).toBeCloseTo(100 - 100 / 3, 12);
    // change +3: gain (1 + 3) / 2 = 2, loss 0.5 / 2 = 0.25, RS 8
    expect(r.add(14)).toBeCloseTo(100 - 100 / 9, 12);
  });

  it('is 100 when the window has no losses', () => {
    const r = new RSI(3);
    expect([1, 2, 3, 4, 5].map((v) => r.add(v)).at(-1)).toBe(100);
  });
});

// Reference values: trading-signals 8.3 (src/momentum/RSI with WSMA smoothing: SMA-seeded Wilder, our
// convention) to 1e-9 relative from the first value; technicalindicators 3.1 (lib/oscillators/RSI) rounds
// its output to 2 decimals (toFixed(2)), so it is compared to 0.005 absolute.
describe.skipIf(btcDailyBars === null)(
  `RSI reference values on BTC daily closes ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const closes = (btcDailyBars ?? []).map((b) => b.close);

    it('matches trading-signals to 1e-9 relative and technicalindicators to its 2 decimals', () => {
      for (const period of [7, 14]) {
        const ours = new RSI(period);
        const theirs = new TsRSI(period);
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
        const ti = TiRSI.calculate({ period, values: closes });
        expect(ti.length).toBe(a.length);
        ti.forEach((v, i) => expect(Math.abs(v - a[i]!)).toBeLessThanOrEqual(0.005 + 1e-9));
      }
    });
  },
);
