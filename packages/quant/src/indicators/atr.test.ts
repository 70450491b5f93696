import { ATR as TsATR } from 'trading-signals';
import { ATR as TiATR } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { ATR, computeATR } from './atr';
import { testBarIndicatorContract } from './bar-indicator-contract';
import { toBarColumns } from './bar-columns';
import { batchRows, maxRelativeError } from './indicator-contract';
import { trueRange } from './true-range';

testBarIndicatorContract(
  'ATR(14)',
  () => new ATR(14),
  (b) => batchRows(computeATR(b, 14)),
);
testBarIndicatorContract(
  'ATR(1)',
  () => new ATR(1),
  (b) => batchRows(computeATR(b, 1)),
);
testBarIndicatorContract(
  'ATR(3)',
  () => new ATR(3),
  (b) => batchRows(computeATR(b, 3)),
);

const bar = (high: number, low: number, close: number) => ({ high, low, close });

describe('ATR', () => {
  it('seeds with the mean of the first period true ranges, then smooths Wilder-style, by hand', () => {
    const atr = new ATR(3);
    expect(atr.add(bar(10, 8, 9))).toBeNull(); // no previous close: no true range
    expect(atr.add(bar(11, 9, 10))).toBeNull(); // TR 11 - 9 = 2
    expect(atr.add(bar(12, 10, 11))).toBeNull(); // TR 2
    expect(atr.add(bar(11, 7, 8))).toBe(8 / 3); // TR 4; (2 + 2 + 4) / 3
    expect(atr.add(bar(9, 8, 8.5))).toBeCloseTo(19 / 9, 14); // TR 1; 8/3 + (1 - 8/3) / 3
    // A gap up: TR reaches back to the previous close, 15 - 8.5 = 6.5
    expect(atr.add(bar(15, 14, 14.5))).toBeCloseTo(19 / 9 + (6.5 - 19 / 9) / 3, 14);
  });

  it('computes the true range as the three-way max, bit for bit', () => {
    for (const [h, l, c] of [
      [12, 10, 11],
      [12, 10, 8.3],
      [12, 10, 13.7],
      [0.1 + 0.2, 0.1, 0.30000000000000004],
    ] as const) {
      expect(trueRange(h, l, c)).toBe(Math.max(h - l, Math.abs(h - c), Math.abs(l - c)));
    }
  });

  it('rejects a period that is not a whole number >= 1, naming it', () => {
    for (const bad of [0, -14, 1.5]) {
      expect(() => new ATR(bad)).toThrow(new RangeError(`ATR period must be an integer >= 1, got ${bad}`));
      expect(() => computeATR(toBarColumns([]), bad)).toThrow(RangeError);
    }
  });
});

// Reference values on the real BTC daily bars. technicalindicators 3.1 (lib/directionalmovement/ATR: true
// ranges from the second bar, WEMA = SMA-seeded Wilder smoothing) is our convention: 1e-9 relative from its
// first value. trading-signals 8.3 (src/volatility/ATR, TR + WSMA) counts high - low of the first bar as a
// true range and reports one bar earlier. From bar `period` on both recursions are the same, so the
// difference d = theirs - ours must be exactly d_n (1 - 1/n)^(t - n), with d_n = ((n - 1)(H0 - L0) -
// (TR_1 + ... + TR_{n-1})) / n^2 (expand both seeds); checked to 1e-9 of the ATR.
describe.skipIf(btcDailyBars === null)(
  `ATR reference values on BTC daily bars ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const bars = btcDailyBars ?? [];
    const columns = toBarColumns(bars);

    it('matches technicalindicators to 1e-9 relative from the first value', () => {
      for (const period of [7, 14]) {
        const ours = Array.from(computeATR(columns, period).subarray(period));
        const ti = TiATR.calculate({
          period,
          high: [...columns.high],
          low: [...columns.low],
          close: [...columns.close],
        });
        expect(maxRelativeError(ours, ti)).toBeLessThanOrEqual(1e-9);
      }
    });

    it('differs from trading-signals by exactly its first-bar seed, decaying by (1 - 1/n) per bar', () => {
      for (const n of [7, 14]) {
        const ours = new ATR(n);
        const theirs = new TsATR(n);
        const rows = bars.map((b) => ({ ours: ours.add(b), ts: theirs.add(b) }));
        expect(rows[n - 2]!.ts, 'trading-signals reports from bar n').toBeNull();
        expect(rows[n - 1]!.ts).not.toBeNull();
        expect(rows[n - 1]!.ours, 'ours from bar n + 1').toBeNull();
        let sumTR = 0;
        for (let j = 1; j < n; j++) sumTR += trueRange(bars[j]!.high, bars[j]!.low, bars[j - 1]!.close);
        const dn = ((n - 1) * (bars[0]!.high - bars[0]!.low) - sumTR) / n ** 2;
        let worst = 0;
        for (let t = n; t < bars.length; t++) {
          const predicted = dn * (1 - 1 / n) ** (t - n);
          const { ours: x, ts: y } = rows[t]!;
          worst = Math.max(worst, Math.abs(y! - x! - predicted) / x!);
        }
        expect(worst).toBeLessThanOrEqual(1e-9);
      }
    });
  },
);
