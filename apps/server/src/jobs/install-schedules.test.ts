import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '../../test/test-databases';
import { createMetrics } from '../observability/metrics';
import { InProcessJobQueue } from './in-process-queue';
import { installSchedules } from './install-schedules';
import { UnknownJobError } from './unknown-job.error';
import { contractJobsConfig } from './job-queue.contract';
import { JobRunsStore } from './job-runs.store';

let database: MigratedTestDatabase | undefined;
beforeAll(async () => {
  database = await openMigratedTestDatabase('pglite');
});
afterAll(async () => {
  await database?.cleanup();
});

const newQueue = () =>
  new InProcessJobQueue({ db: database!.db, metrics: createMetrics(new Registry()), jobs: contractJobsConfig });
const config = (schedules: Record<string, { cron: string; enabled: boolean }>) => ({
  jobs: { ...contractJobsConfig, schedules },
});

describe('installSchedules', () => {
  it('installs enabled schedules of registered jobs and skips disabled ones', async () => {
    const jobs = newQueue();
    jobs.register({ name: 'sched.on', handler: async () => 'ran' });
    jobs.register({ name: 'sched.off', handler: async () => 'ran' });
    try {
      const installed = await installSchedules({
        config: config({
          'sched.on': { cron: '* * * * * *', enabled: true },
          'sched.off': { cron: '* * * * * *', enabled: false },
          'sched.never-registered-but-disabled': { cron: '* * * * *', enabled: false },
        }),
        jobs,
      });
      expect(installed).toEqual(['sched.on']);
      await jobs.start();
      const store = new JobRunsStore(database!.db.orm);
      await expect
        .poll(async () => (await store.listRuns({ name: 'sched.on', limit: 1 }))[0]?.status, { timeout: 20_000 })
        .toBe('succeeded');
      expect(await store.listRuns({ name: 'sched.off', limit: 1 }), 'a disabled schedule never fires').toEqual([]);
    } finally {
      await jobs.close();
    }
  });

  it('removes the schedule of a job the config now disables (an earlier release may have installed it)', async () => {
    const jobs = newQueue();
    jobs.register({ name: 'sched.turned-off', handler: async () => 'ran' });
    try {
      await jobs.schedule('sched.turned-off', '* * * * * *');
      const installed = await installSchedules({
        config: config({ 'sched.turned-off': { cron: '* * * * * *', enabled: false } }),
        jobs,
      });
      expect(installed).toEqual([]);
      await jobs.start();
      await new Promise((r) => setTimeout(r, 2_500));
      const store = new JobRunsStore(database!.db.orm);
      expect(await store.listRuns({ name: 'sched.turned-off', limit: 1 }), 'it no longer fires').toEqual([]);
    } finally {
      await jobs.close();
    }
  });

  it('rejects an enabled schedule naming an unregistered job, naming it and its config key', async () => {
    const jobs = newQueue();
    jobs.register({ name: 'sched.known', handler: async () => null });
    try {
      const attempt = installSchedules({
        config: config({
          'sched.known': { cron: '0 0 * * *', enabled: true },
          'ingest.pricez': { cron: '15 22 * * 1-5', enabled: true },
        }),
        jobs,
      });
      await expect(attempt).rejects.toThrow(UnknownJobError);
      await expect(attempt).rejects.toThrow(/"ingest\.pricez".*jobs\.schedules\.ingest\.pricez/);
    } finally {
      await jobs.close();
    }
  });
});
