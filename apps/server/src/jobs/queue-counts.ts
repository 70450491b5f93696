import type { QueueStateCounts } from './job-queue';

export const noJobs = (): QueueStateCounts => ({ waiting: 0, active: 0, delayed: 0 });

/** Counts per name, starting from zero for every registered name so an idle job still has its row. */
export function tallyByName(
  names: readonly string[],
  jobs: Iterable<{ name: string; state: keyof QueueStateCounts }>,
): Record<string, QueueStateCounts> {
  const counts: Record<string, QueueStateCounts> = Object.fromEntries(names.map((n) => [n, noJobs()]));
  for (const job of jobs) (counts[job.name] ??= noJobs())[job.state] += 1;
  return counts;
}
