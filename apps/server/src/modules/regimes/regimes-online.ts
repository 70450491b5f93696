import { fromModelJson, RegimeTracker } from '@marketlens/quant';
import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { PlatformEvents } from '../../events';
import { loadBarSeries } from '../instruments/instruments.service';
import { advanceCurrent, listTrackedFits, readRegimeFitColumn, type RegimeFitHead } from './regimes.store';

/**
 * Online filtering: when bars of an instrument arrive, every tracked fit of that series moves its `current`
 * to the newest bar without refitting. The tracker has no serialisable state, so it is rebuilt from the
 * model JSON and replays the series from the fit's first bar: O(T K^2 D), milliseconds for decades of daily
 * bars, and exactly the filtered probabilities of the extended series.
 */
export async function updateTrackedFits(ctx: AppContext, event: PlatformEvents['bars.ingested']): Promise<number> {
  const fits = await listTrackedFits(ctx.db.orm, { instrumentId: event.instrumentId, timeframe: event.timeframe });
  let updated = 0;
  for (const fit of fits) {
    if (fit.current && event.lastTs <= fit.current.ts) continue; // nothing newer than what the fit has seen
    if (await advanceFit(ctx, fit, event.symbol, event.timeframe)) updated += 1;
  }
  return updated;
}

async function advanceFit(ctx: AppContext, fit: RegimeFitHead, symbol: string, timeframe: Timeframe): Promise<boolean> {
  const json = await readRegimeFitColumn(ctx.db.orm, fit.id, 'model');
  const firstBarTs = fit.current?.firstBarTs;
  if (!json || firstBarTs === undefined) return false;
  const tracker = new RegimeTracker(fromModelJson(json));
  const bars = await loadBarSeries(ctx, symbol, timeframe, { from: firstBarTs });
  const last = bars[bars.length - 1];
  if (!last) return false;
  for (const bar of bars) tracker.add(bar);
  const probs = tracker.getResult();
  if (!probs) return false;
  await advanceCurrent(ctx.db.orm, fit.id, { ts: last.ts, probs: Array.from(probs), firstBarTs });
  return true;
}
