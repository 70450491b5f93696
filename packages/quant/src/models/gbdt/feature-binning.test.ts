import { describe, expect, it } from 'vitest';
import { binMatrix, binOf, featureEdges, fitBinEdges } from './feature-binning';
import { matrixOf, uniformMatrix } from './gbdt-test-data';

describe('featureEdges', () => {
  it('gives each distinct value its own bin when there are few, with edges at the midpoints', () => {
    const edges = featureEdges(Float64Array.of(3, 1, 2, 2, 1, 3, 3), 255);
    expect(Array.from(edges)).toEqual([1.5, 2.5]);
  });

  it('gives a constant feature a single bin (no edges), so it can never be split on', () => {
    expect(featureEdges(Float64Array.of(7, 7, 7), 255).length).toBe(0);
  });

  it('caps the bins at maxBins and fills them roughly equally on continuous data', () => {
    const X = uniformMatrix(10_000, 1, 1);
    const edges = featureEdges(X.data, 255);
    expect(edges.length).toBe(254);
    const counts = new Array<number>(255).fill(0);
    for (const v of X.data) counts[binOf(edges, v)]! += 1;
    // 10000 / 255 ≈ 39 rows per bin; quantile bins stay close to that.
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(35);
    expect(Math.max(...counts)).toBeLessThanOrEqual(45);
  });

  it('keeps a heavily tied value in one bin of its own instead of splitting the tie across bins', () => {
    // Half the rows are exactly 0 (e.g. a zero return on a holiday), the rest spread over (0, 1].
    const values = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? 0 : (i - 499) / 500));
    const edges = featureEdges(values, 16);
    expect(edges.length).toBeLessThanOrEqual(15);
    expect(binOf(edges, 0)).toBe(0);
    expect(edges[0], 'the first edge separates the tie from the next value').toBeGreaterThan(0);
    expect(edges[0]).toBeLessThan(1 / 500);
    for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]!);
  });

  it('does not overflow on extreme values', () => {
    const edges = featureEdges(Float64Array.of(-1.7e308, 1.7e308), 255);
    expect(edges.length).toBe(1);
    expect(Number.isFinite(edges[0])).toBe(true);
  });
});

describe('binning rows', () => {
  it('puts values beyond the training range into the first and last bins', () => {
    const edges = fitBinEdges(matrixOf([[1], [2], [3]]), 255);
    const bins = binMatrix(matrixOf([[-1e9], [-Infinity], [1], [2.4], [3], [1e9], [Infinity]]), edges);
    expect(Array.from(bins)).toEqual([0, 0, 0, 1, 2, 2, 2]);
  });

  it('rejects a NaN training cell naming its row and column', () => {
    const X = matrixOf([
      [1, 2],
      [3, NaN],
    ]);
    expect(() => fitBinEdges(X, 255)).toThrow('gbdt: X[1][1] must be finite, got NaN');
  });

  it('rejects an infinite training cell, since it cannot be a quantile edge', () => {
    expect(() => fitBinEdges(matrixOf([[1], [Infinity]]), 255)).toThrow('gbdt: X[1][0] must be finite, got Infinity');
  });
});
