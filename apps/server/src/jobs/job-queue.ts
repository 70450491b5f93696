/**
 * One job interface, two implementations chosen at start-up: in-process (embedded, cron schedules in this
 * process) and BullMQ on Redis (distributed). Handlers are idempotent: the same idempotency key is done once.
 */
export interface JobContext {
  readonly runId: string;
  readonly attempt: number;
  readonly signal: AbortSignal;
  log(message: string, fields?: Record<string, unknown>): void;
}

export type JobHandler<P = unknown, R = unknown> = (payload: P, ctx: JobContext) => Promise<R>;

export interface JobDefinition<P = unknown, R = unknown> {
  name: string;
  handler: JobHandler<P, R>;
  /** Derives the idempotency key of a payload; without it every enqueue runs. */
  idempotencyKey?: (payload: P) => string;
  /**
   * The queue stopped trying a run without a result: its last attempt threw (an abort at shutdown, a database
   * error: the handler's own failure path may not have run), or BullMQ gave up after its worker stopped more
   * than jobs.maxStalls times (the handler never ran to the end). A job that keeps a row of its own (a fit, a
   * backtest, a training) marks it failed here with `reason`, or the row would say `running` for good. Must touch
   * only a row that is still unfinished, and must be safe to call twice.
   */
  onGivenUp?: (payload: P, reason: string) => Promise<void>;
}

export interface EnqueueOptions {
  idempotencyKey?: string;
  delayMs?: number;
}

/** Jobs of one name by queue state: what the Ops page shows per job. */
export interface QueueStateCounts {
  /** Ready to run, waiting for a free slot or a worker. */
  waiting: number;
  /** Running now. */
  active: number;
  /** Waiting for a time: a retry's backoff, a delayed enqueue or (BullMQ) a schedule's next run. */
  delayed: number;
}

export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  register<P, R>(definition: JobDefinition<P, R>): void;
  /** Whether a handler named `name` is registered (install-schedules checks config against it; a manual run of an unknown name is a 404). */
  has(name: string): boolean;
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<{ id: string }>;
  /** Repeats `name` on a cron expression (UTC). Only the scheduler role installs schedules. */
  schedule(name: string, cron: string, payload?: unknown): Promise<void>;
  /** Removes the schedule of `name`, if any (a schedule disabled in config must stop firing). */
  unschedule(name: string): Promise<void>;
  /** Starts consuming jobs (worker role). */
  start(): Promise<void>;
  /** Jobs waiting to run, for the queue-depth metric. */
  depth(): Promise<number>;
  /**
   * Jobs by name and state, for the Ops page. Failed jobs are not here: BullMQ drops them at once (so a key can
   * run again) and the in-process queue forgets them, so failures are read from job_runs instead.
   */
  counts(): Promise<Record<string, QueueStateCounts>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
