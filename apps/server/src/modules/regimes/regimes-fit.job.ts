import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { failAbandonedFit, REGIMES_FIT_JOB, runQueuedFit } from './regimes.service';

export interface RegimesFitPayload {
  fitId: string;
}

/**
 * `regimes.fit`: runs a queued (large) fit, storing progress as it goes. Idempotent: a fit that already
 * succeeded is left alone; a fit whose data cannot be fitted is marked failed, not retried.
 */
export function regimesFitJob(ctx: AppContext): JobDefinition<RegimesFitPayload, { fitId: string; status: string }> {
  return {
    name: REGIMES_FIT_JOB,
    idempotencyKey: (payload) => payload.fitId,
    handler: async (payload, job) => {
      const fit = await runQueuedFit(ctx, payload.fitId, job.signal);
      job.log('regime fit finished', { fitId: payload.fitId, status: fit?.status ?? 'failed' });
      return { fitId: payload.fitId, status: fit?.status ?? 'failed' };
    },
    onGivenUp: (payload, reason) => failAbandonedFit(ctx, payload.fitId, reason),
  };
}
