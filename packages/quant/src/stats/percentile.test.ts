import { describe, expect, it } from 'vitest';
import { nearestRankPercentile } from './percentile';

describe('nearestRankPercentile', () => {
  it('picks observed values by nearest rank (hand-checked)', () => {
    const sample = [15, 20, 35, 40, 50];
    expect(nearestRankPercentile(sample, 5)).toBe(15);
    expect(nearestRankPercentile(sample, 30)).toBe(20);
    expect(nearestRankPercentile(sample, 40)).toBe(20);
    expect(nearestRankPercentile(sample, 50)).toBe(35);
    expect(nearestRankPercentile(sample, 100)).toBe(50);
    expect(nearestRankPercentile(sample, 0)).toBe(15);
  });

  it('sorts numerically, not as text, and leaves the input alone', () => {
    const sample = [100, 9, 20];
    expect(nearestRankPercentile(sample, 50)).toBe(20);
    expect(sample).toEqual([100, 9, 20]);
  });

  it('gives NaN for no data and refuses a percentile outside 0..100', () => {
    expect(nearestRankPercentile([], 50)).toBeNaN();
    expect(() => nearestRankPercentile([1], 101)).toThrow(/within 0\.\.100/);
  });
});
