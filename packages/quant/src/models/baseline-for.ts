import { createForecaster } from './create-forecaster';
import type { ModelName } from './forecaster';

/**
 * Baselines by what they do, which is what runs, the API and the UI call them:
 * - 'zero': a 0 log return on every row (regression models; a random walk's best guess).
 * - 'base-rate': P(up) = the training share of up bars on every row (direction models). Its call is always
 *   the more frequent side, so in a market that rose on most bars it is "always up".
 * Both are the 'zero' forecaster (BASELINE_FOR), in the model's kind.
 */
export const BASELINE_NAMES = ['zero', 'base-rate'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

export interface BaselineSpec {
  name: BaselineName;
  /** The forecaster that computes it, with its params. */
  model: ModelName;
  params?: Record<string, number>;
}

const BASELINES: Record<BaselineName, Omit<BaselineSpec, 'name'>> = {
  zero: { model: 'zero' },
  'base-rate': { model: 'zero', params: { direction: 1 } },
};

/**
 * The name of the baseline of a model of this kind. Also reads artifacts stored before 'base-rate' had a
 * name, which called a direction model's baseline 'zero': name a stored baseline by its forecaster's kind.
 */
export function baselineNameOf(kind: 'regression' | 'direction'): BaselineName {
  return kind === 'direction' ? 'base-rate' : 'zero';
}

/** The baseline a model is reported next to: the same kind of forecast with no skill. */
export function baselineFor(model: ModelName, params?: Record<string, number>): BaselineSpec {
  const name = baselineNameOf(createForecaster(model, params).kind);
  return { name, ...BASELINES[name] };
}
