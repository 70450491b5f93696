import { describe, expect, it } from 'vitest';
import { testStreamingFeatureContract } from './streaming-feature-contract';
import { VolumeZScore } from './volume-z-score';

testStreamingFeatureContract('VolumeZScore(20)', () => new VolumeZScore(20));

const bar = (volume: number) => ({ ts: 0, open: 1, high: 1, low: 1, close: 1, volume });

describe('VolumeZScore', () => {
  it('scores volume against the N bars before it (sample sd), never including the bar itself', () => {
    const z = new VolumeZScore(4);
    [10, 20, 30, 40].forEach((v) => expect(z.add(bar(v))).toBeNull());
    // baseline 10,20,30,40: mean 25, sample sd sqrt(500/3)
    expect(z.add(bar(100))).toBeCloseTo(75 / Math.sqrt(500 / 3), 14);
    // baseline now 20,30,40,100
    const mean = 47.5;
    const sd = Math.sqrt(((20 - mean) ** 2 + (30 - mean) ** 2 + (40 - mean) ** 2 + (100 - mean) ** 2) / 3);
    expect(z.add(bar(50))).toBeCloseTo((50 - mean) / sd, 14);
  });

  it('gives 0 (not NaN) when the baseline volumes are all equal', () => {
    const z = new VolumeZScore(3);
    [5, 5, 5].forEach((v) => z.add(bar(v)));
    expect(z.add(bar(9))).toBe(0);
  });
});
