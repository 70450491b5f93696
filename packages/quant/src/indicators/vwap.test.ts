import { VWAP as TsVWAP } from 'trading-signals';
import { VWAP as TiVWAP } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { BTC_MISSING_MESSAGE, btcDailyBars } from '../forecast/btc-daily-fixture';
import { testBarIndicatorContract } from './bar-indicator-contract';
import { toBarColumns } from './bar-columns';
import { BTC_MINUTE_MISSING_MESSAGE, btcMinuteBars } from './btc-minute-fixture';
import { IndicatorInputError } from './indicator.error';
import { batchRows, maxRelativeError } from './indicator-contract';
import { computeVWAP, VWAP } from './vwap';

testBarIndicatorContract(
  'VWAP',
  () => new VWAP(),
  (b) => batchRows(computeVWAP(b)),
);
testBarIndicatorContract(
  'VWAP(none)',
  () => new VWAP('none'),
  (b) => batchRows(computeVWAP(b, 'none')),
);

const DAY = 86_400_000;
const at = (ts: number, high: number, low: number, close: number, volume: number) => ({ ts, high, low, close, volume });

describe('VWAP', () => {
  it('weighs the typical price hlc3 by volume and restarts at 00:00 UTC, by hand', () => {
    const v = new VWAP();
    expect(v.add(at(DAY - 7_200_000, 12, 8, 10, 100))).toBe(10); // 22:00, typical 10
    expect(v.add(at(DAY - 3_600_000, 15, 11, 13, 300))).toBe(12.25); // (10 x 100 + 13 x 300) / 400
    expect(v.add(at(DAY, 20, 18, 19, 50))).toBe(19); // 00:00 the next day: a new session
    expect(v.add(at(DAY + 60_000, 21, 19, 20, 150))).toBe(19.75); // (19 x 50 + 20 x 150) / 200
  });

  it("is cumulative from the first bar with anchor 'none'", () => {
    const v = new VWAP('none');
    [at(DAY - 3_600_000, 12, 8, 10, 100), at(DAY, 15, 11, 13, 300)].forEach((b) => v.add(b));
    expect(v.getResult()).toBe(12.25);
  });

  it('gives the typical price while the day has traded no volume yet', () => {
    const v = new VWAP();
    expect(v.add(at(0, 12, 9, 9, 0))).toBe(10);
    expect(v.add(at(60_000, 13, 10, 10, 0))).toBe(11);
    expect(v.add(at(120_000, 15, 12, 12, 10))).toBe(13);
  });

  it('rejects a bar older than the one before it, naming ts, and leaves the state as it was', () => {
    const v = new VWAP();
    v.add(at(DAY, 12, 8, 10, 100));
    v.add(at(DAY + 60_000, 12, 8, 11, 100));
    expect(() => v.add(at(DAY + 30_000, 12, 8, 10, 100))).toThrow(
      new IndicatorInputError('VWAP', 2, DAY + 30_000, 'ts', `must not be before the previous bar's (${DAY + 60_000})`),
    );
    // A replacement may move within its slot, but not before the bar before it.
    expect(() => v.replace(at(DAY - 1, 12, 8, 10, 100))).toThrow(/bar 1 ts must not be before/);
    expect(v.replace(at(DAY + 30_000, 12, 8, 11, 300))).toBeCloseTo((10 * 100 + (31 / 3) * 300) / 400, 12);
    expect(() => computeVWAP(toBarColumns([at(DAY, 1, 1, 1, 1), at(0, 1, 1, 1, 1)] as OhlcvBar[]))).toThrow(
      /bar 1 ts must not be before/,
    );
  });

  it('rejects an unknown anchor', () => {
    expect(() => new VWAP('week' as never)).toThrow(
      new RangeError('VWAP anchor must be one of utc-day, none, got week'),
    );
  });
});

// Reference values. Neither peer anchors its VWAP: trading-signals 8.3 (src/trend/VWAP) and
// technicalindicators 3.1 (lib/volume/VWAP) are cumulative from their first bar, both with typical price
// hlc3. So on the real BTC/USDT minute bars each UTC day gets fresh peer instances, which our anchored VWAP
// must match to 1e-9 relative; bars where a peer has no value are skipped (trading-signals gives null for a
// zero-volume bar, technicalindicators NaN while the day's volume is 0). On the BTC daily bars our 'none'
// anchor must match them over the whole series.
describe.skipIf(btcMinuteBars === null)(
  `VWAP reference values on BTC/USDT minute bars ${btcMinuteBars ? '' : BTC_MINUTE_MISSING_MESSAGE}`,
  () => {
    it('matches trading-signals and technicalindicators restarted each UTC day to 1e-9 relative', () => {
      const bars = btcMinuteBars ?? [];
      const ours = computeVWAP(toBarColumns(bars));
      const days = new Map<number, number[]>();
      bars.forEach((bar, i) => {
        const day = Math.floor(bar.ts / DAY);
        const group = days.get(day);
        if (group) group.push(i);
        else days.set(day, [i]);
      });
      expect(days.size).toBe(21);
      const a: number[] = [];
      const b: number[] = [];
      const c: number[] = [];
      const d: number[] = [];
      for (const indices of days.values()) {
        const day = indices.map((i) => bars[i]!);
        const ts = new TsVWAP();
        const ti = TiVWAP.calculate({
          high: day.map((x) => x.high),
          low: day.map((x) => x.low),
          close: day.map((x) => x.close),
          volume: day.map((x) => x.volume),
        });
        indices.forEach((i, j) => {
          const y = ts.add(day[j]!);
          if (y !== null) {
            a.push(ours[i]!);
            b.push(y);
          }
          if (!Number.isNaN(ti[j]!)) {
            c.push(ours[i]!);
            d.push(ti[j]!);
          }
        });
      }
      expect(b.length).toBeGreaterThan(29_000);
      expect(maxRelativeError(a, b)).toBeLessThanOrEqual(1e-9);
      expect(maxRelativeError(c, d)).toBeLessThanOrEqual(1e-9);
    });
  },
);

describe.skipIf(btcDailyBars === null)(
  `VWAP reference values on BTC daily bars ${btcDailyBars ? '' : BTC_MISSING_MESSAGE}`,
  () => {
    it("matches the peers' cumulative VWAP with anchor 'none' to 1e-9 relative", () => {
      const bars = btcDailyBars ?? [];
      const ours = Array.from(computeVWAP(toBarColumns(bars), 'none'));
      const ts = new TsVWAP();
      const ti = TiVWAP.calculate({
        high: bars.map((x) => x.high),
        low: bars.map((x) => x.low),
        close: bars.map((x) => x.close),
        volume: bars.map((x) => x.volume),
      });
      expect(
        maxRelativeError(
          ours,
          bars.map((x) => ts.add(x)!),
        ),
      ).toBeLessThanOrEqual(1e-9);
      expect(maxRelativeError(ours, ti)).toBeLessThanOrEqual(1e-9);
    });
  },
);
