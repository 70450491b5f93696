import type { Logger } from 'pino';
import type { Metrics } from '../observability/metrics';
import type { JobContext, JobDefinition } from './job-queue';
import type { JobRunsStore } from './job-runs.store';

export type JobLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface RunRequest {
  runId: string;
  name: string;
  payload: unknown;
  idempotencyKey: string | undefined;
  /** 1-based number of this attempt. */
  attempt: number;
  maxAttempts: number;
  signal: AbortSignal;
  /**
   * Whether an attempt interrupted by shutdown will run again elsewhere (BullMQ hands it to another worker)
   * or not (the in-process queue dies with its process), which decides if the run is recorded as queued or failed.
   */
  retriedAfterAbort: boolean;
}

export type RunOutcome =
  | { status: 'succeeded'; result: unknown }
  /** A run with the same idempotency key had already succeeded: its result, and the handler did not run. */
  | { status: 'skipped'; result: unknown; succeededRunId: string }
  | { status: 'retry'; error: Error }
  | { status: 'failed'; error: Error };

const toError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

/**
 * Runs one attempt of a job and records it: job_runs rows, duration and failure metrics, idempotency.
 * Both queues call this, so a run looks the same in the database and in Prometheus whichever queue ran it.
 * The queue only decides when to run an attempt and when to retry.
 */
export class RunRecorder {
  constructor(
    readonly runs: JobRunsStore,
    private readonly metrics: Pick<Metrics, 'jobDuration' | 'jobFailures'>,
    private readonly log: JobLogger,
  ) {}

  async execute(definition: JobDefinition<never, unknown>, req: RunRequest): Promise<RunOutcome> {
    const skipped = await this.alreadySucceeded(req);
    if (skipped) return skipped;

    await this.runs.recordRunning({ ...req, id: req.runId });
    const ctx: JobContext = {
      runId: req.runId,
      attempt: req.attempt,
      signal: req.signal,
      log: (message, fields) =>
        this.log.info({ ...fields, job: req.name, runId: req.runId, attempt: req.attempt }, message),
    };
    const started = performance.now();
    let result: unknown;
    try {
      result = await definition.handler(req.payload as never, ctx);
    } catch (err) {
      return this.attemptFailed(definition, req, toError(err), started);
    }
    this.observe(req.name, 'succeeded', started);
    if ((await this.runs.recordSucceeded(req.runId, req.attempt, result)) === 'duplicate') {
      // Another process finished the same key first; keep its row as the one record of the work.
      await this.runs.deleteRun(req.runId);
      const winner =
        req.idempotencyKey === undefined ? undefined : await this.runs.findSucceeded(req.name, req.idempotencyKey);
      return { status: 'skipped', result: winner?.result ?? result, succeededRunId: winner?.id ?? req.runId };
    }
    return { status: 'succeeded', result };
  }

  private async alreadySucceeded(req: RunRequest): Promise<RunOutcome | undefined> {
    if (req.idempotencyKey === undefined) return undefined;
    const done = await this.runs.findSucceeded(req.name, req.idempotencyKey);
    if (!done) return undefined;
    // A redelivery of this very run (worker died after recording) keeps its row; a second run is dropped.
    if (done.id !== req.runId) await this.runs.deleteRun(req.runId);
    this.log.info(
      { job: req.name, runId: req.runId, succeededRunId: done.id },
      'job skipped: idempotency key already done',
    );
    return { status: 'skipped', result: done.result, succeededRunId: done.id };
  }

  private async attemptFailed(
    definition: JobDefinition<never, unknown>,
    req: RunRequest,
    error: Error,
    started: number,
  ): Promise<RunOutcome> {
    this.observe(req.name, 'failed', started);
    this.metrics.jobFailures.inc({ job: req.name });
    const interrupted = req.signal.aborted && !req.retriedAfterAbort;
    const fields = { job: req.name, runId: req.runId, attempt: req.attempt, err: error };
    if (req.attempt < req.maxAttempts && !interrupted) {
      this.log.warn(fields, 'job attempt failed; will retry');
      await this.runs.recordRetrying(req.runId, req.attempt, error.message);
      return { status: 'retry', error };
    }
    this.log.error({ ...fields, interrupted }, 'job failed');
    const reason = interrupted ? `interrupted: ${error.message}` : error.message;
    await this.runs.recordFailed(req.runId, req.attempt, reason);
    await this.markGivenUp(definition, req, reason);
    return { status: 'failed', error };
  }

  /**
   * Lets the job mark its own row failed (its onGivenUp) once the queue stops trying a run. A failure to do so
   * is logged, not thrown: the run is recorded failed already, and the queue must go on.
   */
  async markGivenUp(
    definition: Pick<JobDefinition<never, unknown>, 'onGivenUp'> | undefined,
    run: Pick<RunRequest, 'name' | 'runId' | 'payload'>,
    reason: string,
  ): Promise<void> {
    if (!definition?.onGivenUp) return;
    try {
      await definition.onGivenUp(run.payload as never, reason);
    } catch (err) {
      this.log.warn({ err, job: run.name, runId: run.runId }, "could not mark a given-up job's own row failed");
    }
  }

  private observe(job: string, status: 'succeeded' | 'failed', started: number): void {
    this.metrics.jobDuration.observe({ job, status }, (performance.now() - started) / 1000);
  }
}
