import { describe, expect, it } from 'vitest';
import { downsampleIndices } from './equity-downsample';

describe('downsampleIndices', () => {
  it('keeps every index of a curve that fits', () => {
    expect(downsampleIndices([1, 2, 3], 5)).toEqual([0, 1, 2]);
  });

  it('stays within the budget and keeps each bucket minimum and maximum, so a one-bar spike survives', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => 1 + Math.sin(i / 500) * 0.1);
    values[54_321] = 5; // a spike no every-n-th sampling would hit
    values[12_345] = -1;
    const kept = downsampleIndices(values, 2000, [0, values.length - 1]);
    expect(kept.length).toBeLessThanOrEqual(2000);
    expect(kept.length, 'the budget is used, not wasted').toBeGreaterThan(1900);
    expect(kept).toContain(54_321);
    expect(kept).toContain(12_345);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(values.length - 1);
    expect(
      [...kept].sort((a, b) => a - b),
      'ascending, no repeats',
    ).toEqual([...new Set(kept)]);
  });

  it('always keeps the pinned indices (drawdown peak and trough) and ignores ones out of range', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    const kept = downsampleIndices(values, 100, [0, 9_999, 4_321, 777, -1, 10_000]);
    expect(kept).toEqual(expect.arrayContaining([0, 9_999, 4_321, 777]));
    expect(kept).not.toContain(-1);
    expect(kept.length).toBeLessThanOrEqual(100);
  });
});
