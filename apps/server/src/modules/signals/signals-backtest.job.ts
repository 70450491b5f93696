import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import {
  failAbandonedBacktest,
  runQueuedBacktest,
  SIGNALS_BACKTEST_JOB,
  type SignalsBacktestPayload,
} from './backtests.service';

/**
 * `signals.backtest`: runs a queued backtest (POST /backtests), writing its progress to the backtests row
 * and its result on success, its reason on failure. Idempotent: one run per backtest id, and a finished
 * backtest is left alone if the job is delivered again.
 */
export function signalsBacktestJob(
  ctx: AppContext,
): JobDefinition<SignalsBacktestPayload, { backtestId: string; status: string }> {
  return {
    name: SIGNALS_BACKTEST_JOB,
    idempotencyKey: (payload) => payload.backtestId,
    handler: async (payload, job) => {
      const status = await runQueuedBacktest(ctx, payload, job.signal);
      job.log('backtest finished', { backtestId: payload.backtestId, status });
      return { backtestId: payload.backtestId, status };
    },
    onGivenUp: (payload, reason) => failAbandonedBacktest(ctx, payload.backtestId, reason),
  };
}
