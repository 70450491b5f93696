import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-errors';
import { TooFewRowsError } from '../modules/forecasts/forecast-errors';
import {
  exitTask,
  foreverTask,
  progressTask,
  scaleTask,
  tooFewRowsTask,
  uncaughtTask,
  unregisteredErrorTask,
  whoAmITask,
} from '../../test/compute-fixture-tasks';
import { ComputePool, computePoolSize } from './compute-pool';
import { ComputePoolClosedError } from './compute-pool-closed.error';
import { ComputeWorkerCrashedError } from './compute-worker-crashed.error';
import { defineComputeTask } from './compute-task';
import { UnknownComputeTaskError } from './unknown-compute-task.error';

// Real worker threads loading the TypeScript fixtures through tsx (compute-worker.mjs), as in production.
// No timings: every assertion is about results, errors, order and which thread ran what.

/** Resolves with the first progress value, i.e. once the task is running in its worker. */
function started<T>(pool: ComputePool, signal?: AbortSignal) {
  let onStarted!: (value: string) => void;
  const isRunning = new Promise<string>((resolve) => (onStarted = resolve));
  const result = pool.run(foreverTask, null, { onProgress: onStarted, ...(signal ? { signal } : {}) });
  return { isRunning, result: result as Promise<T> };
}

describe('ComputePool', () => {
  const pool = new ComputePool({ size: 2 });
  afterAll(() => pool.close());

  it('runs a task on a worker thread and returns its result, typed arrays included', async () => {
    const values = Float64Array.from([1, 2, 3.5]);
    const out = await pool.run(scaleTask, { values, factor: 2 });
    expect(out.threadId, 'computed off the main thread').not.toBe(threadId);
    expect(out.sum).toBe(6.5);
    expect(out.scaled).toBeInstanceOf(Float64Array);
    expect(Array.from(out.scaled)).toEqual([2, 4, 7]);
    expect(Array.from(values), 'the input was copied, not moved').toEqual([1, 2, 3.5]);
  });

  it('moves input buffers listed in transfer instead of copying them', async () => {
    const values = Float64Array.from([4, 5]);
    const out = await pool.run(scaleTask, { values, factor: 1 }, { transfer: [values.buffer] });
    expect(out.sum).toBe(9);
    expect(values.length, 'a transferred buffer is detached on the calling side').toBe(0);
  });

  it('delivers progress in order and resolves only after the last onProgress call settled', async () => {
    const seen: number[] = [];
    const result = await pool.run(progressTask, 5, {
      onProgress: async ({ done }) => {
        await new Promise((r) => setImmediate(r));
        seen.push(done);
      },
    });
    expect(result).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('rethrows a registered error as its own class with its fields, stack and cause', async () => {
    const err = await pool.run(tooFewRowsTask, 12).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooFewRowsError);
    expect(err, 'the central HTTP handler maps it by HttpError').toBeInstanceOf(HttpError);
    const e = err as TooFewRowsError;
    expect(e).toMatchObject({
      name: 'TooFewRowsError',
      statusCode: 400,
      code: 'TOO_FEW_ROWS',
      required: 225,
      received: 12,
      details: { required: 225, received: 12 },
    });
    expect(e.message).toBe(new TooFewRowsError(225, 12).message);
    expect(e.stack, 'the stack is the worker one, pointing at the task').toContain('compute-fixture-tasks.ts');
    expect(e.cause).toBeInstanceOf(RangeError);
    expect((e.cause as Error).message).toBe('feature warm-up ate the rows');
  });

  it('keeps name, message and fields of an error class the task did not declare', async () => {
    const err = (await pool.run(unregisteredErrorTask, undefined).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({ name: 'NotRegisteredError', message: 'a class the caller does not know', detail: 7 });
  });

  it('answers UnknownComputeTaskError for a name the module does not export', async () => {
    const ghost = defineComputeTask({ name: 'test.ghost', module: scaleTask.module, run: () => 1 });
    const err = await pool.run(ghost, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownComputeTaskError);
    expect((err as Error).message).toContain('"test.ghost"');
  });

  it('fails the task of a worker that exits and runs the next task on a new worker', async () => {
    const err = await pool.run(exitTask, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ComputeWorkerCrashedError);
    expect(err).toMatchObject({ task: 'test.exit', exitCode: 3 });
    const after = await Promise.all([pool.run(whoAmITask, null), pool.run(whoAmITask, null)]);
    expect(new Set(after).size, 'both slots are usable again').toBe(2);
    expect(pool.stats().threads).toBeLessThanOrEqual(2);
  });

  it('names the uncaught error of a worker that dies outside the task', async () => {
    const err = await pool.run(uncaughtTask, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ComputeWorkerCrashedError);
    expect((err as Error).message).toContain('boom outside the task');
    expect(await pool.run(progressTask, 1), 'the pool still works').toBe(1);
  });

  it('fails the task with the reason when a worker cannot even start', async () => {
    const broken = new ComputePool({ size: 1, workerEntry: new URL('./no-such-worker.mjs', import.meta.url) });
    try {
      const err = await broken.run(whoAmITask, null).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ComputeWorkerCrashedError);
      expect((err as Error).message).toContain('no-such-worker.mjs');
    } finally {
      await broken.close();
    }
  });

  it('never runs more tasks at once than its size', async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => pool.run(whoAmITask, null)));
    expect(new Set(ids).size).toBeLessThanOrEqual(2);
    expect(pool.stats()).toMatchObject({ size: 2, busy: 0, queued: 0 });
  });

  it('drops a queued task on abort, and terminates the worker of a running one', async () => {
    const small = new ComputePool({ size: 1 });
    try {
      const running = new AbortController();
      const first = started(small, running.signal);
      await first.isRunning;
      const queued = new AbortController();
      const second = small.run(whoAmITask, null, { signal: queued.signal });
      expect(small.stats()).toMatchObject({ busy: 1, queued: 1 });
      queued.abort(new Error('not needed any more'));
      await expect(second).rejects.toThrow('not needed any more');
      running.abort(new Error('shutting down'));
      await expect(first.result).rejects.toThrow('shutting down');
      expect(typeof (await small.run(whoAmITask, null)), 'a fresh worker takes the next task').toBe('number');
    } finally {
      await small.close();
    }
  });

  it('closes: running and queued tasks reject with ComputePoolClosedError, threads end, later runs reject', async () => {
    const closing = new ComputePool({ size: 1 });
    const first = started(closing);
    await first.isRunning;
    const queued = closing.run(whoAmITask, null).catch((e: unknown) => e);
    const running = first.result.catch((e: unknown) => e);
    await closing.close();
    expect(await running).toBeInstanceOf(ComputePoolClosedError);
    expect(await queued).toBeInstanceOf(ComputePoolClosedError);
    await expect(closing.run(whoAmITask, null)).rejects.toBeInstanceOf(ComputePoolClosedError);
    expect(closing.stats().threads).toBe(0);
  });
});

describe('computePoolSize', () => {
  it('leaves one core free on "auto", at least one worker, and takes a number as given', () => {
    expect(computePoolSize('auto', 8)).toBe(7);
    expect(computePoolSize('auto', 2)).toBe(1);
    expect(computePoolSize('auto', 1)).toBe(1);
    expect(computePoolSize(3, 8)).toBe(3);
  });

  it('refuses a pool without workers', () => {
    expect(() => new ComputePool({ size: 0 })).toThrow(/>= 1/);
  });
});
