import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '../../test/test-databases';
import { createMetrics } from '../observability/metrics';
import { BullmqJobQueue, idempotentJobId } from './bullmq-queue';
import { contractJobsConfig, describeJobQueueContract } from './job-queue.contract';
import { JobRunsStore } from './job-runs.store';

const url = process.env.TEST_REDIS_URL;

describe.skipIf(!url)('BullmqJobQueue (needs TEST_REDIS_URL)', () => {
  // One prefix per run and one queue name per queue: parallel files, earlier runs and schedulers left in
  // Redis by another test never meet.
  const prefix = `test-jobs-${randomUUID()}`;
  let queues = 0;
  let database: MigratedTestDatabase | undefined;
  beforeAll(async () => {
    database = await openMigratedTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.cleanup();
    const admin = new Redis(url!);
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });
  const db = () => database!.db;
  const metrics = createMetrics(new Registry());
  const make = () =>
    new BullmqJobQueue({ url: url!, db: db(), metrics, jobs: contractJobsConfig, prefix, queueName: `q${++queues}` });

  describeJobQueueContract('bullmq', { make, db, metrics });

  it('derives a BullMQ-safe job id from the idempotency key', () => {
    const id = idempotentJobId('ingest.prices', '2024-01-02T00:00:00Z');
    expect(id).toMatch(/^idem-[0-9a-f]{64}$/);
    expect(id, 'the name is part of the id').not.toBe(idempotentJobId('regimes.refit', '2024-01-02T00:00:00Z'));
  });

  describe('a job whose worker dies under it', () => {
    const WAIT = { timeout: 20_000, interval: 50 };
    /**
     * A queue with short locks, and a bare BullMQ worker that takes its first job and then neither finishes it
     * nor renews the lock: a worker that died, as BullMQ sees it. Returns the queue, the dead worker and the run.
     */
    async function jobTakenByADeadWorker(
      maxStalls: number,
      handler: () => Promise<unknown>,
      onGivenUp?: (payload: unknown, reason: string) => Promise<void>,
    ) {
      const queueName = `q${++queues}`;
      const queue = new BullmqJobQueue({
        url: url!,
        db: db(),
        metrics,
        jobs: { ...contractJobsConfig, maxStalls },
        prefix,
        queueName,
        stallTimings: { lockMs: 300, checkEveryMs: 150 },
      });
      queue.register({ name: 'stall.victim', handler, ...(onGivenUp && { onGivenUp }) });
      const { id } = await queue.enqueue('stall.victim', { fitId: 'f-1' });
      // Concurrency 1 and a job that never ends: it takes this one job and no other.
      const dead = new Worker(queueName, () => new Promise(() => {}), {
        connection: { url: url! },
        prefix,
        concurrency: 1,
        lockDuration: 300,
        skipLockRenewal: true,
        skipStalledCheck: true,
      });
      await vi.waitFor(async () => expect((await queue.counts())['stall.victim']?.active).toBe(1), WAIT);
      return { queue, dead, runId: id };
    }
    const runs = () => new JobRunsStore(db().orm);

    it('runs it again on a live worker while the deaths stay within jobs.maxStalls', async () => {
      let ran = 0;
      const { queue, dead, runId } = await jobTakenByADeadWorker(1, async () => ++ran);
      try {
        await queue.start();
        await vi.waitFor(async () => expect((await runs().findById(runId))?.status).toBe('succeeded'), WAIT);
        expect(ran).toBe(1);
      } finally {
        await dead.close(true);
        await queue.close();
      }
    });

    it('records it failed, in words, once the deaths exceed jobs.maxStalls (BullMQ gives up without running it), and tells the job', async () => {
      let ran = 0;
      const givenUp: { payload: unknown; reason: string }[] = [];
      const { queue, dead, runId } = await jobTakenByADeadWorker(
        0,
        async () => ++ran,
        async (payload, reason) => void givenUp.push({ payload, reason }),
      );
      const failuresBefore = (await metrics.jobFailures.get()).values.find(
        (v) => v.labels.job === 'stall.victim',
      )?.value;
      try {
        await queue.start();
        const run = await vi.waitFor(async () => {
          const found = await runs().findById(runId);
          expect(found?.status).toBe('failed');
          return found!;
        }, WAIT);
        expect(run.error).toMatch(/worker running it stopped 1 times .*jobs\.maxStalls \(0\)/);
        expect(ran, 'BullMQ fails such a job without calling the handler').toBe(0);
        const failuresAfter = (await metrics.jobFailures.get()).values.find(
          (v) => v.labels.job === 'stall.victim',
        )?.value;
        expect(failuresAfter).toBe((failuresBefore ?? 0) + 1);
        // So the job marks its own row (a fit, a backtest) failed too: once, with the same words.
        await vi.waitFor(() => expect(givenUp).toHaveLength(1), WAIT);
        expect(givenUp).toEqual([{ payload: { fitId: 'f-1' }, reason: run.error }]);
      } finally {
        await dead.close(true);
        await queue.close();
      }
    });
  });

  it('keeps the schedule in Redis as a job scheduler with a UTC cron pattern', async () => {
    const queue = make();
    queue.register({ name: 'bull.scheduled', handler: async () => null });
    try {
      await queue.schedule('bull.scheduled', '15 22 * * 1-5');
      await queue.schedule('bull.scheduled', '30 22 * * 1-5'); // installing again updates in place
      const admin = new Redis(url!);
      try {
        const schedulerKeys = await admin.zrange(`${prefix}:q${queues}:repeat`, '0', '-1');
        expect(schedulerKeys).toEqual(['bull.scheduled']);
        const stored = await admin.hgetall(`${prefix}:q${queues}:repeat:bull.scheduled`);
        expect(stored).toMatchObject({ pattern: '30 22 * * 1-5', tz: 'UTC' });
      } finally {
        await admin.quit();
      }
    } finally {
      await queue.close();
    }
  });
});

describe('BullmqJobQueue with Redis unreachable', () => {
  it('fails ping within its timeout instead of hanging', async () => {
    const database = await openMigratedTestDatabase('pglite');
    const queue = new BullmqJobQueue({
      url: 'redis://127.0.0.1:1',
      db: database.db,
      metrics: createMetrics(new Registry()),
      jobs: contractJobsConfig,
      pingTimeoutMs: 200,
    });
    try {
      await expect(queue.ping()).rejects.toThrow(/did not answer PING/);
    } finally {
      await queue.close();
      await database.cleanup();
    }
  });
});
