import { COLLECTOR_NAMES, type collectorStatusSchema } from '@marketlens/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { QuotaState } from '../../providers/social/social-post';
import { collectorClients, missingSetting } from './collector-clients';
import { insertCollectorRun, lastCollectorRun } from './collector-runs.store';

type CollectorName = (typeof COLLECTOR_NAMES)[number];
type CollectorStatus = z.infer<typeof collectorStatusSchema>;

export interface CollectorOutcome {
  status: 'ok' | 'skipped';
  items: number;
  quota: QuotaState | null;
  /** Why it was skipped, in words. */
  reason?: string;
}

const isoOrNull = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

/**
 * Runs one collector step and records it in collector_runs: its status, items, quota and, on failure, the
 * error in words (the message only: providers redact keys from URLs, and no stack is kept). Never throws, so
 * one collector failing does not stop the others.
 */
export async function recordCollectorRun(
  ctx: AppContext,
  collector: CollectorName,
  token: string | null,
  run: () => Promise<CollectorOutcome>,
): Promise<CollectorOutcome | { status: 'error'; error: string }> {
  const startedAt = new Date();
  try {
    const outcome = await run();
    await insertCollectorRun(ctx.db.orm, {
      collector,
      token,
      startedAt,
      finishedAt: new Date(),
      status: outcome.status,
      items: outcome.items,
      error: outcome.reason ?? null,
      quota: outcome.quota,
    });
    return outcome;
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await insertCollectorRun(ctx.db.orm, {
      collector,
      token,
      startedAt,
      finishedAt: new Date(),
      status: 'error',
      items: 0,
      error,
      quota: null,
    });
    ctx.log.warn({ collector, token, error }, 'memecoins: collector failed');
    return { status: 'error', error };
  }
}

/** Each collector's configuration, last run and quota, for the page and /memecoins/collectors. */
export async function collectorStatuses(ctx: AppContext): Promise<CollectorStatus[]> {
  const clients = collectorClients(ctx);
  return Promise.all(
    COLLECTOR_NAMES.map(async (name) => {
      const last = await lastCollectorRun(ctx.db.orm, name);
      const reason = missingSetting(ctx, name);
      const live = name === 'prices' ? null : clients[name]?.quota();
      const quota = live && (live.limit !== null || live.remaining !== null) ? live : (last?.quota ?? null);
      return {
        name,
        configured: reason === null,
        reason,
        lastRunAt: last?.finishedAt.toISOString() ?? null,
        lastStatus: last?.status ?? null,
        lastError: last?.status === 'ok' ? null : (last?.error ?? null),
        itemsLastRun: last?.items ?? null,
        quota: quota ? { limit: quota.limit, remaining: quota.remaining, resetAt: isoOrNull(quota.resetAt) } : null,
      };
    }),
  );
}
