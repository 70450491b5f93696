import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { createForecaster, forecasterFromJson } from './create-forecaster';
import { MODEL_NAMES, type ModelName } from './forecaster';

function data(n: number, cols: number, seed: number) {
  const rng = createSeededRandom(seed);
  const X = { data: Float64Array.from({ length: n * cols }, () => 0.02 * rng.normal()), rows: n, cols };
  const y = Float64Array.from({ length: n }, (_, i) => 0.3 * X.data[i * cols]! + 0.01 * rng.normal());
  return { X, y, up: y.map((v) => (v > 0 ? 1 : 0)) };
}

const PARAMS: Partial<Record<ModelName, Record<string, number>>> = { gbdt: { nTrees: 5 } };

describe('createForecaster / forecasterFromJson', () => {
  it.each(MODEL_NAMES)('%s round-trips through JSON and predicts identically', (model) => {
    const { X, y, up } = data(200, 6, 3);
    const f = createForecaster(model, PARAMS[model]);
    f.fit(X, f.kind === 'direction' ? up : y);
    const json = JSON.parse(JSON.stringify(f.toJSON())) as unknown;
    const g = forecasterFromJson(json);
    expect(g.name).toBe(model);
    expect(g.kind).toBe(f.kind);
    const fresh = data(50, 6, 9).X;
    expect(Array.from(g.predict(fresh))).toEqual(Array.from(f.predict(fresh)));
  });

  it('restores the direction variant of zero', () => {
    const { X, up } = data(20, 2, 1);
    const f = createForecaster('zero', { direction: 1 });
    f.fit(X, up);
    expect(forecasterFromJson(f.toJSON()).kind).toBe('direction');
  });

  it('rejects bad JSON and params by field', () => {
    expect(() => forecasterFromJson({ version: 2, model: 'ridge', params: {}, state: {} })).toThrow(
      'forecaster: version must be 1, got 2',
    );
    expect(() => forecasterFromJson({ version: 1, model: 'nope', params: {}, state: {} })).toThrow(
      'forecaster: model must be one of',
    );
    expect(() => forecasterFromJson({ version: 1, model: 'ridge', params: { lambda: 'x' }, state: {} })).toThrow(
      'ridge: params.lambda must be a finite number, got x',
    );
    expect(() =>
      forecasterFromJson({
        version: 1,
        model: 'ridge',
        params: {},
        state: { intercept: 0, coef: [1, null], mean: [0, 0], sd: [1, 1] },
      }),
    ).toThrow('ridge: state.coef[1] must be a finite number, got null');
    expect(() =>
      forecasterFromJson({
        version: 1,
        model: 'ar',
        params: { p: 2 },
        state: { intercept: 0, coef: [1], mean: [0], sd: [1] },
      }),
    ).toThrow('ar: state.coef must have p = 2 values, got 1');
    expect(() => createForecaster('bogus' as ModelName)).toThrow('bogus: model is unknown');
  });
});
