import { threadId } from 'node:worker_threads';
import { defineComputeTask, type ComputeTaskIO } from '../src/compute/compute-task';
import { TooFewRowsError } from '../src/modules/forecasts/forecast-errors';

// Compute tasks for the pool's own tests (compute-pool.test.ts): each shows one behaviour across threads.

/** Sums and scales a Float64Array; the scaled copy comes back by transfer. */
export const scaleTask = defineComputeTask({
  name: 'test.scale',
  module: import.meta.url,
  run: (input: { values: Float64Array; factor: number }) => ({
    threadId,
    sum: input.values.reduce((a, b) => a + b, 0),
    scaled: input.values.map((v) => v * input.factor),
  }),
  transferOutput: (output) => [output.scaled.buffer as ArrayBuffer],
});

export const progressTask = defineComputeTask({
  name: 'test.progress',
  module: import.meta.url,
  run: (steps: number, io: ComputeTaskIO<{ done: number; planned: number }>) => {
    for (let i = 1; i <= steps; i++) io.progress({ done: i, planned: steps });
    return steps;
  },
});

/** Throws the forecasts module's TooFewRowsError (an HttpError) with a cause, like a real training does. */
export const tooFewRowsTask = defineComputeTask({
  name: 'test.too-few-rows',
  module: import.meta.url,
  errors: [TooFewRowsError],
  run: (received: number) => {
    const err = new TooFewRowsError(225, received);
    throw Object.defineProperty(err, 'cause', { value: new RangeError('feature warm-up ate the rows') });
  },
});

class NotRegisteredError extends Error {
  override readonly name = 'NotRegisteredError';
  constructor(readonly detail: number) {
    super('a class the caller does not know');
  }
}

export const unregisteredErrorTask = defineComputeTask({
  name: 'test.unregistered-error',
  module: import.meta.url,
  run: () => {
    throw new NotRegisteredError(7);
  },
});

/** Ends the worker thread from inside a task, as a native crash or an OOM kill would. */
export const exitTask = defineComputeTask({
  name: 'test.exit',
  module: import.meta.url,
  run: (): number => process.exit(3),
});

/** An error thrown outside the task's promise: uncaught in the worker, which then dies. */
export const uncaughtTask = defineComputeTask({
  name: 'test.uncaught',
  module: import.meta.url,
  run: () =>
    new Promise<number>(() => {
      setTimeout(() => {
        throw new Error('boom outside the task');
      });
    }),
});

/** Says it started, then computes forever: only terminating its thread ends it. */
export const foreverTask = defineComputeTask({
  name: 'test.forever',
  module: import.meta.url,
  run: (_input: null, io: ComputeTaskIO<string>): number => {
    io.progress('started');
    for (;;) {
      /* spin */
    }
  },
});

export const whoAmITask = defineComputeTask({
  name: 'test.who-am-i',
  module: import.meta.url,
  run: (): number => threadId,
});
