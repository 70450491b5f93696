import type { Cron } from 'croner';
import { pino } from 'pino';
import type { AppConfig } from '../config/config.schema';
import type { Database } from '../db/database';
import type { Metrics } from '../observability/metrics';
import { backoffDelay } from './backoff';
import { createCron } from './cron';
import { QueueClosedError } from './queue-closed.error';
import type { EnqueueOptions, JobDefinition, JobQueue, QueueStateCounts } from './job-queue';
import { JobRegistry } from './job-registry';
import { JobRunsStore } from './job-runs.store';
import { tallyByName } from './queue-counts';
import { RunRecorder, type JobLogger, type RunOutcome } from './run-recorder';

export interface InProcessQueueOptions {
  db: Database;
  metrics: Pick<Metrics, 'jobDuration' | 'jobFailures' | 'queueDepth'>;
  jobs: Pick<AppConfig['jobs'], 'concurrency' | 'attempts' | 'backoffMs'>;
  /** 0..1; see backoffDelay. */
  jitter?: number;
  log?: JobLogger;
}

interface PendingJob {
  runId: string;
  name: string;
  payload: unknown;
  idempotencyKey: string | undefined;
  attempt: number;
}

const slotOf = (name: string, key: string) => `${name}\u0000${key}`;

/**
 * The embedded job runner: jobs run in this process, at most `concurrency` at once, retried with exponential
 * backoff, and cron schedules fire from croner timers. Nothing survives a restart except job_runs rows
 * (a job still waiting at shutdown stays `queued` there); the distributed mode uses BullMQ for durability.
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process';
  private readonly registry = new JobRegistry();
  private readonly ready: PendingJob[] = [];
  private readonly delayed = new Map<PendingJob, NodeJS.Timeout>();
  private readonly running = new Map<PendingJob, Promise<void>>();
  /** Runs not finished yet per (name, idempotency key): a second enqueue of the key joins the first. */
  private readonly pendingKeys = new Map<string, Promise<string>>();
  private readonly schedules = new Map<string, Cron>();
  private readonly abort = new AbortController();
  private readonly recorder: RunRecorder;
  private readonly log: JobLogger;
  private started = false;
  private closed = false;

  constructor(private readonly options: InProcessQueueOptions) {
    this.log = options.log ?? pino({ level: 'silent' });
    this.recorder = new RunRecorder(new JobRunsStore(options.db.orm), options.metrics, this.log);
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
    if (key === undefined) return { id: await this.add(name, payload, undefined, options.delayMs) };

    const slot = slotOf(name, key);
    let id = this.pendingKeys.get(slot);
    if (!id) {
      id = this.addOnce(slot, name, payload, key, options.delayMs);
      this.pendingKeys.set(slot, id);
      id.catch(() => this.pendingKeys.delete(slot));
    }
    return { id: await id };
  }

  async schedule(name: string, cron: string, payload: unknown = {}): Promise<void> {
    this.assertOpen('schedule');
    this.registry.require(name, 'schedule');
    const job = createCron(name, cron, !this.started, () => {
      this.enqueue(name, payload).catch((err: unknown) =>
        this.log.error({ job: name, err }, 'scheduled job could not be enqueued'),
      );
    });
    // Scheduling a name again replaces its schedule, as BullMQ's upsertJobScheduler does.
    this.schedules.get(name)?.stop();
    this.schedules.set(name, job);
  }

  async unschedule(name: string): Promise<void> {
    this.assertOpen('unschedule');
    this.schedules.get(name)?.stop();
    this.schedules.delete(name);
  }

  async start(): Promise<void> {
    this.assertOpen('start');
    if (this.started) return;
    this.started = true;
    for (const job of this.schedules.values()) job.resume();
    this.pump();
  }

  async depth(): Promise<number> {
    return this.updateDepth();
  }

  async counts(): Promise<Record<string, QueueStateCounts>> {
    return tallyByName(this.registry.names(), [
      ...this.ready.map((job) => ({ name: job.name, state: 'waiting' as const })),
      ...[...this.delayed.keys()].map((job) => ({ name: job.name, state: 'delayed' as const })),
      ...[...this.running.keys()].map((job) => ({ name: job.name, state: 'active' as const })),
    ]);
  }

  async ping(): Promise<void> {
    this.assertOpen('ping');
  }

  /** Stops schedules and timers, aborts running handlers through their signal and waits for them to settle. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.schedules.values()) job.stop();
    for (const timer of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    this.ready.length = 0;
    this.abort.abort(new QueueClosedError('close'));
    await Promise.allSettled(this.running.values());
    this.updateDepth();
  }

  private async addOnce(slot: string, name: string, payload: unknown, key: string, delayMs?: number): Promise<string> {
    const done = await this.recorder.runs.findSucceeded(name, key);
    if (!done) return this.add(name, payload, key, delayMs);
    this.pendingKeys.delete(slot);
    return done.id;
  }

  private async add(name: string, payload: unknown, key: string | undefined, delayMs = 0): Promise<string> {
    const runId = await this.recorder.runs.recordQueued({ name, idempotencyKey: key, payload });
    if (!this.closed) this.place({ runId, name, payload, idempotencyKey: key, attempt: 1 }, delayMs);
    return runId;
  }

  private place(job: PendingJob, delayMs: number): void {
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        this.delayed.delete(job);
        this.ready.push(job);
        this.pump();
      }, delayMs);
      this.delayed.set(job, timer);
    } else {
      this.ready.push(job);
    }
    this.pump();
  }

  private pump(): void {
    while (this.started && !this.closed && this.running.size < this.options.jobs.concurrency) {
      const job = this.ready.shift();
      if (!job) break;
      this.running.set(job, this.run(job));
    }
    this.updateDepth();
  }

  private async run(job: PendingJob): Promise<void> {
    const { attempts } = this.options.jobs;
    const outcome = await this.recorder
      .execute(this.registry.require(job.name, 'run'), {
        ...job,
        maxAttempts: attempts,
        signal: this.abort.signal,
        retriedAfterAbort: false,
      })
      .catch((err: unknown): RunOutcome => {
        // Recording itself failed (database down): count it as a failed attempt so the job is retried.
        this.log.error({ job: job.name, runId: job.runId, err }, 'job run could not be recorded');
        const error = err instanceof Error ? err : new Error(String(err));
        return job.attempt < attempts ? { status: 'retry', error } : { status: 'failed', error };
      });
    this.running.delete(job);
    if (outcome.status === 'retry' && !this.closed) {
      const delay = backoffDelay(job.attempt, this.options.jobs.backoffMs, this.options.jitter);
      this.place({ ...job, attempt: job.attempt + 1 }, delay);
    } else if (job.idempotencyKey !== undefined) {
      this.pendingKeys.delete(slotOf(job.name, job.idempotencyKey));
    }
    this.pump();
  }

  private assertOpen(operation: string): void {
    if (this.closed) throw new QueueClosedError(operation);
  }

  private updateDepth(): number {
    const depth = this.ready.length + this.delayed.size;
    this.options.metrics.queueDepth.set({ queue: this.kind }, depth);
    return depth;
  }
}
