import { createHash, randomUUID } from 'node:crypto';
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import { pino } from 'pino';
import type { AppConfig } from '../config/config.schema';
import type { Database } from '../db/database';
import type { Metrics } from '../observability/metrics';
import { assertValidCron, SCHEDULE_TIMEZONE } from './cron';
import { QueueClosedError } from './queue-closed.error';
import type { EnqueueOptions, JobDefinition, JobQueue, QueueStateCounts } from './job-queue';
import { JobRegistry } from './job-registry';
import { JobRunsStore } from './job-runs.store';
import { tallyByName } from './queue-counts';
import { RunRecorder, type JobLogger } from './run-recorder';

export interface BullmqQueueOptions {
  url: string;
  db: Database;
  metrics: Pick<Metrics, 'jobDuration' | 'jobFailures' | 'queueDepth'>;
  jobs: Pick<AppConfig['jobs'], 'concurrency' | 'attempts' | 'backoffMs' | 'maxStalls'>;
  /** Redis key prefix of the queue (`<prefix>:<queueName>:...`); tests use a unique one per run. */
  prefix?: string;
  queueName?: string;
  /** 0..1, BullMQ's backoff jitter. */
  jitter?: number;
  /** How long ping() waits for Redis before reporting it unreachable. */
  pingTimeoutMs?: number;
  /**
   * How long a worker's job lock lasts without renewal and how often workers look for jobs whose lock ran out
   * (BullMQ's 30 s and 30 s by default); tests shorten them to see a dead worker's job within a second.
   */
  stallTimings?: { lockMs: number; checkEveryMs: number };
  log?: JobLogger;
}

/** What travels through Redis: the run id is chosen at enqueue (or on first pick for cron jobs). */
interface JobData {
  payload: unknown;
  runId?: string;
  idempotencyKey?: string;
}

const COUNTS_SCAN_LIMIT = 1_000;

/**
 * BullMQ ids may not contain ':' or be integers; a hash of (name, key) is neither and has a fixed length,
 * so a duplicate enqueue of the key while its job is still in Redis is dropped by BullMQ itself.
 */
export function idempotentJobId(name: string, key: string): string {
  return `idem-${createHash('sha256').update(`${name}\u0000${key}`).digest('hex')}`;
}

/**
 * Jobs on Redis through BullMQ (distributed mode): any process can enqueue, workers (start()) consume with
 * `concurrency` slots each, BullMQ retries with exponential backoff and cron schedules are job schedulers in
 * Redis, so they survive restarts and fire once however many scheduler processes run. Recording (job_runs,
 * metrics, idempotency) is the RunRecorder shared with the in-process queue.
 */
export class BullmqJobQueue implements JobQueue {
  readonly kind = 'bullmq';
  private readonly registry = new JobRegistry();
  private readonly queue: Queue<JobData, unknown, string>;
  private readonly recorder: RunRecorder;
  private readonly log: JobLogger;
  private readonly jobOptions: JobsOptions;
  private readonly queueName: string;
  private readonly prefix: string;
  private worker: Worker<JobData, unknown, string> | undefined;
  private closed = false;

  constructor(private readonly options: BullmqQueueOptions) {
    this.log = options.log ?? pino({ level: 'silent' });
    this.recorder = new RunRecorder(new JobRunsStore(options.db.orm), options.metrics, this.log);
    this.queueName = options.queueName ?? 'jobs';
    this.prefix = options.prefix ?? 'marketlens';
    this.jobOptions = {
      attempts: options.jobs.attempts,
      backoff: { type: 'exponential', delay: options.jobs.backoffMs, jitter: options.jitter ?? 0 },
      // Finished jobs are recorded in job_runs. Completed ones stay a day so a late duplicate enqueue is still
      // dropped by its job id; failed ones go at once so the same key can be enqueued again.
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: true,
    };
    this.queue = new Queue<JobData, unknown, string>(this.queueName, {
      connection: { url: options.url },
      prefix: this.prefix,
      defaultJobOptions: this.jobOptions,
    });
    this.queue.on('error', (err) => this.log.warn({ err }, 'BullMQ queue connection error'));
  }

  register<P, R>(definition: JobDefinition<P, R>): void {
    this.registry.register(definition);
  }

  has(name: string): boolean {
    return this.registry.has(name);
  }

  async enqueue<P>(name: string, payload: P, options: EnqueueOptions = {}): Promise<{ id: string }> {
    this.assertOpen('enqueue');
    const definition = this.registry.require(name, 'enqueue');
    const key = options.idempotencyKey ?? definition.idempotencyKey?.(payload as never);
    if (key !== undefined) {
      const done = await this.recorder.runs.findSucceeded(name, key);
      if (done) return { id: done.id };
    }
    const runId = randomUUID();
    const jobId = key === undefined ? undefined : idempotentJobId(name, key);
    await this.queue.add(name, { payload, runId, idempotencyKey: key }, { jobId, delay: options.delayMs });
    if (jobId !== undefined) {
      const winner = await this.runOfExistingJob(jobId, runId, name, key!);
      if (winner !== undefined) return { id: winner };
    }
    await this.recorder.runs.recordQueued({ id: runId, name, idempotencyKey: key, payload });
    return { id: runId };
  }

  async schedule(name: string, cron: string, payload: unknown = {}): Promise<void> {
    this.assertOpen('schedule');
    this.registry.require(name, 'schedule');
    assertValidCron(name, cron);
    // The scheduler id is the job name: installing again (every scheduler start) updates it in place.
    await this.queue.upsertJobScheduler(
      name,
      { pattern: cron, tz: SCHEDULE_TIMEZONE },
      { name, data: { payload }, opts: this.jobOptions },
    );
  }

  async unschedule(name: string): Promise<void> {
    this.assertOpen('unschedule');
    // Schedulers live in Redis and outlive the process that installed them: only removing them stops them.
    await this.queue.removeJobScheduler(name);
  }

  async start(): Promise<void> {
    this.assertOpen('start');
    if (this.worker) return;
    this.worker = new Worker<JobData, unknown, string>(
      this.queueName,
      (job, _token, signal) => this.process(job, signal ?? new AbortController().signal),
      {
        connection: { url: this.options.url },
        prefix: this.prefix,
        concurrency: this.options.jobs.concurrency,
        // A job whose worker died (its lock ran out) goes back to the queue; only after more than maxStalls such
        // deaths does BullMQ give up on it. BullMQ's default of 1 failed a job whose worker was killed twice
        // while it ran (the fault suite's worker-kill did that under load); a job that kills every worker it
        // runs on still stops after maxStalls + 1 tries.
        maxStalledCount: this.options.jobs.maxStalls,
        ...(this.options.stallTimings && {
          lockDuration: this.options.stallTimings.lockMs,
          stalledInterval: this.options.stallTimings.checkEveryMs,
        }),
      },
    );
    this.worker.on('error', (err) => this.log.warn({ err }, 'BullMQ worker error'));
    this.worker.on('failed', (job, err) => void this.recordGivenUp(job, err));
    await this.worker.waitUntilReady();
  }

  /** Waiting + delayed + prioritized jobs (a cron schedule keeps its next run delayed, so it counts one). */
  async depth(): Promise<number> {
    const depth = await this.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized');
    this.options.metrics.queueDepth.set({ queue: this.kind }, depth);
    return depth;
  }

  /**
   * BullMQ counts states only for the whole queue, so the jobs are read and grouped by name: at most
   * COUNTS_SCAN_LIMIT per state, enough for an Ops page (the queue-depth metric stays exact).
   */
  async counts(): Promise<Record<string, QueueStateCounts>> {
    const states: [keyof QueueStateCounts, ('waiting' | 'prioritized' | 'active' | 'delayed')[]][] = [
      ['waiting', ['waiting', 'prioritized']],
      ['active', ['active']],
      ['delayed', ['delayed']],
    ];
    const read = await Promise.all(
      states.map(async ([state, types]) =>
        // A job removed between listing and reading comes back undefined.
        (await this.queue.getJobs(types, 0, COUNTS_SCAN_LIMIT - 1))
          .filter((job) => job !== undefined)
          .map((job) => ({ name: job.name, state })),
      ),
    );
    return tallyByName(this.registry.names(), read.flat());
  }

  async ping(): Promise<void> {
    this.assertOpen('ping');
    const timeoutMs = this.options.pingTimeoutMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer PING within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([(async () => (await this.queue.backend.client).runCommand('ping', []))(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Aborts running handlers (BullMQ retries them on another worker), then closes worker, queue and connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.worker) {
      this.worker.cancelAllJobs('job queue closing');
      await this.worker.close();
    }
    await this.queue.close();
  }

  private async process(job: Job<JobData, unknown, string>, signal: AbortSignal): Promise<unknown> {
    const definition = this.registry.get(job.name);
    if (!definition) throw new UnrecoverableError(`job "${job.name}" is not registered in this worker`);
    let runId = job.data.runId;
    if (runId === undefined) {
      // Cron jobs are made by BullMQ from a fixed template; give the run its id once, kept across retries.
      runId = randomUUID();
      await job.updateData({ ...job.data, runId });
    }
    const outcome = await this.recorder.execute(definition, {
      runId,
      name: job.name,
      payload: job.data.payload,
      idempotencyKey: job.data.idempotencyKey ?? definition.idempotencyKey?.(job.data.payload as never),
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      signal,
      retriedAfterAbort: true,
    });
    // Throwing hands the retry decision to BullMQ, which agrees with the recorder (same attempts).
    if (outcome.status === 'retry' || outcome.status === 'failed') throw outcome.error;
    return outcome.result;
  }

  /**
   * A job BullMQ failed without running it (its worker died more than maxStalls times) never reached the
   * recorder, so its run would stay `running` for good: it is recorded failed here, in words, so the Ops page
   * shows it with a retry button, and the job's own row (a fit, a backtest) is marked failed by its onGivenUp.
   * Failures our processor returned were recorded by the recorder already.
   */
  private async recordGivenUp(job: Job<JobData, unknown, string> | undefined, err: Error): Promise<void> {
    if (!job?.deferredFailure || job.data.runId === undefined) return;
    const stops = job.stalledCounter;
    const message = `gave up after the worker running it stopped ${stops} times (crashed, was killed or froze past its lock); more than jobs.maxStalls (${this.options.jobs.maxStalls}) allows`;
    this.log.error({ job: job.name, runId: job.data.runId, err }, 'job failed: its worker stopped too often');
    this.options.metrics.jobFailures.inc({ job: job.name });
    try {
      await this.recorder.runs.recordFailed(job.data.runId, job.attemptsStarted, message);
    } catch (recordErr) {
      this.log.warn({ err: recordErr, runId: job.data.runId }, 'could not record a given-up job');
    }
    await this.recorder.markGivenUp(
      this.registry.get(job.name),
      { name: job.name, runId: job.data.runId, payload: job.data.payload },
      message,
    );
  }

  /** After an add with a custom id: the run id of the job BullMQ kept, when that is not ours (a duplicate). */
  private async runOfExistingJob(jobId: string, runId: string, name: string, key: string): Promise<string | undefined> {
    const existing = await this.queue.getJob(jobId);
    if (existing) return existing.data.runId !== runId ? (existing.data.runId ?? existing.id) : undefined;
    // Already finished and removed: it either succeeded (so it is in job_runs) or failed and may run again.
    return (await this.recorder.runs.findSucceeded(name, key))?.id;
  }

  private assertOpen(operation: string): void {
    if (this.closed) throw new QueueClosedError(operation);
  }
}
