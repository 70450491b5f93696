import type { AppContext } from '../../context';
import { defineNotificationTopic } from '../../notify/notification-topics';
import { signalTopic } from './signal-notification';
import { signalsBacktestJob } from './signals-backtest.job';
import { signalsReplayJob } from './signals-replay.job';

/** The signals module's jobs (every role registers; see module-jobs.ts). The live engine registers its own. */
export function registerSignals(ctx: AppContext): void {
  ctx.jobs.register(signalsBacktestJob(ctx));
  ctx.jobs.register(signalsReplayJob(ctx));
  defineNotificationTopic(ctx, 'signal', signalTopic);
}
