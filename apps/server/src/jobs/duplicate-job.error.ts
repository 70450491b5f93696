/** Every job name is registered once; a second registration is a wiring mistake. */
export class DuplicateJobError extends Error {
  override readonly name = 'DuplicateJobError';
  constructor(readonly jobName: string) {
    super(`job "${jobName}" is already registered`);
  }
}
