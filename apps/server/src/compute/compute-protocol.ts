import type { SerializedError } from './serialized-error';

// Messages between the pool (calling thread) and a compute worker. One task at a time per worker.

export interface RunMessage {
  type: 'run';
  id: number;
  module: string;
  task: string;
  input: unknown;
}

export type WorkerMessage =
  | { type: 'progress'; id: number; value: unknown }
  | { type: 'done'; id: number; output: unknown }
  | { type: 'failed'; id: number; error: SerializedError };
