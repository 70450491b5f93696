/**
 * The worker running a task died before answering (uncaught error outside the task's promise, out of
 * memory, process.exit). The task is lost; the pool starts a new worker for the next task.
 */
export class ComputeWorkerCrashedError extends Error {
  override readonly name = 'ComputeWorkerCrashedError';
  constructor(
    readonly task: string,
    readonly exitCode: number,
    options?: ErrorOptions,
  ) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`compute worker crashed while running "${task}" (exit code ${exitCode})${reason}`, options);
  }
}
