/** A cron expression the scheduler cannot parse; the message names the job and the pattern. */
export class InvalidScheduleError extends Error {
  override readonly name = 'InvalidScheduleError';
  constructor(
    readonly jobName: string,
    readonly cron: string,
    options?: { cause?: unknown },
  ) {
    super(
      `invalid cron "${cron}" for job "${jobName}": ${(options?.cause as Error | undefined)?.message ?? 'unparseable'}`,
      options,
    );
  }
}
