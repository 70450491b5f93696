import type { AppConfig } from '../config/config.schema';
import { UnknownJobError } from './unknown-job.error';
import type { JobQueue } from './job-queue';
import type { JobLogger } from './run-recorder';

export interface InstallSchedulesContext {
  config: Pick<AppConfig, 'jobs'>;
  jobs: JobQueue;
  log?: Pick<JobLogger, 'info'>;
}

/**
 * Installs every enabled schedule of `config.jobs.schedules` (scheduler role) and removes the disabled ones of
 * registered jobs: BullMQ keeps schedulers in Redis, so one enabled by an earlier release would otherwise
 * keep firing after the config turned it off. All names are checked before anything changes, so a typo in
 * config stops start-up with the bad name instead of half a schedule.
 */
export async function installSchedules(ctx: InstallSchedulesContext): Promise<string[]> {
  const entries = Object.entries(ctx.config.jobs.schedules);
  const enabled = entries.filter(([, schedule]) => schedule.enabled);
  const unknown = enabled.find(([name]) => !ctx.jobs.has(name));
  if (unknown) throw new UnknownJobError(unknown[0], `config jobs.schedules.${unknown[0]}`);
  for (const [name, { cron }] of enabled) {
    await ctx.jobs.schedule(name, cron);
    ctx.log?.info({ job: name, cron }, 'schedule installed');
  }
  for (const [name] of entries.filter(([n, schedule]) => !schedule.enabled && ctx.jobs.has(n))) {
    await ctx.jobs.unschedule(name);
  }
  return enabled.map(([name]) => name);
}
