import { describe, expect, it } from 'vitest';
import { InvalidParamsError } from './hmm-errors';
import { fromModelJson, toModelJson, type HMMModel } from './hmm-model-json';
import type { CovarianceType } from './hmm-types';

const covarsFor: Record<CovarianceType, number[]> = {
  full: [0.1, 0.01, 0.01, 0.2, 0.3, -0.02, -0.02, 0.4],
  diag: [0.1, 0.2, 0.3, 0.4],
  spherical: [0.1, 0.3],
  tied: [0.5, 0.1, 0.1, 0.6],
};

function model(covarianceType: CovarianceType): HMMModel {
  return {
    params: {
      nStates: 2,
      nFeatures: 2,
      covarianceType,
      startProb: Float64Array.from([0.3, 0.7]),
      transMat: Float64Array.from([0.1 + 0.2 + 0.67, 1 - (0.1 + 0.2 + 0.67), 0.04, 0.96]),
      means: Float64Array.from([1 / 3, -2 / 7, Math.PI, 1e-300]),
      covars: Float64Array.from(covarsFor[covarianceType]),
    },
    features: ['logret', 'vol20'],
    standardizer: { mean: Float64Array.from([0.0003, 0.011]), scale: Float64Array.from([0.0121, 0.0049]) },
    stateNames: ['bull / low vol', 'bear / high vol'],
  };
}

const roundTrip = (m: HMMModel) => fromModelJson(JSON.parse(JSON.stringify(toModelJson(m))));

describe('model JSON', () => {
  for (const type of ['full', 'diag', 'spherical', 'tied'] as const) {
    it(`round-trips a ${type} model exactly through JSON text`, () => {
      expect(roundTrip(model(type))).toEqual(model(type));
    });
  }

  it('writes nested plain arrays with a version', () => {
    const json = toModelJson(model('full'));
    expect(json.version).toBe(1);
    expect(json.transMat).toHaveLength(2);
    expect(json.covars).toEqual([
      [
        [0.1, 0.01],
        [0.01, 0.2],
      ],
      [
        [0.3, -0.02],
        [-0.02, 0.4],
      ],
    ]);
    expect(roundTrip({ ...model('diag'), standardizer: null }).standardizer).toBeNull();
  });

  const bad: [string, (j: Record<string, unknown>) => void, string][] = [
    ['version', (j) => (j.version = 2), 'version: unsupported model version 2'],
    ['covarianceType', (j) => (j.covarianceType = 'banded'), 'covarianceType: must be one of'],
    ['nStates', (j) => (j.nStates = 0), 'nStates: must be an integer >= 1'],
    ['features', (j) => (j.features = ['logret', 'rsi']), 'features[1]: unknown feature "rsi"'],
    [
      'standardizer',
      (j) => ((j.standardizer as { scale: number[] }).scale[1] = 0),
      'standardizer.scale[1]: must be > 0',
    ],
    ['startProb', (j) => (j.startProb = [0.3]), 'startProb: must have 2 entries, has 1'],
    ['transMat cell', (j) => ((j.transMat as unknown[][])[1]![0] = 'x'), 'transMat[1][0]: must be a finite number'],
    ['transMat row sum', (j) => ((j.transMat as number[][])[1]![0] = 0.5), 'transMat[1]: must sum to 1'],
    [
      'means',
      (j) => ((j.means as number[][])[0]![1] = null as unknown as number),
      'means[0][1]: must be a finite number',
    ],
    ['covars', (j) => ((j.covars as number[][][])[1]![1]![1] = -1), 'covars[1]: covariance must be positive definite'],
    ['stateNames', (j) => (j.stateNames = ['a', 'a']), 'stateNames: must be unique'],
  ];
  for (const [what, mutate, message] of bad) {
    it(`rejects a bad ${what}, naming the field`, () => {
      const json = JSON.parse(JSON.stringify(toModelJson(model('full')))) as Record<string, unknown>;
      mutate(json);
      expect(() => fromModelJson(json)).toThrow(InvalidParamsError);
      expect(() => fromModelJson(json)).toThrow(message);
    });
  }

  it('rejects a non-object', () => {
    expect(() => fromModelJson([1])).toThrow('model: must be a JSON object');
  });
});
