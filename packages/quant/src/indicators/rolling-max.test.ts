import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { RollingMax } from './rolling-max';

describe('RollingMax', () => {
  it('equals the brute-force maximum under random pushes and repeated replaces', () => {
    const rng = createSeededRandom(21);
    for (const period of [1, 2, 3, 7, 20]) {
      const m = new RollingMax(period);
      const values: number[] = [];
      for (let step = 0; step < 5000; step++) {
        // Few distinct values, so ties and long monotonic runs occur.
        const v = rng.int(12);
        if (values.length > 0 && rng.next() < 0.4) {
          values[values.length - 1] = v;
          m.replaceLast(v);
        } else {
          values.push(v);
          m.push(v);
        }
        expect(m.max, `period ${period}, step ${step}`).toBe(Math.max(...values.slice(-period)));
      }
    }
  });

  it('brings back the values a larger replaced value had dropped', () => {
    const m = new RollingMax(4);
    [5, 4, 3].forEach((v) => m.push(v));
    m.push(9); // drops 5, 4, 3
    expect(m.max).toBe(9);
    m.replaceLast(1); // 5, 4, 3 are back
    expect(m.max).toBe(5);
    m.push(0); // 5 leaves the window
    expect(m.max).toBe(4);
  });
});
