import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../random/seeded-random';
import { predictGbdt, predictGbdtRaw, trainGbdt } from './gbdt-model';
import { resolveGbdtParams } from './gbdt-params';
import { column, logLoss, matrixOf, mse, uniformMatrix } from './gbdt-test-data';
import { LEAF } from './gbdt-tree';

const params = (overrides: Record<string, number> = {}) => resolveGbdtParams(overrides);
const variance = (y: Float64Array): number =>
  mse(y, new Float64Array(y.length).fill(y.reduce((s, v) => s + v, 0) / y.length));

describe('l2 boosting', () => {
  it('drives the training MSE of a noisy step near zero', () => {
    const rng = createSeededRandom(2);
    const X = uniformMatrix(1000, 3, 1);
    const y = column(X, 0).map((v) => (v > 0.5 ? 1 : 0) + 0.01 * rng.normal());
    const { model, trainLoss } = trainGbdt(X, y, params({ learningRate: 0.1 }));
    const fitted = mse(predictGbdt(model, X), y);
    expect(trainLoss[0], 'starts at the variance of y (base score = mean)').toBeCloseTo(variance(y), 12);
    expect(fitted).toBeCloseTo(trainLoss[200]!, 12);
    // Noise variance is 1e-4; the step itself (variance 0.25) must be gone.
    expect(fitted).toBeLessThan(1e-3);
  });

  it('beats a constant predictor out of sample by a wide margin on a smooth function', () => {
    const rng = createSeededRandom(7);
    const make = (seed: number) => {
      const X = uniformMatrix(2000, 2, seed, -3, 3);
      return { X, y: column(X, 0).map((v) => Math.sin(v) + 0.1 * rng.normal()) };
    };
    const train = make(1);
    const test = make(2);
    const { model } = trainGbdt(train.X, train.y, params());
    const trainMean = train.y.reduce((s, v) => s + v, 0) / train.y.length;
    const constantMse = mse(new Float64Array(test.y.length).fill(trainMean), test.y);
    const modelMse = mse(predictGbdt(model, test.X), test.y);
    expect(modelMse, `model ${modelMse} vs constant ${constantMse}`).toBeLessThan(0.1 * constantMse);
  });

  it('predicts values beyond the training range like the nearest training extreme (edge bins)', () => {
    const X = uniformMatrix(500, 1, 4);
    const y = column(X, 0).map((v) => 3 * v);
    const { model } = trainGbdt(X, y, params());
    const x = column(X, 0);
    const lowest = Math.min(...x);
    const highest = Math.max(...x);
    const p = predictGbdt(model, matrixOf([[-1e6], [-Infinity], [lowest], [1e6], [Infinity], [highest]]));
    expect(p[0]).toBe(p[2]);
    expect(p[1]).toBe(p[2]);
    expect(p[3]).toBe(p[5]);
    expect(p[4]).toBe(p[5]);
    expect(p[5]! - p[2]!, 'the ends still differ: the trees learnt the slope').toBeGreaterThan(2);
  });

  it('staged prediction with 0 trees is the base score (the training mean)', () => {
    const X = uniformMatrix(100, 2, 8);
    const y = column(X, 1);
    const { model } = trainGbdt(X, y, params({ nTrees: 5 }));
    const mean = y.reduce((s, v) => s + v, 0) / 100;
    predictGbdtRaw(model, X, 0).forEach((v) => expect(v).toBeCloseTo(mean, 12));
    expect(() => predictGbdtRaw(model, X, 6)).toThrow('gbdt: nTrees must be an integer in [0, 5], got 6');
  });
});

describe('logistic boosting', () => {
  const X = uniformMatrix(1000, 3, 21);
  const y = column(X, 0).map((v) => (v > 0.5 ? 1 : 0));

  it('gives P(up) near 1 and 0 on separable data, starting from the log-odds of the training mean', () => {
    const { model } = trainGbdt(X, y, params({ objective: 1, learningRate: 0.2 }));
    const rate = y.reduce((s, v) => s + v, 0) / y.length;
    expect(model.baseScore).toBeCloseTo(Math.log(rate / (1 - rate)), 12);
    const p = predictGbdt(model, X);
    p.forEach((v, i) => (y[i] === 1 ? expect(v).toBeGreaterThan(0.9) : expect(v).toBeLessThan(0.1)));
  });

  it('lowers the training log loss with every tree', () => {
    const { model, trainLoss } = trainGbdt(X, y, params({ objective: 1, nTrees: 100 }));
    for (let t = 1; t <= 100; t++) expect(trainLoss[t], `after tree ${t}`).toBeLessThan(trainLoss[t - 1]!);
    expect(trainLoss[0]).toBeCloseTo(Math.log(2), 2);
    expect(logLoss(predictGbdt(model, X), y)).toBeCloseTo(trainLoss[100]!, 10);
    expect(logLoss(predictGbdt(model, X, 10), y), 'staged predictions replay the history').toBeCloseTo(
      trainLoss[10]!,
      10,
    );
  });

  it('keeps a finite base score when every label is the same', () => {
    const { model } = trainGbdt(X, new Float64Array(1000).fill(1), params({ objective: 1, nTrees: 3 }));
    expect(Number.isFinite(model.baseScore)).toBe(true);
    predictGbdt(model, X).forEach((p) => expect(p).toBeGreaterThan(0.99));
  });
});

describe('sampling and determinism', () => {
  const X = uniformMatrix(800, 5, 13);
  const y = Float64Array.from({ length: 800 }, (_, i) => X.data[i * 5]! - X.data[i * 5 + 3]! ** 2);
  const sampled = { subsample: 0.7, colsampleByTree: 0.6, nTrees: 50 };

  it('gives identical models for the same seed and different ones for another seed', () => {
    const a = predictGbdt(trainGbdt(X, y, params({ ...sampled, seed: 3 })).model, X);
    const b = predictGbdt(trainGbdt(X, y, params({ ...sampled, seed: 3 })).model, X);
    const c = predictGbdt(trainGbdt(X, y, params({ ...sampled, seed: 4 })).model, X);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('lets each tree split only on its sampled features', () => {
    const { model } = trainGbdt(X, y, params({ colsampleByTree: 0.2, nTrees: 30, minSamplesLeaf: 5 }));
    const used = model.trees.map((t) => new Set(Array.from(t.feature).filter((f) => f !== LEAF)));
    for (const features of used) expect(features.size).toBeLessThanOrEqual(1);
    expect(new Set(used.flatMap((s) => [...s])).size, 'different trees drew different features').toBeGreaterThan(1);
  });
});

describe('bad input', () => {
  const X = matrixOf([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  it('rejects NaN features, mismatched targets and bad targets naming where', () => {
    const bad = matrixOf([
      [1, 2],
      [3, 4],
      [NaN, 6],
    ]);
    expect(() => trainGbdt(bad, Float64Array.of(1, 2, 3), params())).toThrow('gbdt: X[2][0] must be finite, got NaN');
    expect(() => trainGbdt(X, Float64Array.of(1, 2), params())).toThrow('gbdt: y has 2 values for 3 rows of X');
    expect(() => trainGbdt(X, Float64Array.of(1, NaN, 3), params())).toThrow('gbdt: y[1] must be finite, got NaN');
    expect(() => trainGbdt(X, Float64Array.of(0, 1, 2), params({ objective: 1 }))).toThrow(
      'gbdt: y[2] must be a label in [0, 1] (1 = up), got 2',
    );
    expect(() => trainGbdt({ data: new Float64Array(0), rows: 0, cols: 2 }, new Float64Array(0), params())).toThrow(
      'gbdt: X needs at least 1 row',
    );
  });

  it('rejects prediction rows with the wrong width or a NaN', () => {
    const { model } = trainGbdt(X, Float64Array.of(1, 2, 3), params({ nTrees: 2 }));
    expect(() => predictGbdt(model, matrixOf([[1, 2, 3]]))).toThrow('gbdt: X has 3 columns, the model was fitted on 2');
    expect(() => predictGbdt(model, matrixOf([[1, NaN]]))).toThrow('gbdt: X[0][1] must be a number, got NaN');
  });
});
