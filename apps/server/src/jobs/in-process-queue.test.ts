import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '../../test/test-databases';
import { createMetrics } from '../observability/metrics';
import { InProcessJobQueue } from './in-process-queue';
import { contractJobsConfig, describeJobQueueContract } from './job-queue.contract';
import { JobRunsStore } from './job-runs.store';

let database: MigratedTestDatabase | undefined;
beforeAll(async () => {
  database = await openMigratedTestDatabase('pglite');
});
afterAll(async () => {
  await database?.cleanup();
});
const db = () => database!.db;
const metrics = createMetrics(new Registry());

describeJobQueueContract('in-process', {
  make: () => new InProcessJobQueue({ db: db(), metrics, jobs: contractJobsConfig }),
  db,
  metrics,
});

describe('InProcessJobQueue', () => {
  it('runs at most `concurrency` handlers at once', async () => {
    const queue = new InProcessJobQueue({ db: db(), metrics, jobs: { ...contractJobsConfig, concurrency: 2 } });
    let active = 0;
    let peak = 0;
    queue.register({
      name: 'inproc.concurrency',
      handler: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setImmediate(resolve));
        active -= 1;
      },
    });
    const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => queue.enqueue('inproc.concurrency', { i })));
    await queue.start();
    const store = new JobRunsStore(db().orm);
    for (const { id } of ids) {
      await expect.poll(async () => (await store.findById(id))?.status, { timeout: 20_000 }).toBe('succeeded');
    }
    await queue.close();
    expect(peak).toBe(2);
  });

  it('records a job interrupted by close() as failed, since nothing will run it again', async () => {
    const queue = new InProcessJobQueue({ db: db(), metrics, jobs: contractJobsConfig });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    queue.register({
      name: 'inproc.interrupted',
      handler: (_p, ctx) =>
        new Promise((_, reject) => {
          started();
          ctx.signal.addEventListener('abort', () => reject(new Error('stopped')));
        }),
    });
    await queue.start();
    const { id } = await queue.enqueue('inproc.interrupted', {});
    await running;
    await queue.close();
    expect(await new JobRunsStore(db().orm).findById(id)).toMatchObject({
      status: 'failed',
      error: 'interrupted: stopped',
      attempt: 1,
    });
  });
});
