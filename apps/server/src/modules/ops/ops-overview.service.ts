import type { OpsJob, OpsOverview, OpsSchedule } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { nextRunOf } from '../../jobs/cron';
import { JobRunsStore } from '../../jobs/job-runs.store';
import type { QueueStateCounts } from '../../jobs/job-queue';
import { countDeadDeliveries } from './dead-deliveries.store';
import { checkReadiness } from './readiness';

/** How far back the Ops page counts failed runs. */
export const FAILED_WINDOW_HOURS = 24;
const HOUR_MS = 3_600_000;

/**
 * Everything the Ops page shows at a glance. Each part degrades on its own: a queue or database that does
 * not answer leaves its numbers null (and the dependencies say why) instead of failing the whole page.
 */
export async function opsOverview(ctx: AppContext, now = new Date()): Promise<OpsOverview> {
  const since = new Date(now.getTime() - FAILED_WINDOW_HOURS * HOUR_MS);
  const [dependencies, counts, failed, dead] = await Promise.all([
    checkReadiness(ctx),
    settle(ctx.jobs.counts()),
    settle(new JobRunsStore(ctx.db.orm).failedCountsSince(since)),
    settle(countDeadDeliveries(ctx.db.orm)),
  ]);
  return {
    generatedAt: now.toISOString(),
    dependencies,
    queue: { kind: ctx.jobs.kind, error: counts.error },
    failedWindowHours: FAILED_WINDOW_HOURS,
    jobs: jobRows(counts.value, failed.value),
    schedules: schedules(ctx, now),
    deadLetteredDeliveries: dead.value ?? null,
  };
}

function jobRows(
  counts: Record<string, QueueStateCounts> | undefined,
  failed: Record<string, number> | undefined,
): OpsJob[] {
  const names = new Set([...Object.keys(counts ?? {}), ...Object.keys(failed ?? {})]);
  return [...names].sort().map((name) => {
    const state = counts?.[name];
    return {
      name,
      waiting: counts ? (state?.waiting ?? 0) : null,
      active: counts ? (state?.active ?? 0) : null,
      delayed: counts ? (state?.delayed ?? 0) : null,
      failed: failed ? (failed[name] ?? 0) : null,
    };
  });
}

function schedules(ctx: AppContext, now: Date): OpsSchedule[] {
  return Object.entries(ctx.config.jobs.schedules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, { cron, enabled }]) => {
      let next: Date | null = null;
      try {
        next = enabled ? nextRunOf(name, cron, now) : null;
      } catch {
        // An unreadable pattern stops the scheduler at start-up, with its message; here it just has no next run.
      }
      return { name, cron, enabled, nextRunAt: next?.toISOString() ?? null, registered: ctx.jobs.has(name) };
    });
}

async function settle<T>(promise: Promise<T>): Promise<{ value: T | undefined; error: string | null }> {
  try {
    return { value: await promise, error: null };
  } catch (err) {
    return { value: undefined, error: err instanceof Error ? err.message : String(err) };
  }
}
