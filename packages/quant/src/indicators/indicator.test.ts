import { describe, expect, it } from 'vitest';
import { allFinite, assertFiniteValues } from './indicator';
import { IndicatorInputError } from './indicator.error';

describe('the batch forms input check', () => {
  it('names the first value that is not finite, wherever it is (the tail after the blocks of four included)', () => {
    for (const length of [1, 4, 5, 1003])
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
        for (const at of [0, Math.floor(length / 2), length - 1]) {
          const values = Float64Array.from({ length }, (_, i) => 100 + i);
          values[at] = bad;
          if (at + 1 < length) values[length - 1] = Number.NaN;
          expect(allFinite(values), `${bad} at ${at} of ${length}`).toBe(false);
          expect(() => assertFiniteValues('X', values)).toThrow(IndicatorInputError);
          expect(() => assertFiniteValues('X', values)).toThrow(new RegExp(`value ${at} must be a finite number`));
        }
  });

  it('passes finite values, huge and tiny ones included', () => {
    const values = Float64Array.from([0, -0, 1e308, -1e308, 5e-324, 42]);
    expect(allFinite(values)).toBe(true);
    expect(allFinite(new Float64Array(0))).toBe(true);
    expect(() => assertFiniteValues('X', values)).not.toThrow();
  });
});
