import { describe, expect, it } from 'vitest';
import { downsampleIndexes } from './downsample-series';

describe('downsampleIndexes', () => {
  it('keeps every row when they fit', () => {
    expect(downsampleIndexes(5, 10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes every n-th row, keeps the first and the last, and never exceeds maxPoints', () => {
    for (const total of [11, 99, 100, 101, 1481, 15_000]) {
      for (const max of [10, 37, 100, 2000]) {
        const rows = downsampleIndexes(total, max);
        expect(rows.length, `${total} rows into ${max}`).toBeLessThanOrEqual(Math.min(total, max));
        expect(rows[0]).toBe(0);
        expect(rows.at(-1), 'the latest row is always kept').toBe(total - 1);
        const steps = new Set(rows.slice(1, -1).map((r, i) => r - rows[i]!));
        expect(steps.size, 'one step between kept rows').toBeLessThanOrEqual(1);
      }
    }
  });
});
