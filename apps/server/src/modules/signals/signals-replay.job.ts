import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { runReplay, type ReplaySummary } from './replay.service';
import { SIGNALS_REPLAY_JOB, type SignalsReplayPayload } from './replays.service';

/**
 * `signals.replay` (POST /replays): streams a stored series into another instrument as closed bars at N x
 * speed, so deployments on that instrument run on it as on live data. Stopping the job stops the replay where
 * it is; the bars written so far stay (each was a closed bar when written).
 */
export function signalsReplayJob(ctx: AppContext): JobDefinition<SignalsReplayPayload, ReplaySummary> {
  return {
    name: SIGNALS_REPLAY_JOB,
    handler: async (payload, job) => {
      const summary = await runReplay(ctx, {
        source: {
          kind: 'stored',
          symbol: payload.symbol,
          timeframe: payload.timeframe,
          from: payload.from,
          to: payload.to,
        },
        speed: payload.speed === 0 ? Number.POSITIVE_INFINITY : payload.speed,
        timeframe: payload.resampleTo,
        storeAs: payload.storeAs,
        signal: job.signal,
      });
      job.log('replay finished', { storeAs: payload.storeAs, delivered: summary.delivered, aborted: summary.aborted });
      return summary;
    },
  };
}
