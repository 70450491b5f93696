import { Cron } from 'croner';
import { InvalidScheduleError } from './invalid-schedule.error';

/**
 * Every schedule is read in UTC, by both queues, so "15 22 * * 1-5" means the same instant whatever the
 * server's time zone. Patterns have 5 fields, or 6 with seconds first.
 */
export const SCHEDULE_TIMEZONE = 'UTC';

/** Creates a croner job (paused when asked); an unparseable pattern becomes an InvalidScheduleError. */
export function createCron(jobName: string, pattern: string, paused: boolean, fire: () => void): Cron {
  try {
    return new Cron(pattern, { timezone: SCHEDULE_TIMEZONE, paused, protect: true }, fire);
  } catch (err) {
    throw new InvalidScheduleError(jobName, pattern, { cause: err });
  }
}

/** Validates a pattern without scheduling anything (the BullMQ queue hands the pattern to Redis). */
export function assertValidCron(jobName: string, pattern: string): void {
  createCron(jobName, pattern, true, () => {}).stop();
}

/** When a pattern fires next after `from` (UTC), for the Ops page; null for a pattern that never fires again. */
export function nextRunOf(jobName: string, pattern: string, from: Date): Date | null {
  const job = createCron(jobName, pattern, true, () => {});
  try {
    return job.nextRun(from);
  } finally {
    job.stop();
  }
}
