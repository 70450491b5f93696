import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { rebuildSnapshots, type RebuildProgress, type RebuildRequest } from './snapshots.service';
import { saveRebuildProgress } from './rebuild-progress';

export const SCREENER_REBUILD_JOB = 'screener.rebuild';

export interface ScreenerRebuildPayload extends RebuildRequest {
  universeId: string;
}

/**
 * `screener.rebuild`: snapshots for past dates from stored bars (every trading day or every week's last),
 * progress stored as it goes (GET /screener/universes/:id/rebuild). Idempotent: dates already built are kept
 * unless `replace`, so a retry continues where the failed attempt stopped.
 */
export function screenerRebuildJob(ctx: AppContext): JobDefinition<ScreenerRebuildPayload, RebuildProgress> {
  return {
    name: SCREENER_REBUILD_JOB,
    handler: async (payload, job) => {
      const report = (state: 'running' | 'succeeded' | 'failed', p: RebuildProgress, error: string | null = null) =>
        saveRebuildProgress(ctx, payload.universeId, { state, ...p, error });
      let last: RebuildProgress = { done: 0, total: 0, built: 0, skipped: 0 };
      try {
        const result = await rebuildSnapshots(
          ctx,
          payload.universeId,
          payload,
          async (p) => {
            last = p;
            // Every date is written; a log line every 10% is enough.
            await report('running', p);
            if (p.total > 0 && p.done % Math.max(1, Math.ceil(p.total / 10)) === 0)
              job.log('screener rebuild', { ...p });
          },
          job.signal,
        );
        const { dates: _dates, ...progress } = result;
        await report('succeeded', progress);
        return progress;
      } catch (err) {
        await report('failed', last, err instanceof Error ? err.message : String(err));
        throw err;
      }
    },
  };
}
