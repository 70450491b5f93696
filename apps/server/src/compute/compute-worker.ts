import { parentPort } from 'node:worker_threads';
import type { RunMessage, WorkerMessage } from './compute-protocol';
import { isComputeTask, type ComputeTask } from './compute-task';
import { serializeError } from './serialized-error';
import { UnknownComputeTaskError } from './unknown-compute-task.error';

// The body of a compute worker (loaded by compute-worker.mjs): runs one task at a time for the pool.

type AnyTask = ComputeTask<unknown, unknown, unknown>;

const port = parentPort;
if (!port) throw new Error('compute-worker.ts runs only as a worker thread (see compute-pool.ts)');

const tasks = new Map<string, Promise<AnyTask>>();

/** Imports the task's module once and finds the exported task with that name. */
function loadTask(module: string, name: string): Promise<AnyTask> {
  const key = `${module}#${name}`;
  let task = tasks.get(key);
  if (!task) {
    task = import(module).then((exports: Record<string, unknown>) => {
      const found = Object.values(exports).find((v): v is AnyTask => isComputeTask(v) && v.name === name);
      if (!found) throw new UnknownComputeTaskError(name, module);
      return found;
    });
    tasks.set(key, task);
  }
  return task;
}

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function run(message: RunMessage): Promise<void> {
  const { id } = message;
  try {
    const task = await loadTask(message.module, message.task);
    const output = await task.run(message.input, { progress: (value) => post({ type: 'progress', id, value }) });
    // A DataCloneError (output that cannot cross threads) is thrown here and reported as the task's error.
    post({ type: 'done', id, output }, task.transferOutput?.(output) ?? []);
  } catch (err) {
    post({ type: 'failed', id, error: serializeError(err) });
  }
}

port.on('message', (message: RunMessage) => void run(message));
