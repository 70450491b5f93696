import { and, count, desc, eq, gte, max } from 'drizzle-orm';
import type { Database, Orm } from '../db/database';
import { jobRuns } from '../db/schema';

export type JobRun = typeof jobRuns.$inferSelect;
export type JobRunStatus = JobRun['status'];

export interface NewJobRun {
  /** Given when the queue already chose the run id (BullMQ keeps it in the job's data). */
  id?: string;
  name: string;
  idempotencyKey?: string | undefined;
  payload: unknown;
}

export interface RunsQuery {
  name?: string | undefined;
  status?: JobRunStatus | undefined;
  limit: number;
}

/** The error column is for people reading the Ops page, not a log sink: keep it bounded. */
const MAX_ERROR_LENGTH = 4_000;

/** Postgres (and PGlite) report a unique-index violation as SQLSTATE 23505; drizzle wraps it in `cause`. */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Object; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** One row per job run (not per attempt): queued -> running -> (queued again between retries) -> succeeded | failed. */
export class JobRunsStore {
  constructor(private readonly orm: Orm) {}

  /** Inserts a queued run; an existing row with the same id (a worker got there first) is left alone. */
  async recordQueued(run: NewJobRun): Promise<string> {
    const [row] = await this.orm
      .insert(jobRuns)
      .values({ ...this.identity(run), status: 'queued' })
      .onConflictDoNothing({ target: jobRuns.id })
      .returning({ id: jobRuns.id });
    return row?.id ?? run.id!;
  }

  /** Marks an attempt as started, creating the row when the run was never recorded as queued (cron jobs). */
  async recordRunning(run: NewJobRun & { id: string; attempt: number }): Promise<void> {
    const startedAt = new Date();
    await this.orm
      .insert(jobRuns)
      .values({ ...this.identity(run), status: 'running', attempt: run.attempt, startedAt })
      .onConflictDoUpdate({
        target: jobRuns.id,
        set: { status: 'running', attempt: run.attempt, startedAt, finishedAt: null },
      });
  }

  /** A failed attempt that will be retried: back to queued, with the error that caused the retry. */
  async recordRetrying(id: string, attempt: number, error: string): Promise<void> {
    await this.orm
      .update(jobRuns)
      .set({ status: 'queued', attempt, error: clip(error) })
      .where(eq(jobRuns.id, id));
  }

  /**
   * Returns 'duplicate' instead of throwing when another run with the same (name, idempotency key) has
   * already succeeded: the partial unique index is the last word when two processes raced past the check.
   */
  async recordSucceeded(id: string, attempt: number, result: unknown): Promise<'recorded' | 'duplicate'> {
    try {
      await this.orm
        .update(jobRuns)
        .set({ status: 'succeeded', attempt, result: result ?? null, error: null, finishedAt: new Date() })
        .where(eq(jobRuns.id, id));
      return 'recorded';
    } catch (err) {
      if (isUniqueViolation(err)) return 'duplicate';
      throw err;
    }
  }

  async recordFailed(id: string, attempt: number, error: string): Promise<void> {
    await this.orm
      .update(jobRuns)
      .set({ status: 'failed', attempt, error: clip(error), finishedAt: new Date() })
      .where(eq(jobRuns.id, id));
  }

  /** Removes a run that turned out to duplicate an earlier succeeded one (it did no work of its own). */
  async deleteRun(id: string): Promise<void> {
    await this.orm.delete(jobRuns).where(eq(jobRuns.id, id));
  }

  async findById(id: string): Promise<JobRun | undefined> {
    const [row] = await this.orm.select().from(jobRuns).where(eq(jobRuns.id, id));
    return row;
  }

  async findSucceeded(name: string, idempotencyKey: string): Promise<JobRun | undefined> {
    const [row] = await this.orm
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.name, name), eq(jobRuns.idempotencyKey, idempotencyKey), eq(jobRuns.status, 'succeeded')))
      .limit(1);
    return row;
  }

  /** Newest first; served by the (name, queued_at) index when filtered by name. */
  async listRuns(query: RunsQuery): Promise<JobRun[]> {
    return this.orm
      .select()
      .from(jobRuns)
      .where(
        and(
          query.name === undefined ? undefined : eq(jobRuns.name, query.name),
          query.status === undefined ? undefined : eq(jobRuns.status, query.status),
        ),
      )
      .orderBy(desc(jobRuns.queuedAt), desc(jobRuns.id))
      .limit(query.limit);
  }

  /** Runs that ended failed since `since`, per job name (names with none are absent). */
  async failedCountsSince(since: Date): Promise<Record<string, number>> {
    const rows = await this.orm
      .select({ name: jobRuns.name, failed: count() })
      .from(jobRuns)
      .where(and(eq(jobRuns.status, 'failed'), gte(jobRuns.finishedAt, since)))
      .groupBy(jobRuns.name);
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.failed)]));
  }

  /** When a run of `name` last succeeded (for freshness metrics), or undefined if none ever did. */
  async lastSucceededAt(name: string): Promise<Date | undefined> {
    const [row] = await this.orm
      .select({ at: max(jobRuns.finishedAt) })
      .from(jobRuns)
      .where(and(eq(jobRuns.name, name), eq(jobRuns.status, 'succeeded')));
    return row?.at ? new Date(row.at) : undefined;
  }

  private identity(run: NewJobRun) {
    return {
      ...(run.id === undefined ? {} : { id: run.id }),
      name: run.name,
      idempotencyKey: run.idempotencyKey ?? null,
      // The column is NOT NULL; a job without a payload stores an empty object.
      payload: run.payload === undefined ? {} : run.payload,
    };
  }
}

/** Run history for the Ops page, newest first. */
export function listRuns(db: Database, query: RunsQuery): Promise<JobRun[]> {
  return new JobRunsStore(db.orm).listRuns(query);
}

function clip(error: string): string {
  return error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error;
}
