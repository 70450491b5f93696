import { describe, expect, it } from 'vitest';
import { contractPrices } from './indicator-contract';
import { RollingSum } from './rolling-sum';

describe('RollingSum', () => {
  it('does not drift over 1M values: within 1e-9 of a direct sum of the window', () => {
    const values = contractPrices(1_000_000, 5);
    const n = 26;
    const s = new RollingSum(n);
    let worst = 0;
    for (let i = 0; i < values.length; i++) {
      s.push(values[i]!);
      if (i < n - 1 || i % 3 !== 0) continue;
      let direct = 0;
      for (let j = i - n + 1; j <= i; j++) direct += values[j]!;
      worst = Math.max(worst, Math.abs(s.sum - direct) / direct);
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it('replaceLast gives bit-for-bit what pushing that value would have, also on a recompute step', () => {
    const values = contractPrices(60, 2);
    for (const cut of [1, 2, 3, 4, 5, 6, 7, 31]) {
      const a = new RollingSum(3);
      const b = new RollingSum(3);
      values.slice(0, cut).forEach((v) => a.push(v));
      values.slice(0, cut - 1).forEach((v) => b.push(v));
      a.replaceLast(0.1);
      a.replaceLast(values[cut]!);
      b.push(values[cut]!);
      expect(a.sum).toBe(b.sum);
    }
  });
});
