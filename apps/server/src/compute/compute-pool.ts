import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import { ComputePoolClosedError } from './compute-pool-closed.error';
import type { ComputeTask } from './compute-task';
import type { ComputeWorkerCrashedError } from './compute-worker-crashed.error';
import { PoolWorker, type PendingTask } from './pool-worker';

export interface ComputeRunOptions<P> {
  /** Aborting drops a queued task, or terminates the worker running it; the task rejects with the reason. */
  signal?: AbortSignal;
  /** Called in order with the task's progress values; the result waits until the last call settles. */
  onProgress?: (value: P) => void | Promise<void>;
  /** Input buffers to move to the worker instead of copying; they are unusable here afterwards. */
  transfer?: readonly ArrayBuffer[];
}

export interface ComputePoolOptions {
  /** Worker threads at most; each runs one task at a time, further tasks wait in order. */
  size: number;
  log?: Pick<Logger, 'warn'>;
  /** The worker's entry file (tests: a worker that cannot start). */
  workerEntry?: URL;
}

const WORKER_ENTRY = new URL('./compute-worker.mjs', import.meta.url);

/** config compute.poolSize: "auto" leaves one core to the event loop (and the database in embedded mode). */
export function computePoolSize(setting: number | 'auto', cores = availableParallelism()): number {
  return setting === 'auto' ? Math.max(1, cores - 1) : setting;
}

/**
 * Runs pure compute tasks (trainings, regime fits, backtests) on a bounded set of worker threads, so the
 * event loop keeps answering requests while they run. Threads start on first use and stay for the next task;
 * a thread that dies fails its task with ComputeWorkerCrashedError and the next task gets a new thread.
 */
export class ComputePool {
  private readonly workers = new Set<PoolWorker>();
  private readonly queue: PendingTask[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ComputePoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`compute pool size must be an integer >= 1, got ${options.size}`);
    }
  }

  run<I, O, P>(task: ComputeTask<I, O, P>, input: I, options: ComputeRunOptions<P> = {}): Promise<O> {
    if (this.closed) return Promise.reject(new ComputePoolClosedError(task.name));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<O>((resolve, reject) => {
      const onAbort = () => this.abort(pending, signal?.reason);
      const done = () => signal?.removeEventListener('abort', onAbort);
      const pending: PendingTask = {
        id: this.nextId++,
        task: task as ComputeTask<unknown, unknown, unknown>,
        input,
        transfer: options.transfer ?? [],
        onProgress: options.onProgress as PendingTask['onProgress'],
        resolve: (output) => {
          done();
          resolve(output as O);
        },
        reject: (reason) => {
          done();
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(pending);
      this.drain();
    });
  }

  /** Threads alive, threads busy, tasks waiting: for tests and diagnostics. */
  stats(): { size: number; threads: number; busy: number; queued: number } {
    const busy = [...this.workers].filter((w) => w.busy).length;
    return { size: this.options.size, threads: this.workers.size, busy, queued: this.queue.length };
  }

  /** Rejects waiting and running tasks with ComputePoolClosedError and ends every thread. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new ComputePoolClosedError(pending.task.name));
    await Promise.all([...this.workers].map((w) => w.close((task) => new ComputePoolClosedError(task))));
  }

  private abort(pending: PendingTask, reason: unknown): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.reject(reason);
      return;
    }
    for (const worker of this.workers) if (worker.isRunning(pending.id)) worker.stop(reason);
  }

  private drain(): void {
    while (!this.closed && this.queue.length > 0) {
      let worker = [...this.workers].find((w) => w.available);
      if (!worker) {
        if (this.workers.size >= this.options.size) return;
        worker = this.spawn();
      }
      worker.start(this.queue.shift()!);
    }
  }

  private spawn(): PoolWorker {
    const worker = new PoolWorker(this.options.workerEntry ?? WORKER_ENTRY, {
      onIdle: () => this.drain(),
      onExit: (exited, crashed?: ComputeWorkerCrashedError) => {
        this.workers.delete(exited);
        if (crashed) this.options.log?.warn({ err: crashed, task: crashed.task }, 'compute worker crashed');
        this.drain();
      },
    });
    this.workers.add(worker);
    return worker;
  }
}
