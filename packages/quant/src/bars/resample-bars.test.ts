import { describe, expect, it } from 'vitest';
import { BTC_MINUTE_MISSING_MESSAGE, btcMinuteBars } from '../indicators/btc-minute-fixture';
import { parseIsoDate, utcCivil } from '../forecast/utc-calendar';
import { BarResampler } from './bar-resampler';
import type { OhlcvBar } from './ohlcv-bar';
import { resampleBars } from './resample-bars';
import { ResampleInputError, ResampleTimeframeError } from './resample.error';

const T0 = parseIsoDate('2023-03-10');
const MIN = 60_000;
const bar = (minute: number, o: number, h: number, l: number, c: number, v: number): OhlcvBar => ({
  ts: T0 + minute * MIN,
  open: o,
  high: h,
  low: l,
  close: c,
  volume: v,
});
const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

// Minutes 0-4 fill the first 5m bucket, 5-6 start the second.
const minutes = [
  bar(0, 10, 12, 9, 11, 1),
  bar(1, 11, 15, 10, 14, 2),
  bar(2, 14, 14, 8, 9, 3),
  bar(3, 9, 10, 9, 10, 0),
  bar(4, 10, 11, 10, 10.5, 4),
  bar(5, 10.5, 13, 10, 12, 5),
  bar(6, 12, 12, 11, 11.5, 6),
];

describe('resampleBars', () => {
  it('takes the first open, highest high, lowest low, last close and summed volume of each bucket', () => {
    const { bars, lastBarPartial } = resampleBars(minutes, '5m', { source: '1m' });
    expect(bars).toEqual([
      { ts: T0, open: 10, high: 15, low: 8, close: 10.5, volume: 10 },
      { ts: T0 + 5 * MIN, open: 10.5, high: 13, low: 10, close: 11.5, volume: 11 },
    ]);
    expect(lastBarPartial, 'the data ends at 00:07, the second bucket at 00:10').toBe(true);
  });

  it('keys buckets by UTC open time and leaves empty buckets out (sparse input)', () => {
    const sparse = [bar(59, 1, 2, 1, 2, 1), bar(61, 2, 3, 2, 3, 1), bar(185, 3, 4, 3, 4, 1)];
    const { bars } = resampleBars(sparse, '1h', { source: '1m' });
    expect(
      bars.map((b) => (b.ts - T0) / 3_600_000),
      'hours 0, 1 and 3; hour 2 had no bar',
    ).toEqual([0, 1, 3]);
  });

  it('flags the last bucket as complete when its final slot is present, or when asOf says the data is complete', () => {
    expect(resampleBars(minutes.slice(0, 5), '5m', { source: '1m' }).lastBarPartial).toBe(false);
    expect(resampleBars(minutes, '5m', { source: '1m', asOf: T0 + 10 * MIN }).lastBarPartial).toBe(false);
    expect(resampleBars(minutes, '5m', { source: '1m', asOf: T0 + 9 * MIN }).lastBarPartial).toBe(true);
    expect(resampleBars([], '5m', { source: '1m' })).toEqual({ bars: [], lastBarPartial: false });
  });

  it('passes bars through unchanged when source and target are the same timeframe', () => {
    expect(resampleBars(minutes, '1m', { source: '1m' })).toEqual({ bars: minutes, lastBarPartial: false });
  });

  it('builds Monday-aligned weeks from daily bars', () => {
    const day = (iso: string, close: number): OhlcvBar => ({
      ts: parseIsoDate(iso),
      open: close,
      high: close,
      low: close,
      close,
      volume: 1,
    });
    const days = [day('2023-03-04', 1), day('2023-03-05', 2), day('2023-03-06', 3)];
    const { bars, lastBarPartial } = resampleBars(days, '1w', { source: '1d' });
    expect(bars.map((b) => [b.ts, b.open, b.close, b.volume])).toEqual([
      [parseIsoDate('2023-02-27'), 1, 2, 2],
      [parseIsoDate('2023-03-06'), 3, 3, 1],
    ]);
    expect(lastBarPartial).toBe(true);
  });

  it('rejects unsorted, duplicate and off-grid input naming the index', () => {
    const unsorted = thrown(() => resampleBars([minutes[1]!, minutes[0]!], '5m', { source: '1m' }));
    expect(unsorted).toBeInstanceOf(ResampleInputError);
    expect(unsorted).toMatchObject({ index: 1, reason: 'unsorted' });
    expect((unsorted as Error).message).toMatch(/bar 1 .*sorted ascending/);
    const duplicate = thrown(() => resampleBars([minutes[0]!, minutes[1]!, minutes[1]!], '5m', { source: '1m' }));
    expect(duplicate).toMatchObject({ index: 2, reason: 'duplicate' });
    const offGrid = thrown(() => resampleBars([{ ...minutes[0]!, ts: T0 + 30_000 }], '5m', { source: '1m' }));
    expect(offGrid).toMatchObject({ index: 0, reason: 'misaligned' });
  });

  it('refuses a target finer than the source', () => {
    const error = thrown(() => resampleBars(minutes, '1m', { source: '5m' }));
    expect(error).toBeInstanceOf(ResampleTimeframeError);
    expect((error as Error).message).toContain('cannot turn 5m bars into 1m bars');
  });
});

describe('BarResampler (streaming)', () => {
  it('emits a bucket when a bar of the next bucket arrives and exposes the forming one', () => {
    const resampler = new BarResampler('1m', '5m');
    const emitted = minutes.map((m) => resampler.add(m));
    expect(emitted.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(emitted[5]).toEqual({ ts: T0, open: 10, high: 15, low: 8, close: 10.5, volume: 10 });
    expect(resampler.forming).toEqual({ ts: T0 + 5 * MIN, open: 10.5, high: 13, low: 10, close: 11.5, volume: 11 });
    expect(resampler.formingComplete).toBe(false);
    expect(resampler.flush()).toEqual(resampleBars(minutes, '5m', { source: '1m' }).bars[1]);
    expect(resampler.forming).toBeNull();
  });

  it('knows when the forming bucket has its final slot, so a caller need not wait for the next bar', () => {
    const resampler = new BarResampler('1m', '5m');
    for (const m of minutes.slice(0, 4)) resampler.add(m);
    expect(resampler.formingComplete).toBe(false);
    resampler.add(minutes[4]!);
    expect(resampler.formingComplete).toBe(true);
  });

  it('replaces a still-forming source bar without double counting it', () => {
    const resampler = new BarResampler('1m', '5m');
    resampler.add(minutes[0]!);
    resampler.add({ ...minutes[1]!, high: 11, close: 11, volume: 1 });
    resampler.replace(minutes[1]!);
    expect(resampler.forming).toEqual({ ts: T0, open: 10, high: 15, low: 9, close: 14, volume: 3 });
    expect(() => resampler.replace(minutes[0]!)).toThrow(ResampleInputError);
  });

  it('still checks order across a flush', () => {
    const resampler = new BarResampler('1m', '5m');
    resampler.add(minutes[3]!);
    resampler.flush();
    expect(thrown(() => resampler.add(minutes[2]!))).toMatchObject({ index: 1, reason: 'unsorted' });
  });
});

describe.skipIf(btcMinuteBars === null)(
  `resampleBars on real BTC/USDT minute bars ${btcMinuteBars ? '' : BTC_MINUTE_MISSING_MESSAGE}`,
  () => {
    // An independent plain loop: group by the civil (date, hour), the way a spreadsheet pivot would.
    function hourlyByCivilHour(bars: readonly OhlcvBar[]) {
      const groups = new Map<string, OhlcvBar[]>();
      for (const b of bars) {
        const { year, month, day } = utcCivil(b.ts);
        const hour = Math.floor((b.ts % 86_400_000) / 3_600_000);
        const key = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} ${hour}`;
        groups.set(key, [...(groups.get(key) ?? []), b]);
      }
      return [...groups.entries()].map(([key, group]) => ({
        ts: parseIsoDate(key.slice(0, 10)) + Number(key.slice(11)) * 3_600_000,
        open: group[0]!.open,
        high: Math.max(...group.map((b) => b.high)),
        low: Math.min(...group.map((b) => b.low)),
        close: group.at(-1)!.close,
        volume: group.reduce((s, b) => s + b.volume, 0),
      }));
    }

    it('matches a plain group-by over 21 days of minutes, and the streaming form matches the batch one', () => {
      const bars = btcMinuteBars ?? [];
      const { bars: hourly, lastBarPartial } = resampleBars(bars, '1h', { source: '1m' });
      expect(hourly).toHaveLength(21 * 24);
      expect(lastBarPartial, 'the file ends at 23:59, the end of its last hour').toBe(false);
      const expected = hourlyByCivilHour(bars);
      hourly.forEach((h, i) => {
        const e = expected[i]!;
        expect([h.ts, h.open, h.high, h.low, h.close]).toEqual([e.ts, e.open, e.high, e.low, e.close]);
        expect(h.volume).toBeCloseTo(e.volume, 9);
      });
      const resampler = new BarResampler('1m', '1h');
      const streamed = bars.map((b) => resampler.add(b)).filter((b): b is OhlcvBar => b !== null);
      streamed.push(resampler.flush()!);
      expect(streamed).toEqual(hourly);
    });
  },
);
