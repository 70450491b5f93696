import { describe, expect, it } from 'vitest';
import { createSeededRandom, xoshiro128ss } from './seeded-random';

const draw = (seed: number, n: number) => {
  const rng = createSeededRandom(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createSeededRandom', () => {
  it('repeats the same stream for the same seed and differs for another seed', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
    expect(draw(42, 100)).not.toEqual(draw(43, 100));
  });

  it('matches the xoshiro128** reference implementation from state {1, 2, 3, 4}', () => {
    // Values from running the reference C code (prng.di.unimi.it/xoshiro128starstar.c) by hand on this state.
    const gen = xoshiro128ss(1, 2, 3, 4);
    expect([gen(), gen(), gen()]).toEqual([11520, 0, 5927040]);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const xs = draw(7, 200_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it('draws standard normals with mean 0, variance 1 and about 95% inside 1.96', () => {
    const rng = createSeededRandom(11);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) < 1.96) inside++;
    }
    expect(sum / n).toBeCloseTo(0, 2);
    expect(sumSq / n).toBeCloseTo(1, 1);
    expect(inside / n).toBeCloseTo(0.95, 2);
  });

  it.each([0.05, 2.5, 80])('draws Poisson counts whose mean and variance equal lambda = %s', (lambda) => {
    const rng = createSeededRandom(3);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let invalid = 0;
    for (let i = 0; i < n; i++) {
      const k = rng.poisson(lambda);
      if (!Number.isInteger(k) || k < 0) invalid++;
      sum += k;
      sumSq += k * k;
    }
    const mean = sum / n;
    expect(invalid, 'every draw is a non-negative integer').toBe(0);
    expect(Math.abs(mean - lambda) / lambda).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - mean * mean - lambda) / lambda).toBeLessThan(0.05);
  });

  it('rejects a negative Poisson intensity and a non-finite seed', () => {
    expect(() => createSeededRandom(1).poisson(-1)).toThrow(/lambda/);
    expect(() => createSeededRandom(Number.NaN)).toThrow(/seed/);
  });
});
