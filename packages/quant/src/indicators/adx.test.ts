import { ADX as TsADX } from 'trading-signals';
import { ADX as TiADX } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { ADX, computeADX } from './adx';
import { testBarIndicatorContract } from './bar-indicator-contract';
import { toBarColumns } from './bar-columns';
import { batchRows } from './indicator-contract';

testBarIndicatorContract(
  'ADX(14)',
  () => new ADX(14),
  (b) => batchRows(computeADX(b, 14)),
);
testBarIndicatorContract(
  'ADX(1)',
  () => new ADX(1),
  (b) => batchRows(computeADX(b, 1)),
);
testBarIndicatorContract(
  'ADX(2)',
  () => new ADX(2),
  (b) => batchRows(computeADX(b, 2)),
);

const bar = (high: number, low: number, close: number) => ({ high, low, close });

describe('ADX', () => {
  it("follows Wilder's worksheet by hand", () => {
    const adx = new ADX(2);
    expect(adx.add(bar(10, 8, 9))).toBeNull();
    expect(adx.add(bar(12, 9, 11))).toBeNull(); // up 2, down -1: +DM 2, -DM 0, TR 3
    // up 1, down -1: +DM 1, TR 3. Seeds: TR (3 + 3)/2 = 3, +DM 1.5, -DM 0: +DI 50, -DI 0, DX 100
    expect(adx.add(bar(13, 10, 12))).toBeNull();
    // up -1, down 2: -DM 2, TR 4. TR 3 + (4 - 3)/2 = 3.5, +DM 0.75, -DM 1: +DI 150/7, -DI 200/7, DX 100/7;
    // first ADX = mean of the two DX, (100 + 100/7) / 2 = 400/7, with bar 2 x period
    const first = adx.add(bar(12, 8, 9))!;
    expect(first.adx).toBeCloseTo(400 / 7, 12);
    expect(first.plusDI).toBeCloseTo(150 / 7, 12);
    expect(first.minusDI).toBeCloseTo(200 / 7, 12);
    // inside bar: no DM, TR 4: TR 3.75, +DM 0.375, -DM 0.5: +DI 10, -DI 40/3, DX 100/7; ADX 400/7 + (100/7 - 400/7)/2
    const next = adx.add(bar(12, 8, 9))!;
    expect(next.adx).toBeCloseTo(250 / 7, 12);
    expect(next.plusDI).toBeCloseTo(10, 12);
    expect(next.minusDI).toBeCloseTo(40 / 3, 12);
  });

  it('counts neither move when the up and down moves are equal (Wilder, TA-Lib)', () => {
    const adx = new ADX(1);
    adx.add(bar(10, 8, 9));
    // up 1 = down 1: no directional movement, +DI = -DI = 0, DX 0
    expect(adx.add(bar(11, 7, 9))).toEqual({ adx: 0, plusDI: 0, minusDI: 0 });
  });

  it('gives 0 rather than NaN on bars without any range', () => {
    const adx = new ADX(2);
    for (let i = 0; i < 6; i++) adx.add(bar(5, 5, 5));
    expect(adx.getResult()).toEqual({ adx: 0, plusDI: 0, minusDI: 0 });
  });

  it('rejects a period that is not a whole number >= 1, naming it', () => {
    for (const bad of [0, -1, 14.5]) {
      expect(() => new ADX(bad)).toThrow(new RangeError(`ADX period must be an integer >= 1, got ${bad}`));
      expect(() => computeADX(toBarColumns([]), bad)).toThrow(RangeError);
    }
  });
});

// Reference values on the real BTC daily bars. technicalindicators 3.1 (lib/directionalmovement/ADX:
// WilderSmoothing sums seeded with the first `period` DM and TR, DX smoothed by an SMA-seeded WEMA) is
// Wilder's worksheet, our convention: ADX, +DI and -DI to 1e-9 relative from its first value.
// trading-signals 8.3 (src/trend/ADX over DX, WSMA) feeds a zero DM and the first bar's high - low into its
// seeds, starts the ADX average one bar earlier and reports +DI/-DI as fractions (x 100 here): the same
// recursions after that, so once the seeds have decayed ((13/14)^600 ~ 5e-20) it agrees to 1e-9.
describe.skipIf(btcDailyBars === null)(
  `ADX reference values on BTC daily bars ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    const bars = btcDailyBars ?? [];
    const columns = toBarColumns(bars);

    it('matches technicalindicators to 1e-9 relative from the first value', () => {
      for (const period of [7, 14]) {
        const ours = computeADX(columns, period);
        const ti = TiADX.calculate({
          period,
          high: [...columns.high],
          low: [...columns.low],
          close: [...columns.close],
        });
        const offset = 2 * period - 1;
        expect(ti.length).toBe(bars.length - offset);
        let worst = 0;
        ti.forEach((t, j) => {
          const i = j + offset;
          for (const [x, y] of [
            [ours.adx[i]!, t.adx],
            [ours.plusDI[i]!, t.pdi],
            [ours.minusDI[i]!, t.mdi],
          ] as const) {
            worst = Math.max(worst, Math.abs(x - y) / Math.abs(y));
          }
        });
        expect(worst).toBeLessThanOrEqual(1e-9);
      }
    });

    it('matches trading-signals to 1e-9 relative once its seeds have decayed (after 600 bars)', () => {
      const ours = new ADX(14);
      const theirs = new TsADX(14);
      let worst = 0;
      bars.forEach((b, i) => {
        const x = ours.add(b);
        const y = theirs.add(b);
        if (i < 600) return;
        for (const [p, q] of [
          [x!.adx, y!],
          [x!.plusDI, 100 * theirs.pdi!],
          [x!.minusDI, 100 * theirs.mdi!],
        ] as const) {
          worst = Math.max(worst, Math.abs(p - q) / Math.abs(q));
        }
      });
      expect(worst).toBeLessThanOrEqual(1e-9);
    });
  },
);
