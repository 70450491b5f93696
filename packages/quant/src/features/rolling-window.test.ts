import { describe, expect, it } from 'vitest';
import { RollingWindow } from './rolling-window';

/** The definitions on the last values, oldest first, as numpy sums a window this small. */
function direct(values: readonly number[]) {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, sd: values.length < 2 ? Number.NaN : Math.sqrt(ss / (values.length - 1)) };
}

describe('RollingWindow', () => {
  it('gives bit for bit the oldest-first mean and sample sd at every position of the ring', () => {
    for (const capacity of [1, 2, 5, 20]) {
      const window = new RollingWindow(capacity);
      const pushed: number[] = [];
      for (let i = 0; i < 3 * capacity + 2; i++) {
        const value = Math.sin(i * 1.3) * 1e-3 + (i % 3) * 1e-4;
        window.push(value);
        pushed.push(value);
        const want = direct(pushed.slice(-capacity));
        expect(window.mean(), `capacity ${capacity}, push ${i}`).toBe(want.mean);
        expect(window.sampleSd(), `capacity ${capacity}, push ${i}`).toBe(want.sd);
        window.replaceLast(value * 2);
        pushed[pushed.length - 1] = value * 2;
        expect(window.mean(), `capacity ${capacity}, replaced ${i}`).toBe(direct(pushed.slice(-capacity)).mean);
      }
    }
  });
});
