import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { evaluateRules } from './alert-rules.service';

export const ALERTS_EVALUATE_JOB = 'alerts.evaluate';

/**
 * `alerts.evaluate`: runs the enabled alert rules of one symbol (queued when its bars arrive) or of all
 * (the schedule, for rules on data that arrives without bars: regime odds, forecasts).
 */
export function alertsEvaluateJob(
  ctx: AppContext,
): JobDefinition<{ symbol?: string }, { rules: number; events: number }> {
  return {
    name: ALERTS_EVALUATE_JOB,
    handler: async (payload, job) => {
      const result = await evaluateRules(ctx, payload ?? {});
      job.log('alert rules evaluated', { symbol: payload?.symbol ?? 'all', ...result });
      return result;
    },
  };
}
