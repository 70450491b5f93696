import type { StrategyDefinition, Timeframe } from '@marketlens/contracts';
import { captureState, RegimeTracker, restoreState, type Snapshot } from '@marketlens/quant';
import type { AppContext } from '../../../context';
import { ConflictError } from '../../../http/http-errors';
import { getInstrumentInfo } from '../../instruments/instruments.service';
import { regimeModelOfFit } from '../../regimes/regimes.service';
import { regimeInput, resolveRegimeFit } from '../backtest-regime';
import { liveRegimeEntryFilter, type RegimeFilterSpec } from '../regime-filter';
import type { EntryFilter } from '@marketlens/quant';

/** A deployment's regime filter: a tracker fed every bar before the strategy sees it, and the judgement. */
export interface LiveRegime {
  fitId: string;
  tracker: RegimeTracker;
  filter: EntryFilter;
}

/**
 * The regime filter of a strategy running live, on the same fit and with the same judgement as its
 * backtests: the fit the document names, else the tracked fit of the series. Resolved on every pass, so a
 * refit of the tracked fit is picked up (the engine then warms a new tracker on history).
 */
export async function loadLiveRegime(
  ctx: AppContext,
  definition: StrategyDefinition,
  symbol: string,
  timeframe: Timeframe,
): Promise<LiveRegime | undefined> {
  if (!definition.regime) return undefined;
  const instrument = await getInstrumentInfo(ctx, symbol);
  const fitId = await resolveRegimeFit(ctx, definition.regime, instrument, timeframe);
  const stored = await regimeModelOfFit(ctx, fitId);
  if (!stored) throw new ConflictError('FIT_NOT_READY', `Regime fit ${fitId} has no model`);
  const { input, model } = regimeInput(fitId, stored.model, definition.regime);
  const tracker = new RegimeTracker(model);
  const spec: RegimeFilterSpec = {
    fitId,
    stateNames: model.stateNames,
    states: input.states,
    minProbability: input.minProbability,
  };
  return { fitId, tracker, filter: liveRegimeEntryFilter(tracker, spec) };
}

/** The tracker's state without its model (the model is the fit's, loaded again on restore). */
export function trackerSnapshot(tracker: RegimeTracker): Snapshot {
  const snap = captureState(tracker) as { $o: Record<string, Snapshot> };
  const { model: _model, ...rest } = snap.$o;
  return { $o: rest };
}

export function restoreTracker(tracker: RegimeTracker, snapshot: Snapshot): void {
  restoreState(tracker, snapshot);
}
