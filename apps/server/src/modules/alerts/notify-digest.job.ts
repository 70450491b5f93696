import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { buildDigests } from '../../notify/digest';

export const NOTIFY_DIGEST_JOB = 'notify.digest';

/** `notify.digest` (daily schedule): one digest per channel with digest subscriptions, of what was held. */
export function notifyDigestJob(ctx: AppContext): JobDefinition<unknown, { channels: number; items: number }> {
  return {
    name: NOTIFY_DIGEST_JOB,
    handler: async (_payload, job) => {
      const result = await buildDigests(ctx);
      job.log('digests built', result);
      return result;
    },
  };
}
