import { Worker } from 'node:worker_threads';
import { ComputeWorkerCrashedError } from './compute-worker-crashed.error';
import type { RunMessage, WorkerMessage } from './compute-protocol';
import type { ComputeTask, ErrorClass } from './compute-task';
import { reviveError } from './serialized-error';
import { UnknownComputeTaskError } from './unknown-compute-task.error';

/** A task waiting for, or given to, a worker. */
export interface PendingTask {
  id: number;
  task: ComputeTask<unknown, unknown, unknown>;
  input: unknown;
  transfer: readonly ArrayBuffer[];
  onProgress?: (value: unknown) => void | Promise<void>;
  resolve(output: unknown): void;
  reject(reason: unknown): void;
}

interface RunningTask extends PendingTask {
  /** onProgress calls, chained so they run one after another and the result waits for the last one. */
  progress: Promise<void>;
  progressError?: unknown;
}

export interface PoolWorkerEvents {
  /** The worker finished a task and can take the next one. */
  onIdle(worker: PoolWorker): void;
  /** The thread is gone; `crashed` is the error its running task was rejected with, if it had one. */
  onExit(worker: PoolWorker, crashed?: ComputeWorkerCrashedError): void;
}

/** Errors of the pool itself that a worker may report. */
const POOL_ERRORS: readonly ErrorClass[] = [UnknownComputeTaskError];

/**
 * One worker thread and the task it runs. Idle threads are unref'd, so an idle pool never keeps the
 * process alive; a busy one is ref'd, so a task in flight is not cut off by the event loop running dry.
 */
export class PoolWorker {
  private readonly thread: Worker;
  private running: RunningTask | null = null;
  /** The thread's uncaught error, reported by 'error' just before 'exit'. */
  private uncaught: unknown;
  /** Terminating or dead: takes no more tasks (the pool drops it on 'exit'). */
  private ending = false;

  constructor(
    entry: URL,
    private readonly events: PoolWorkerEvents,
  ) {
    this.thread = new Worker(entry);
    this.thread.unref();
    this.thread.on('message', (message: WorkerMessage) => this.onMessage(message));
    this.thread.on('messageerror', (err) => this.stop(err));
    this.thread.on('error', (err) => {
      this.uncaught = err;
      this.ending = true;
    });
    this.thread.on('exit', (code) => this.onExit(code));
  }

  get busy(): boolean {
    return this.running !== null;
  }

  get available(): boolean {
    return !this.ending && this.running === null;
  }

  isRunning(id: number): boolean {
    return this.running?.id === id;
  }

  start(pending: PendingTask): void {
    const message: RunMessage = {
      type: 'run',
      id: pending.id,
      module: pending.task.module,
      task: pending.task.name,
      input: pending.input,
    };
    try {
      this.thread.postMessage(message, pending.transfer);
    } catch (err) {
      // The input cannot cross threads (a function, a class with private state ...): the thread stays idle.
      pending.reject(err);
      this.events.onIdle(this);
      return;
    }
    this.running = { ...pending, progress: Promise.resolve() };
    this.thread.ref();
  }

  /** Rejects the running task with `reason` and ends the thread (its computation cannot be interrupted). */
  stop(reason: unknown): void {
    const running = this.running;
    this.running = null;
    this.ending = true;
    running?.reject(reason);
    void this.thread.terminate();
  }

  async close(reason: (task: string) => unknown): Promise<void> {
    const running = this.running;
    this.running = null;
    this.ending = true;
    if (running) running.reject(reason(running.task.name));
    await this.thread.terminate();
  }

  private onMessage(message: WorkerMessage): void {
    const running = this.running;
    if (!running || message.id !== running.id) return;
    if (message.type === 'progress') {
      running.progress = running.progress
        .then(() => (running.progressError === undefined ? running.onProgress?.(message.value) : undefined))
        .catch((err: unknown) => {
          running.progressError = err;
        });
      return;
    }
    this.running = null;
    this.thread.unref();
    void running.progress.then(() => {
      if (running.progressError !== undefined) running.reject(running.progressError);
      else if (message.type === 'done') running.resolve(message.output);
      else running.reject(reviveError(message.error, [...(running.task.errors ?? []), ...POOL_ERRORS]));
    });
    this.events.onIdle(this);
  }

  private onExit(code: number): void {
    const running = this.running;
    this.running = null;
    this.ending = true;
    let crashed: ComputeWorkerCrashedError | undefined;
    if (running) {
      crashed = new ComputeWorkerCrashedError(
        running.task.name,
        code,
        this.uncaught === undefined ? undefined : { cause: this.uncaught },
      );
      running.reject(crashed);
    }
    this.events.onExit(this, crashed);
  }
}
