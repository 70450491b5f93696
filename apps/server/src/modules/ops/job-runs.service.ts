import type { JobRun as JobRunDto } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import { JobRunsStore, type JobRun } from '../../jobs/job-runs.store';
import type { AuditMeta } from '../auth/audit.service';
import { recordOpsAudit } from './ops-audit';

export const toJobRunDto = (r: JobRun): JobRunDto => ({
  id: r.id,
  name: r.name,
  status: r.status,
  attempt: r.attempt,
  error: r.error,
  queuedAt: r.queuedAt.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** A manual run of a job from the Ops page, with an empty payload (a scheduled run's). */
export async function runJobNow(ctx: AppContext, name: string, meta: AuditMeta): Promise<{ id: string }> {
  if (!ctx.jobs.has(name)) throw new NotFoundError(`Job ${name}`, 'JOB_NOT_FOUND');
  const { id } = await ctx.jobs.enqueue(name, {});
  await recordOpsAudit(ctx.db.orm, { ...meta, action: 'jobs.run', target: name, details: { runId: id } });
  return { id };
}

/**
 * Runs a failed run's job again with the same payload and idempotency key, as a new run: the failed one stays
 * in the history with its error. Only failed runs: a queued or running one is still being retried by its queue.
 */
export async function retryFailedRun(ctx: AppContext, runId: string, meta: AuditMeta): Promise<{ id: string }> {
  const run = await new JobRunsStore(ctx.db.orm).findById(runId);
  if (!run) throw new NotFoundError(`Job run ${runId}`, 'JOB_RUN_NOT_FOUND');
  if (run.status !== 'failed') {
    throw new ConflictError(
      'JOB_RUN_NOT_FAILED',
      `Job run ${runId} is ${run.status}, not failed: only failed runs are retried`,
    );
  }
  if (!ctx.jobs.has(run.name)) throw new NotFoundError(`Job ${run.name}`, 'JOB_NOT_FOUND');
  const { id } = await ctx.jobs.enqueue(run.name, run.payload, { idempotencyKey: run.idempotencyKey ?? undefined });
  await recordOpsAudit(ctx.db.orm, {
    ...meta,
    action: 'jobs.retry',
    target: run.name,
    details: { runId: id, retryOf: run.id },
  });
  return { id };
}
