import { describe, expect, it } from 'vitest';
import { sparklinePoints, sparklineTrend } from './sparkline-path';

describe('sparklinePoints', () => {
  it('spreads the closes across the width and puts the highest at the top', () => {
    expect(sparklinePoints([1, 3, 2], 100, 20, 0)).toBe('0,20 50,0 100,10');
  });

  it('keeps the padding free and draws a flat series across the middle', () => {
    expect(sparklinePoints([5, 10], 10, 12, 1)).toBe('0,11 10,1');
    expect(sparklinePoints([4, 4, 4], 10, 12)).toBe('0,6 5,6 10,6');
  });

  it('draws nothing for fewer than two closes', () => {
    expect(sparklinePoints([7], 10, 10)).toBe('');
    expect(sparklinePoints([], 10, 10)).toBe('');
  });
});

describe('sparklineTrend', () => {
  it('compares the last close with the first', () => {
    expect(sparklineTrend([1, 5, 2])).toBe('up');
    expect(sparklineTrend([3, 5, 2])).toBe('down');
    expect(sparklineTrend([3])).toBe('flat');
  });
});
