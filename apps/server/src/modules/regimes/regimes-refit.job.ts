import { regimeFitOptionsSchema, type Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { getInstrumentInfo, loadBarSeries } from '../instruments/instruments.service';
import { listTrackedFits } from './regimes.store';
import { createFit } from './regimes.service';

export interface RegimesRefitResult {
  refits: {
    previousFitId: string;
    symbol: string;
    fitId?: string;
    status: 'succeeded' | 'queued' | 'failed';
    error?: string;
  }[];
}

/**
 * `regimes.refit` (scheduled from config): refits every tracked fit on all bars from its start up to now,
 * with its stored options. The new fit is tracked and takes over from the old one (which stays, untracked).
 * One instrument failing does not stop the others.
 */
export function regimesRefitJob(ctx: AppContext): JobDefinition<unknown, RegimesRefitResult> {
  return {
    name: 'regimes.refit',
    handler: async (_payload, job) => {
      const result: RegimesRefitResult = { refits: [] };
      for (const fit of await listTrackedFits(ctx.db.orm)) {
        job.signal.throwIfAborted();
        try {
          const instrument = await getInstrumentInfo(ctx, fit.symbol);
          const timeframe = fit.timeframe as Timeframe;
          const from = fit.fromTs?.getTime();
          const bars = await loadBarSeries(ctx, instrument.symbol, timeframe, { from });
          const options = regimeFitOptionsSchema.parse({ ...fit.options, tracked: true });
          const created = await createFit(
            ctx,
            { symbol: instrument.symbol, timeframe, instrument, bars, from },
            options,
          );
          result.refits.push({
            previousFitId: fit.id,
            symbol: fit.symbol,
            fitId: created.fit.id,
            status: created.status === 201 ? 'succeeded' : 'queued',
          });
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          job.log('regime refit failed', { fitId: fit.id, symbol: fit.symbol, error: message });
          result.refits.push({ previousFitId: fit.id, symbol: fit.symbol, status: 'failed', error: message });
        }
      }
      return result;
    },
  };
}
