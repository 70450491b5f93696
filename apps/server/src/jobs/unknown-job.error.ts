/** Enqueueing, scheduling or installing a schedule for a job name no handler was registered for. */
export class UnknownJobError extends Error {
  override readonly name = 'UnknownJobError';
  constructor(
    readonly jobName: string,
    readonly where: string,
  ) {
    super(`job "${jobName}" is not registered (${where})`);
  }
}
