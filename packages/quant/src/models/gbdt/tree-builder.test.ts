import { describe, expect, it } from 'vitest';
import { binMatrix, fitBinEdges } from './feature-binning';
import { resolveGbdtParams } from './gbdt-params';
import { column, matrixOf, uniformMatrix } from './gbdt-test-data';
import { LEAF, leafOf, treeDepth } from './gbdt-tree';
import { buildHistogram, histogramOffsets, HistogramPool, SLOTS, subtractHistogram } from './histogram';
import { findBestSplit } from './split-finder';
import { growTree, type TreeData } from './tree-builder';
import type { Matrix } from '../../hmm/hmm-types';

/** Binned data with l2 gradients at score `base`: grad = base - y, hess = 1. */
function l2Data(X: Matrix, y: Float64Array, base: number): TreeData & { edges: Float64Array[] } {
  const edges = fitBinEdges(X, 255);
  return {
    edges,
    bins: binMatrix(X, edges),
    cols: X.cols,
    offsets: histogramOffsets(edges),
    grad: y.map((v) => base - v),
    hess: new Float64Array(y.length).fill(1),
  };
}

const allRows = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i);
const allFeatures = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
const grow = (data: TreeData, n: number, params: Record<string, number>, subtraction = true) =>
  growTree(data, { rows: allRows(n), features: allFeatures(data.cols) }, resolveGbdtParams(params), {
    pool: new HistogramPool(SLOTS * data.offsets[data.cols]!),
    scratch: new Uint32Array(n),
    subtraction,
  });

describe('findBestSplit', () => {
  it('matches the hand-computed second-order gain of a step', () => {
    // x = 1..10, y = 0 for x <= 5 and 1 above; at base score 0.5, g = +0.5 left and -0.5 right, h = 1.
    // GL = 2.5, HL = 5, GR = -2.5, HR = 5, G = 0: gain = 0.5 * (2.5²/5 + 2.5²/5 - 0) = 1.25 with λ = 0.
    const X = matrixOf(Array.from({ length: 10 }, (_, i) => [i + 1]));
    const y = Float64Array.from({ length: 10 }, (_, i) => (i >= 5 ? 1 : 0));
    const data = l2Data(X, y, 0.5);
    const hist = new Float64Array(SLOTS * data.offsets[1]!);
    buildHistogram(hist, data.bins, 1, data.offsets, allFeatures(1), data.grad, data.hess, allRows(10), 0, 10);
    const limits = { lambda: 0, minSamplesLeaf: 1, minChildWeight: 0, minGain: 0 };
    const split = findBestSplit(hist, data.offsets, allFeatures(1), { G: 0, H: 10, count: 10 }, limits);
    expect(split).toMatchObject({ feature: 0, bin: 4, left: { G: 2.5, H: 5, count: 5 }, right: { G: -2.5, H: 5 } });
    expect(split!.gain).toBeCloseTo(1.25, 12);
    expect(data.edges[0]![split!.bin], 'the threshold sits between 5 and 6').toBe(5.5);
    // With λ = 1: 0.5 * (6.25/6 + 6.25/6) = 1.041666...
    expect(
      findBestSplit(hist, data.offsets, allFeatures(1), { G: 0, H: 10, count: 10 }, { ...limits, lambda: 1 })!.gain,
    ).toBeCloseTo(6.25 / 6, 12);
  });

  it('finds no split when minSamplesLeaf cannot be met on both sides, or when the gain is below minGain', () => {
    const X = matrixOf(Array.from({ length: 10 }, (_, i) => [i + 1]));
    const y = Float64Array.from({ length: 10 }, (_, i) => (i >= 5 ? 1 : 0));
    const data = l2Data(X, y, 0.5);
    const hist = new Float64Array(SLOTS * data.offsets[1]!);
    buildHistogram(hist, data.bins, 1, data.offsets, allFeatures(1), data.grad, data.hess, allRows(10), 0, 10);
    const node = { G: 0, H: 10, count: 10 };
    const limits = { lambda: 0, minSamplesLeaf: 6, minChildWeight: 0, minGain: 0 };
    expect(findBestSplit(hist, data.offsets, allFeatures(1), node, limits)).toBeNull();
    expect(
      findBestSplit(hist, data.offsets, allFeatures(1), node, { ...limits, minSamplesLeaf: 1, minGain: 1.25 }),
    ).toBeNull();
  });
});

describe('growTree', () => {
  it('puts the single split of a depth-1 tree at the step of a step function, with leaf values -G/(H+λ)·lr', () => {
    // 250 rows: fewer distinct values than 255 bins, so every value has its own bin and the step is exact.
    const X = uniformMatrix(250, 3, 11);
    const x0 = column(X, 0);
    const y = x0.map((v) => (v > 0.37 ? 2 : -1));
    const base = y.reduce((s, v) => s + v, 0) / y.length;
    const data = l2Data(X, y, base);
    const tree = grow(data, 250, { maxDepth: 1, minSamplesLeaf: 5, lambda: 1, learningRate: 0.5 });
    expect(tree.feature[0]).toBe(0);
    const threshold = data.edges[0]![tree.bin[0]!]!;
    const below = Math.max(...x0.filter((v) => v <= 0.37));
    const above = Math.min(...x0.filter((v) => v > 0.37));
    expect(threshold).toBeGreaterThanOrEqual(below);
    expect(threshold).toBeLessThan(above);
    const nLeft = x0.filter((v) => v <= 0.37).length;
    const nRight = 250 - nLeft;
    // Left rows all have y = -1, so G_left = nLeft * (base + 1); the leaf value is -G/(H + λ) times lr.
    expect(tree.value[tree.left[0]!]).toBeCloseTo((0.5 * -(nLeft * (base + 1))) / (nLeft + 1), 10);
    expect(tree.value[tree.right[0]!]).toBeCloseTo((0.5 * -(nRight * (base - 2))) / (nRight + 1), 10);
  });

  it('builds the same tree with histogram subtraction as with every histogram computed directly', () => {
    const X = uniformMatrix(3000, 6, 5);
    const y = Float64Array.from(
      { length: 3000 },
      (_, i) => Math.sin(6 * X.data[i * 6]!) + X.data[i * 6 + 1]! * X.data[i * 6 + 2]!,
    );
    const data = l2Data(X, y, 0);
    const params = { maxDepth: 6, minSamplesLeaf: 10 };
    const fast = grow(data, 3000, params, true);
    const direct = grow(data, 3000, params, false);
    expect(fast.feature.length, 'a deep tree, so subtraction was used at many nodes').toBeGreaterThan(60);
    expect(Array.from(fast.feature)).toEqual(Array.from(direct.feature));
    expect(Array.from(fast.bin)).toEqual(Array.from(direct.bin));
    fast.value.forEach((v, i) => expect(v).toBeCloseTo(direct.value[i]!, 10));
  });

  it('computes a sibling histogram by subtraction equal to the direct one', () => {
    const X = uniformMatrix(1000, 4, 9);
    const data = l2Data(X, column(X, 3), 0.2);
    const features = allFeatures(4);
    const size = SLOTS * data.offsets[4]!;
    const rows = allRows(1000);
    const parent = new Float64Array(size);
    const firstPart = new Float64Array(size);
    const secondPart = new Float64Array(size);
    buildHistogram(parent, data.bins, 4, data.offsets, features, data.grad, data.hess, rows, 0, 1000);
    buildHistogram(firstPart, data.bins, 4, data.offsets, features, data.grad, data.hess, rows, 0, 350);
    buildHistogram(secondPart, data.bins, 4, data.offsets, features, data.grad, data.hess, rows, 350, 1000);
    subtractHistogram(parent, firstPart, data.offsets, features);
    parent.forEach((v, i) => expect(v).toBeCloseTo(secondPart[i]!, 10));
  });

  it('respects maxDepth and leaves every leaf at least minSamplesLeaf rows', () => {
    const X = uniformMatrix(2000, 5, 3);
    const y = Float64Array.from({ length: 2000 }, (_, i) => X.data[i * 5]! ** 2 - X.data[i * 5 + 4]!);
    const data = l2Data(X, y, 0);
    const tree = grow(data, 2000, { maxDepth: 4, minSamplesLeaf: 50 });
    expect(treeDepth(tree)).toBe(4);
    const counts = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const leaf = leafOf(tree, data.bins, 5, i);
      counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
    }
    expect(counts.size).toBe(Array.from(tree.feature).filter((f) => f === LEAF).length);
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(50);
  });
});
