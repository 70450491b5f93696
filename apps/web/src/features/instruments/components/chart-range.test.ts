import { describe, expect, it } from 'vitest';
import { rangeStart } from './chart-range';

describe('rangeStart', () => {
  it('counts back whole calendar months from the last bar', () => {
    expect(rangeStart('3M', '2024-06-15T00:00:00.000Z')).toBe('2024-03-15T00:00:00.000Z');
    expect(rangeStart('5Y', '2024-06-15T00:00:00.000Z')).toBe('2019-06-15T00:00:00.000Z');
  });

  it('leaves the start open for All', () => {
    expect(rangeStart('All', '2024-06-15T00:00:00.000Z')).toBeUndefined();
  });
});
