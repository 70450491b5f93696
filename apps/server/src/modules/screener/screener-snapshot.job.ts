import type { AppContext } from '../../context';
import { HttpError } from '../../http/http-errors';
import type { JobDefinition } from '../../jobs/job-queue';
import { takeSnapshot } from './snapshots.service';
import { listUniverses } from './universes.store';

export const SCREENER_SNAPSHOT_JOB = 'screener.snapshot';

export interface ScreenerSnapshotPayload {
  /** One universe; default every universe. */
  universeId?: string;
  /** YYYY-MM-DD; default each universe's newest bar date. */
  asOf?: string;
  replace?: boolean;
}

export interface ScreenerSnapshotResult {
  universes: {
    universeId: string;
    name: string;
    asOf?: string;
    status: 'created' | 'kept' | 'skipped';
    reason?: string;
  }[];
}

/**
 * `screener.snapshot` (scheduled after the daily ingestion, and queued by the price jobs): a snapshot of each
 * universe as of its newest bars. Idempotent: a date already taken is kept. A universe without bars is
 * skipped with the reason; another failing does not stop the rest (the job fails at the end if any did).
 */
export function screenerSnapshotJob(ctx: AppContext): JobDefinition<ScreenerSnapshotPayload, ScreenerSnapshotResult> {
  return {
    name: SCREENER_SNAPSHOT_JOB,
    handler: async (payload, job) => {
      const all = await listUniverses(ctx.db.orm);
      const targets = payload?.universeId ? all.filter((u) => u.id === payload.universeId) : all;
      if (payload?.universeId && targets.length === 0)
        throw new Error(`screener.snapshot: no universe ${payload.universeId}`);
      const result: ScreenerSnapshotResult = { universes: [] };
      const failures: string[] = [];
      for (const universe of targets) {
        job.signal.throwIfAborted();
        try {
          const { snapshot, created } = await takeSnapshot(ctx, universe.id, {
            ...(payload?.asOf ? { asOf: payload.asOf } : {}),
            replace: payload?.replace ?? false,
          });
          result.universes.push({
            universeId: universe.id,
            name: universe.name,
            asOf: snapshot.asOf,
            status: created ? 'created' : 'kept',
          });
          job.log('screener snapshot', {
            universe: universe.name,
            asOf: snapshot.asOf,
            created,
            members: snapshot.memberCount,
          });
        } catch (err) {
          if (err instanceof HttpError && err.code === 'NO_BARS') {
            result.universes.push({
              universeId: universe.id,
              name: universe.name,
              status: 'skipped',
              reason: err.message,
            });
            continue;
          }
          const message = err instanceof Error ? err.message : String(err);
          failures.push(`${universe.name}: ${message}`);
          job.log('screener snapshot failed', { universe: universe.name, error: message });
        }
      }
      if (failures.length > 0) throw new Error(`screener.snapshot failed for ${failures.join('; ')}`);
      return result;
    },
  };
}
