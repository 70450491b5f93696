import { describe, expect, it } from 'vitest';
import { log10Big, median, meanSd, ratio, robustScale, withinTolerance } from './amount-math';

describe('amount maths on bigint base units', () => {
  it('takes log10 of amounts far past 2^53 without losing the magnitude', () => {
    expect(log10Big(1000n)).toBe(3);
    expect(log10Big(10n ** 30n)).toBeCloseTo(30, 12);
    // 881358964660000000000000000 (a SHIB transfer in the shared file): 8.8136 x 10^26.
    expect(log10Big(881358964660000000000000000n)).toBeCloseTo(26 + Math.log10(8.8135896466), 10);
    expect(log10Big(0n)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('computes shares of huge amounts and 0 for a zero denominator', () => {
    expect(ratio(25n * 10n ** 24n, 100n * 10n ** 24n)).toBe(0.25);
    expect(ratio(1n, 0n)).toBe(0);
  });

  it('compares amounts with a relative tolerance of the larger one', () => {
    expect(withinTolerance(100n, 90n, 0.1), '10 off 100 is 10%').toBe(true);
    expect(withinTolerance(100n, 89n, 0.1)).toBe(false);
    expect(withinTolerance(0n, 0n, 0.1), 'zero amounts never match').toBe(false);
  });
});

describe('robust statistics', () => {
  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('scales the MAD by 1.4826', () => {
    // median 3; deviations 2, 1, 0, 1, 7 -> MAD 1.
    expect(robustScale([1, 2, 3, 4, 10])).toEqual({ center: 3, scale: 1.4826 });
  });

  it('falls back to 1.2533 x mean absolute deviation when most values are equal', () => {
    // median 5, MAD 0; mean |x - 5| = (0 + 0 + 0 + 4) / 4 = 1.
    expect(robustScale([5, 5, 5, 9])).toEqual({ center: 5, scale: 1.2533 });
    expect(robustScale([7, 7, 7]).scale, 'all equal: no spread').toBe(0);
  });

  it('computes a sample SD with divisor n - 1', () => {
    expect(meanSd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, sd: Math.sqrt(32 / 7) });
    expect(meanSd([3])).toEqual({ mean: 3, sd: 0 });
  });
});
