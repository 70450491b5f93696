import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { checkBarReturns, overlappingBookReturns } from './overlapping-book';

describe('overlapping book of h-bar positions', () => {
  it('is position x bar return at horizon 1', () => {
    expect(Array.from(overlappingBookReturns([1, -1, 0], [0.02, 0.01, -0.03], 1))).toEqual([0.02, -0.01, -0]);
  });

  it('earns every forecast its own h-bar return once: total = sum of position x target / h', () => {
    const rng = createSeededRandom(11);
    const h = 7;
    const n = 300;
    const bars = Float64Array.from({ length: n + h - 1 }, () => 0.01 * rng.normal());
    const positions = Float64Array.from({ length: n }, () => rng.int(3) - 1);
    let expected = 0;
    for (let i = 0; i < n; i++) expected += (positions[i]! * bars.subarray(i, i + h).reduce((a, b) => a + b, 0)) / h;
    const book = overlappingBookReturns(positions, bars, h);
    expect(book.length).toBe(n + h - 1);
    expect(book.reduce((a, b) => a + b, 0)).toBeCloseTo(expected, 12);
  });

  it('is fully invested only once h positions are open: all long ramps 1/h .. 1 .. 1/h', () => {
    const book = overlappingBookReturns([1, 1, 1, 1], [1, 1, 1, 1, 1, 1], 3);
    expect(Array.from(book, (v) => v * 3)).toEqual([1, 2, 3, 3, 2, 1]);
  });

  it('rejects bar returns that do not span the rows, or do not add up to the targets', () => {
    expect(() => overlappingBookReturns([1, 1], [0.1, 0.2], 2)).toThrow(
      'barReturns: has 2 values; 2 rows one bar apart at horizon 2 span 3 bars',
    );
    expect(() => checkBarReturns([0.3, 0.5], [0.1, 0.2, 0.3], 2)).not.toThrow();
    expect(() => checkBarReturns([0.3, 0.6], [0.1, 0.2, 0.3], 2)).toThrow(
      /^barReturns: add up to 0.5 .* y\[1\] is 0.6/,
    );
    expect(() => checkBarReturns([0.3, 0.5], [0.1, 0.2, Number.NaN], 2)).toThrow(/^barReturns: add up to NaN/);
  });
});
