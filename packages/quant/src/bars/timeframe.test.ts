import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../forecast/utc-calendar';
import { BAR_TIMEFRAMES, bucketStart, isBarTimeframe, timeframeMs } from './timeframe';

// quant has no Date: "YYYY-MM-DDThh:mm" (UTC) to epoch ms through the civil-date helpers.
const at = (iso: string) =>
  parseIsoDate(iso.slice(0, 10)) + (Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16))) * 60_000;

describe('timeframes', () => {
  it('know the length of every bar timeframe', () => {
    expect(BAR_TIMEFRAMES.map(timeframeMs)).toEqual([
      60_000, 300_000, 900_000, 1_800_000, 3_600_000, 14_400_000, 86_400_000, 604_800_000,
    ]);
    expect(isBarTimeframe('4h')).toBe(true);
    expect(isBarTimeframe('2h')).toBe(false);
  });

  it('align intraday and daily buckets to UTC multiples of their length', () => {
    expect(bucketStart(at('2023-03-10T13:47') + 59_000, '1m')).toBe(at('2023-03-10T13:47'));
    expect(bucketStart(at('2023-03-10T13:47'), '15m')).toBe(at('2023-03-10T13:45'));
    expect(bucketStart(at('2023-03-10T13:47'), '4h')).toBe(at('2023-03-10T12:00'));
    expect(bucketStart(at('2023-03-10T23:59'), '1d')).toBe(at('2023-03-10T00:00'));
  });

  it('start weeks on Monday 00:00 UTC, not on the epoch Thursday', () => {
    // 2023-03-05 is a Sunday: it belongs to the week that began Monday 2023-02-27.
    expect(bucketStart(at('2023-03-05T23:59'), '1w')).toBe(at('2023-02-27T00:00'));
    expect(bucketStart(at('2023-03-06T00:00'), '1w')).toBe(at('2023-03-06T00:00'));
    expect(bucketStart(at('1969-12-31T00:00'), '1w')).toBe(at('1969-12-29T00:00'));
  });
});
