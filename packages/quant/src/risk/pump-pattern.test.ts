import { describe, expect, it } from 'vitest';
import type { OhlcvBar } from '../bars/ohlcv-bar';
import { detectPumpPatterns, detectSpikeReversals, volumeZScores } from './pump-pattern';
import { DEFAULT_RISK_PARAMS } from './risk-params';

const MIN = 60_000;
/** One-minute windows small enough to check by hand: rise within 3 bars, fall within 5, volume baseline 10. */
const params = {
  ...DEFAULT_RISK_PARAMS.pump,
  riseWindowMs: 3 * MIN,
  fallWindowMs: 5 * MIN,
  volumeBaselineMs: 10 * MIN,
};
const bars = (closes: number[], volumes: number[]): OhlcvBar[] =>
  closes.map((c, i) => ({ ts: i * MIN, open: c, high: c, low: c, close: c, volume: volumes[i] ?? 100 }));

const CLOSES = [...Array<number>(12).fill(10), 11, 13, 12, 11, 10.5, 10.5, 10.5, 10.5, 10.5];
const QUIET = Array.from({ length: 21 }, (_, i) => (i % 2 === 0 ? 100 : 110));
const LOUD = QUIET.map((v, i) => (i === 12 || i === 13 ? 1000 : v));

describe('volumeZScores', () => {
  it('scores ln(1 + volume) against the bars before it, with the SD floored', () => {
    const z = volumeZScores(bars([1, 1, 1, 1], [100, 100, 100, 1000]), 3, 0.1);
    expect(Number.isNaN(z[0]!) && Number.isNaN(z[1]!), 'half the baseline first').toBe(true);
    expect(z[2]).toBe(0);
    expect(z[3]).toBeCloseTo((Math.log(1001) - Math.log(101)) / 0.1, 12);
  });
});

describe('detectSpikeReversals and detectPumpPatterns', () => {
  it('finds +30% in 3 bars on abnormal volume, given back by 83% within 5 bars (computed by hand)', () => {
    // Low: bar 10 (close 10); peak bar 13 (13): rise 0.3. Target 13 - 0.5 x 3 = 11.5, first reached at bar 15;
    // lowest close in the fall window 10.5: retrace (13 - 10.5) / 3. Volume z of bar 12 against bars 2-11
    // (ln 101 and ln 111 alternating, SD 0.0498 floored at 0.1).
    const pumps = detectPumpPatterns(bars(CLOSES, LOUD), params);
    const mean = (Math.log(101) + Math.log(111)) / 2;
    expect(pumps).toHaveLength(1);
    expect(pumps[0]!.startTs).toBe(10 * MIN);
    expect(pumps[0]!.peakTs).toBe(13 * MIN);
    expect(pumps[0]!.endTs).toBe(15 * MIN);
    expect(pumps[0]!.rise).toBeCloseTo(0.3, 12);
    expect(pumps[0]!.retrace).toBeCloseTo(2.5 / 3, 12);
    expect(pumps[0]!.volumeTs).toBe(12 * MIN);
    expect(pumps[0]!.maxVolumeZ).toBeCloseTo((Math.log(1001) - mean) / 0.1, 10);
  });

  it('keeps a spike on ordinary volume as a spike-reversal but not as a pump', () => {
    expect(detectSpikeReversals(bars(CLOSES, QUIET), params)).toHaveLength(1);
    expect(detectPumpPatterns(bars(CLOSES, QUIET), params)).toEqual([]);
  });

  it('ignores a rally that holds and a rise below minRise', () => {
    const holds = [...Array<number>(12).fill(10), 11, 13, 13, 12.8, 13, 13, 13, 13, 13];
    expect(detectPumpPatterns(bars(holds, LOUD), params)).toEqual([]);
    const small = CLOSES.map((c) => 10 + (c - 10) / 2); // +15%
    expect(detectPumpPatterns(bars(small, LOUD), params)).toEqual([]);
    expect(detectPumpPatterns([], params)).toEqual([]);
  });
});
