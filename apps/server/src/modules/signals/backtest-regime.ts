import type { StrategyDefinition } from '@marketlens/contracts';
import { featureWarmUpBars, fromModelJson, InvalidParamsError, type HMMModel } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { BadRequestError, ConflictError } from '../../http/http-errors';
import type { InstrumentInfo } from '../instruments/instruments.service';
import { getFit, regimeModelOfFit, trackedRegimeModel } from '../regimes/regimes.service';
import { matchRegimeStates } from './regime-filter';
import type { BacktestRegimeInput } from './backtest.task';

/**
 * Bars before a backtest's first bar that the regime filter sees first, beyond its features' own warm-up:
 * the forward filter forgets its starting distribution within a few dozen bars, so 500 make the first bars
 * of the backtest judged as a filter that had been running would judge them.
 */
export const REGIME_WARM_UP_EXTRA_BARS = 500;

type RegimeSpec = NonNullable<StrategyDefinition['regime']>;

/**
 * The regime fit a strategy's filter reads: the one its document names (same symbol and timeframe), else
 * the tracked fit of the symbol at the strategy's timeframe. 400 when there is none, or when an allowed
 * label names no state of the fit's model.
 */
export async function resolveRegimeFit(
  ctx: AppContext,
  regime: RegimeSpec,
  instrument: InstrumentInfo,
  timeframe: StrategyDefinition['timeframe'],
): Promise<string> {
  if (regime.fitId === undefined) {
    const tracked = await trackedRegimeModel(ctx, instrument.id, timeframe);
    if (!tracked) {
      throw new BadRequestError(
        'NO_TRACKED_REGIME_FIT',
        `The strategy's regime filter reads the tracked regime fit of ${instrument.symbol} ${timeframe}, and there is ` +
          'none: fit one (POST /regimes/fits with tracked: true) or name a fit in regime.fitId',
      );
    }
    regimeInput(tracked.fitId, tracked.model, regime);
    return tracked.fitId;
  }
  const fit = await getFit(ctx, regime.fitId);
  if (fit.symbol !== instrument.symbol || fit.timeframe !== timeframe) {
    throw new BadRequestError(
      'REGIME_FIT_MISMATCH',
      `Regime fit ${fit.id} is of ${fit.symbol} ${fit.timeframe}; this backtest runs on ${instrument.symbol} ${timeframe} ` +
        "bars, and the filter feeds them to the fit's model",
    );
  }
  const stored = await regimeModelOfFit(ctx, fit.id);
  if (!stored) throw new ConflictError('FIT_NOT_READY', `Regime fit ${fit.id} is ${fit.status}; it has no model yet`);
  regimeInput(stored.fitId, stored.model, regime);
  return fit.id;
}

/** The filter's input for the compute task, from a stored model; 400 for labels the model does not have. */
export function regimeInput(
  fitId: string,
  modelJson: unknown,
  regime: RegimeSpec,
): { input: BacktestRegimeInput; model: HMMModel } {
  let model: HMMModel;
  try {
    model = fromModelJson(modelJson);
  } catch (err) {
    if (err instanceof InvalidParamsError) {
      throw new ConflictError('REGIME_MODEL_INVALID', `The stored model of regime fit ${fitId}: ${err.message}`);
    }
    throw err;
  }
  const { states, unknown } = matchRegimeStates(model.stateNames, regime.allow);
  if (unknown.length > 0) {
    throw new BadRequestError(
      'REGIME_LABEL_UNKNOWN',
      `regime.allow names ${unknown.map((l) => `"${l}"`).join(', ')}, which regime fit ${fitId} does not have; its ` +
        `states are ${model.stateNames.map((n) => `"${n}"`).join(', ')} (a part such as "bull" or "low vol" names every state that has it)`,
      { unknown, states: model.stateNames },
    );
  }
  return { input: { fitId, model: modelJson, states, minProbability: regime.minProbability, filter: true }, model };
}

/** The job's regime input from the fit pinned when the backtest was accepted, and how many bars warm it. */
export async function loadRegimeInput(
  ctx: AppContext,
  fitId: string,
  regime: RegimeSpec,
): Promise<{ input: BacktestRegimeInput; warmUpBars: number }> {
  const stored = await regimeModelOfFit(ctx, fitId);
  if (!stored) {
    throw new ConflictError('REGIME_FIT_GONE', `Regime fit ${fitId} was deleted after the backtest was queued`);
  }
  const { input, model } = regimeInput(fitId, stored.model, regime);
  return { input, warmUpBars: featureWarmUpBars(model.features) + REGIME_WARM_UP_EXTRA_BARS };
}

/** The tracked fit's model for the per-regime breakdown of a strategy without a regime filter. */
export async function loadBreakdownRegime(
  ctx: AppContext,
  fitId: string,
): Promise<{ input: BacktestRegimeInput; warmUpBars: number } | null> {
  const stored = await regimeModelOfFit(ctx, fitId);
  if (!stored) return null;
  const model = fromModelJson(stored.model);
  return {
    input: { fitId, model: stored.model, states: [], minProbability: 1, filter: false },
    warmUpBars: featureWarmUpBars(model.features) + REGIME_WARM_UP_EXTRA_BARS,
  };
}
