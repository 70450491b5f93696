import { describe, expect, it } from 'vitest';
import { ForecasterInputError, ForecasterNotFittedError } from '../forecaster.error';
import { createGbdtForecaster, gbdtFromJson } from './gbdt-forecaster';
import { uniformMatrix } from './gbdt-test-data';

const X = uniformMatrix(400, 4, 31);
const returns = Float64Array.from(
  { length: 400 },
  (_, i) => 0.01 * Math.sin(8 * X.data[i * 4]!) + 0.005 * X.data[i * 4 + 2]!,
);
const up = returns.map((r) => (r > 0 ? 1 : 0));
const fresh = uniformMatrix(100, 4, 32, -0.2, 1.2); // partly outside the training range

/** What a registry does with the model: JSON text out, parse, restore. */
const roundTrip = (json: unknown) => gbdtFromJson(JSON.parse(JSON.stringify(json)));

describe('GBDT forecaster', () => {
  it('is a regression forecaster by default and a direction forecaster with objective 1', () => {
    expect(createGbdtForecaster()).toMatchObject({ name: 'gbdt', kind: 'regression' });
    expect(createGbdtForecaster({ objective: 1 })).toMatchObject({ name: 'gbdt', kind: 'direction' });
  });

  it('predicts P(up) in (0, 1) for the direction variant', () => {
    const model = createGbdtForecaster({ objective: 1, nTrees: 50 });
    model.fit(X, up);
    const p = model.predict(fresh);
    p.forEach((v) => expect(v > 0 && v < 1, `P(up) = ${v}`).toBe(true));
    expect(model.trainLoss.length).toBe(51);
  });

  it.each([
    ['regression', {}, returns],
    ['direction', { objective: 1 }, up],
  ] as const)('round-trips the %s model through JSON text and predicts identically', (_, params, y) => {
    const model = createGbdtForecaster({ ...params, nTrees: 60, subsample: 0.8, colsampleByTree: 0.5, seed: 9 });
    model.fit(X, y);
    const restored = roundTrip(model.toJSON());
    expect(restored.kind).toBe(model.kind);
    expect(restored.predict(fresh)).toEqual(model.predict(fresh));
    expect(restored.toJSON()).toEqual(model.toJSON());
  });

  it('stores every parameter, defaults included, so a restored model documents how it was trained', () => {
    const model = createGbdtForecaster({ maxDepth: 2, nTrees: 3 });
    model.fit(X, returns);
    expect(model.toJSON().params).toEqual({
      nTrees: 3,
      learningRate: 0.05,
      maxDepth: 2,
      minSamplesLeaf: 20,
      lambda: 1,
      minChildWeight: 1e-3,
      minGain: 0,
      subsample: 1,
      colsampleByTree: 1,
      seed: 0,
      objective: 0,
      maxBins: 255,
    });
  });

  it('refuses predict and toJSON before fit', () => {
    const model = createGbdtForecaster();
    expect(() => model.predict(fresh)).toThrow(ForecasterNotFittedError);
    expect(() => model.toJSON()).toThrow(ForecasterNotFittedError);
  });
});

describe('GBDT params', () => {
  it.each([
    [{ learningrate: 0.1 }, 'gbdt: params.learningrate is not a GBDT parameter'],
    [{ maxDepth: 0 }, 'gbdt: params.maxDepth must be an integer in [1, 20], got 0'],
    [{ subsample: 1.5 }, 'gbdt: params.subsample must be in (0, 1], got 1.5'],
    [{ objective: 2 }, 'gbdt: params.objective must be 0 (l2) or 1 (logistic), got 2'],
    [{ lambda: NaN }, 'gbdt: params.lambda must be a finite number >= 0, got null'],
    [{ lambda: 0, minChildWeight: 0 }, 'gbdt: params.lambda cannot be 0 when params.minChildWeight is 0'],
  ])('rejects %j', (params, message) => {
    expect(() => createGbdtForecaster(params)).toThrow(ForecasterInputError);
    expect(() => createGbdtForecaster(params)).toThrow(message);
  });
});

/** The model JSON with room for the wrong values the tests write into it. */
interface EditableJson {
  version: unknown;
  model: unknown;
  params: Record<string, number>;
  state: {
    baseScore: unknown;
    binEdges: number[][];
    trees: { feature: number[]; bin: number[]; left: number[]; right: number[]; value: (number | null)[] }[];
  };
}

describe('gbdtFromJson', () => {
  const model = createGbdtForecaster({ nTrees: 5, maxDepth: 2 });
  model.fit(X, returns);
  /** A deep copy of the model's JSON with one change applied. */
  const corrupt = (change: (json: EditableJson) => void): unknown => {
    const json = JSON.parse(JSON.stringify(model.toJSON())) as EditableJson;
    change(json);
    return json;
  };

  it.each([
    ['a future version', (j: EditableJson) => (j.version = 2), 'gbdt: version must be 1'],
    ['another model', (j: EditableJson) => (j.model = 'ridge'), 'gbdt: model must be \'gbdt\', got "ridge"'],
    ['a bad param', (j: EditableJson) => (j.params.maxDepth = -1), 'gbdt: params.maxDepth must be an integer'],
    ['a missing state', (j: EditableJson) => Object.assign(j, { state: null }), 'gbdt: state must be an object'],
    [
      'a tree count unlike params.nTrees',
      (j: EditableJson) => j.state.trees.pop(),
      'gbdt: state.trees must be an array of 5 trees',
    ],
    [
      'an objective unlike params',
      (j: EditableJson) => (j.params.objective = 1),
      "gbdt: state.objective is 'l2' but params.objective is 1",
    ],
    [
      'a non-finite base score',
      (j: EditableJson) => (j.state.baseScore = 'x'),
      'gbdt: state.baseScore must be a finite number',
    ],
    [
      'unsorted bin edges',
      (j: EditableJson) => (j.state.binEdges[1]![3] = -5),
      'gbdt: state.binEdges[1][3] must be greater than the previous edge',
    ],
    [
      'a split on a missing feature',
      (j: EditableJson) => (j.state.trees[2]!.feature[0] = 9),
      'gbdt: state.trees[2].feature[0] must be an integer in [-1, 3]',
    ],
    [
      'a child pointing backwards',
      (j: EditableJson) => (j.state.trees[0]!.left[0] = 0),
      'gbdt: state.trees[0].left[0] child 0 must come after its parent',
    ],
    [
      'a shared child',
      (j: EditableJson) => (j.state.trees[0]!.right[0] = j.state.trees[0]!.left[0]!),
      'gbdt: state.trees[0] node 1 has 2 parents, must have exactly one',
    ],
    [
      'a bin past the edges',
      // Keep only the edges below the root split's bin, so that bin no longer exists.
      (j: EditableJson) => {
        const feature = j.state.trees[0]!.feature[0]!;
        j.state.binEdges[feature] = j.state.binEdges[feature]!.slice(0, j.state.trees[0]!.bin[0]);
      },
      'gbdt: state.trees[0].bin[0] is past the last bin boundary',
    ],
    [
      'a NaN leaf value',
      (j: EditableJson) => (j.state.trees[4]!.value[1] = null),
      'gbdt: state.trees[4].value[1] must be a finite number, got null',
    ],
  ])('rejects %s naming the field', (_, change, message) => {
    expect(() => gbdtFromJson(corrupt(change))).toThrow(message);
  });
});
