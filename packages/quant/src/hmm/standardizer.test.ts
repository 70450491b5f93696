import { describe, expect, it } from 'vitest';
import { HMMInputError } from './hmm-errors';
import { ConstantFeatureError, fitStandardizer, standardize, standardizeRow } from './standardizer';

const matrix = (rows: number[][]) => ({
  data: Float64Array.from(rows.flat()),
  rows: rows.length,
  cols: rows[0]!.length,
});

describe('standardizer', () => {
  const X = matrix([
    [1, 10],
    [2, 20],
    [3, 60],
  ]);

  it('fits the column mean and population sd', () => {
    const std = fitStandardizer(X);
    expect(Array.from(std.mean)).toEqual([2, 30]);
    expect(std.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(std.scale[1]).toBeCloseTo(Math.sqrt((400 + 100 + 900) / 3), 12);
  });

  it('gives columns of mean 0 and sd 1, and the row function the same bits as the matrix one', () => {
    const std = fitStandardizer(X);
    const Z = standardize(std, X);
    for (let d = 0; d < 2; d++) {
      const col = [0, 1, 2].map((t) => Z.data[t * 2 + d]!);
      expect(col.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 14);
      expect(col.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 14);
    }
    const out = new Float64Array(2);
    for (let t = 0; t < 3; t++) {
      standardizeRow(std, X.data.subarray(t * 2, t * 2 + 2), out);
      expect(Array.from(out)).toEqual(Array.from(Z.data.subarray(t * 2, t * 2 + 2)));
    }
  });

  it('names a constant feature instead of dividing by zero', () => {
    const constant = matrix([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    expect(() => fitStandardizer(constant, ['logret', 'range'])).toThrow(ConstantFeatureError);
    expect(() => fitStandardizer(constant, ['logret', 'range'])).toThrow(
      'feature "range" (column 1) is constant (5) on the training window; drop it',
    );
  });

  it('rejects NaN in the training window with its cell and a width mismatch when applied', () => {
    expect(() => fitStandardizer(matrix([[1], [Number.NaN], [2]]))).toThrow(HMMInputError);
    expect(() => fitStandardizer(matrix([[1], [Number.NaN], [2]]))).toThrow('observation row 1, column 0: NaN');
    expect(() => standardize(fitStandardizer(X), matrix([[1, 2, 3]]))).toThrow(/fitted on 2 columns, applied to 3/);
  });
});
