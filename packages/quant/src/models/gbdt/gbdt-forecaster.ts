// The GBDT behind the Forecaster contract. One factory serves both kinds: params.objective 0 (default) fits the log
// return with L2 loss ('regression'), 1 fits the up/down label with logistic loss and predicts P(up) ('direction').
import type { Matrix } from '../../hmm/hmm-types';
import type { Forecaster, ForecasterJson } from '../forecaster';
import { ForecasterNotFittedError } from '../forecaster.error';
import { gbdtInputError } from './gbdt.error';
import { type GbdtModel, predictGbdt, trainGbdt } from './gbdt-model';
import { gbdtStateFromJson, gbdtStateToJson } from './gbdt-model-json';
import { type GbdtParams, objectiveName, resolveGbdtParams } from './gbdt-params';

export interface GbdtForecaster extends Forecaster {
  /** The fitted ensemble, or null before fit(). */
  readonly model: GbdtModel | null;
  /** Mean training loss before the first tree and after each tree (empty before fit()). */
  readonly trainLoss: Float64Array;
}

function createForecaster(params: GbdtParams, initial: GbdtModel | null): GbdtForecaster {
  let model = initial;
  let trainLoss: Float64Array = new Float64Array(0);
  return {
    name: 'gbdt',
    kind: objectiveName(params) === 'logistic' ? 'direction' : 'regression',
    get model() {
      return model;
    },
    get trainLoss() {
      return trainLoss;
    },
    fit(X: Matrix, y: Float64Array): void {
      const fitted = trainGbdt(X, y, params);
      model = fitted.model;
      trainLoss = fitted.trainLoss;
    },
    predict(X: Matrix): Float64Array {
      if (!model) throw new ForecasterNotFittedError('gbdt');
      return predictGbdt(model, X);
    },
    toJSON(): ForecasterJson {
      if (!model) throw new ForecasterNotFittedError('gbdt');
      return { version: 1, model: 'gbdt', params: { ...params }, state: gbdtStateToJson(model) };
    },
  };
}

/** Unknown or out-of-range params throw ForecasterInputError naming the key; see gbdt-params.ts for the defaults. */
export function createGbdtForecaster(params?: Record<string, number>): GbdtForecaster {
  return createForecaster(resolveGbdtParams(params), null);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Restores a fitted forecaster from toJSON() output; errors are ForecasterInputError with the field's path. */
export function gbdtFromJson(json: unknown): GbdtForecaster {
  if (!isObject(json)) throw gbdtInputError('json', 'must be an object');
  if (json.version !== 1)
    throw gbdtInputError(
      'version',
      `must be 1 (the only version this build reads), got ${JSON.stringify(json.version)}`,
    );
  if (json.model !== 'gbdt') throw gbdtInputError('model', `must be 'gbdt', got ${JSON.stringify(json.model)}`);
  if (!isObject(json.params)) throw gbdtInputError('params', 'must be an object of numbers');
  const params = resolveGbdtParams(json.params as Record<string, number>);
  const model = gbdtStateFromJson(json.state, params.nTrees);
  if (model.objective !== objectiveName(params))
    throw gbdtInputError(
      'state.objective',
      `is '${model.objective}' but params.objective is ${params.objective} (${objectiveName(params)})`,
    );
  return createForecaster(params, model);
}
