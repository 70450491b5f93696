import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { rollingMaxDrawdown, windowMaxDrawdown } from './window-drawdown';

describe('windowMaxDrawdown', () => {
  it('finds the deepest fall from a peak to a later trough, not the range', () => {
    // Peak 12 then 6 is -50%; the low of 5 comes before the peak and does not count.
    const close = Float64Array.from([5, 8, 12, 9, 6, 10, 11]);
    expect(windowMaxDrawdown(close, 0, 6)).toBe(0.5);
    expect(windowMaxDrawdown(close, 4, 6), 'rising from 6: no fall').toBe(0);
    expect(windowMaxDrawdown(close, 2, 3)).toBe(0.25);
  });
});

describe('rollingMaxDrawdown', () => {
  it('equals the direct loop bit for bit for every window length and end', () => {
    const random = createSeededRandom(11);
    const close = new Float64Array(400);
    let price = 100;
    for (let i = 0; i < close.length; i++) {
      price *= Math.exp(random.normal() * 0.03);
      close[i] = price;
    }
    for (const window of [1, 2, 3, 7, 50, 252, 399, 400]) {
      const rolling = rollingMaxDrawdown(close, window);
      for (let end = 0; end < close.length; end++) {
        const expected = end < window - 1 ? Number.NaN : windowMaxDrawdown(close, end - window + 1, end);
        expect(Object.is(rolling[end], expected), `window ${window}, end ${end}`).toBe(true);
      }
    }
  });

  it('gives NaN throughout a series shorter than the window', () => {
    expect(Array.from(rollingMaxDrawdown(Float64Array.from([3, 2, 1]), 5)).every(Number.isNaN)).toBe(true);
  });
});
