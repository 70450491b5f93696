import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, type Objective } from './lbfgs';

describe('minimizeLbfgs', () => {
  it('finds the minimum of a badly scaled quadratic', () => {
    // f = sum_i c_i (x_i - i)^2 with c from 1 to 1000: minimum 0 at x = (0, 1, 2, ...).
    const c = [1, 10, 100, 1000];
    const f: Objective = (x, g) => {
      let v = 0;
      for (let i = 0; i < x.length; i++) {
        v += c[i]! * (x[i]! - i) ** 2;
        g[i] = 2 * c[i]! * (x[i]! - i);
      }
      return v;
    };
    const result = minimizeLbfgs(f, new Float64Array(4), { gradientTolerance: 1e-9 });
    expect(result.converged).toBe(true);
    Array.from(result.x).forEach((v, i) => expect(v).toBeCloseTo(i, 8));
  });

  it('solves the Rosenbrock function from (-1.2, 1), the textbook start', () => {
    const f: Objective = ([a, b], g) => {
      g[0] = -2 * (1 - a!) - 400 * a! * (b! - a! * a!);
      g[1] = 200 * (b! - a! * a!);
      return (1 - a!) ** 2 + 100 * (b! - a! * a!) ** 2;
    };
    const result = minimizeLbfgs(f, Float64Array.from([-1.2, 1]), { gradientTolerance: 1e-8 });
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('returns the same iterates bit for bit on a second run', () => {
    const f: Objective = (x, g) => {
      g[0] = 4 * x[0]! ** 3 - 3;
      return x[0]! ** 4 - 3 * x[0]!;
    };
    const a = minimizeLbfgs(f, Float64Array.from([3]));
    const b = minimizeLbfgs(f, Float64Array.from([3]));
    expect(a).toEqual(b);
    expect(a.x[0]).toBeCloseTo(Math.cbrt(3 / 4), 6);
  });
});
