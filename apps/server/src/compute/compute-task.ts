/** An error class a task may throw; the calling thread revives it as an instance of the same class. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => Error;

/** What a running task can tell the calling thread while it works. */
export interface ComputeTaskIO<P> {
  /** Sent to the caller's onProgress, in order; the task's result waits until every call has settled. */
  progress(value: P): void;
}

/**
 * A named piece of pure computation that the compute pool runs in a worker thread. Input, output and
 * progress cross the thread boundary by structured clone: plain data and typed arrays, no functions, no
 * class instances (they arrive as plain objects), no database handles. The task's file must not start
 * anything when imported: a worker imports it to find the task by name.
 */
export interface ComputeTask<I, O, P = never> {
  /** Unique within its module; names the task in errors and logs. */
  readonly name: string;
  /** `import.meta.url` of the file that defines the task: the worker imports it from there. */
  readonly module: string;
  /** Runs inside the worker. */
  run(input: I, io: ComputeTaskIO<P>): O | Promise<O>;
  /** Classes of the errors the task throws on purpose, so `instanceof` and HTTP mapping keep working. */
  readonly errors?: readonly ErrorClass[];
  /** Buffers of the output to move to the caller instead of copying (large typed arrays). */
  transferOutput?(output: O): ArrayBuffer[];
}

export function defineComputeTask<I, O, P = never>(task: ComputeTask<I, O, P>): ComputeTask<I, O, P> {
  return task;
}

export function isComputeTask(value: unknown): value is ComputeTask<unknown, unknown, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<ComputeTask<unknown, unknown, unknown>>;
  return typeof candidate.name === 'string' && typeof candidate.run === 'function';
}
