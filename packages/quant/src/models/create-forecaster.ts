import { ARForecaster } from './ar-model';
import { LagMeanForecaster, ZeroForecaster } from './baselines';
import { ForecasterInputError } from './forecaster.error';
import { isModelName, MODEL_NAMES, objectState, type Forecaster, type ModelName } from './forecaster';
import { createGbdtForecaster, gbdtFromJson } from './gbdt/gbdt-forecaster';
import { LogisticForecaster } from './logistic';
import { RidgeForecaster } from './ridge';

type Params = Record<string, number>;

const FACTORIES: Record<ModelName, (params: Params) => Forecaster> = {
  zero: (p) => new ZeroForecaster(p),
  last: (p) => new LagMeanForecaster('last', p),
  'moving-average': (p) => new LagMeanForecaster('moving-average', p),
  ridge: (p) => new RidgeForecaster(p),
  logistic: (p) => new LogisticForecaster(p),
  gbdt: (p) => createGbdtForecaster(p),
  ar: (p) => new ARForecaster(p),
};

const RESTORERS: Record<Exclude<ModelName, 'gbdt'>, (params: Params, state: unknown) => Forecaster> = {
  zero: (p, s) => ZeroForecaster.fromState(p, s),
  last: (p, s) => LagMeanForecaster.fromState('last', p, s),
  'moving-average': (p, s) => LagMeanForecaster.fromState('moving-average', p, s),
  ridge: (p, s) => RidgeForecaster.fromState(p, s),
  logistic: (p, s) => LogisticForecaster.fromState(p, s),
  ar: (p, s) => ARForecaster.fromState(p, s),
};

function checkParams(model: string, params: unknown): Params {
  const o = objectState(model, params);
  for (const [key, value] of Object.entries(o)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ForecasterInputError(model, `params.${key}`, `must be a finite number, got ${String(value)}`);
    }
  }
  return o as Params;
}

/** An unfitted forecaster of the named family (params are model-specific; unknown models are rejected). */
export function createForecaster(model: ModelName, params: Params = {}): Forecaster {
  if (!isModelName(model))
    throw new ForecasterInputError(String(model), 'model', `is unknown; expected one of ${MODEL_NAMES.join(', ')}`);
  return FACTORIES[model](checkParams(model, params));
}

/** Restores a fitted forecaster from its toJSON(); errors name the bad field. */
export function forecasterFromJson(json: unknown): Forecaster {
  const o = objectState('forecaster', json);
  if (o.version !== 1)
    throw new ForecasterInputError('forecaster', 'version', `must be 1, got ${JSON.stringify(o.version)}`);
  if (!isModelName(o.model))
    throw new ForecasterInputError(
      'forecaster',
      'model',
      `must be one of ${MODEL_NAMES.join(', ')}, got ${JSON.stringify(o.model)}`,
    );
  if (o.model === 'gbdt') return gbdtFromJson(json);
  // params are checked before the state, through the `state` wording of objectState
  const params = checkParams(o.model, o.params ?? {});
  return RESTORERS[o.model](params, o.state);
}
