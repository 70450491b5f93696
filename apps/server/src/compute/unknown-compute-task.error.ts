/** The worker imported the task's module and found no compute task of that name among its exports. */
export class UnknownComputeTaskError extends Error {
  override readonly name = 'UnknownComputeTaskError';
  constructor(
    readonly task: string,
    readonly module: string,
  ) {
    super(`no compute task "${task}" is exported by ${module}`);
  }
}
