import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '../../test/test-databases';
import { createMetrics } from '../observability/metrics';
import { BullmqJobQueue, idempotentJobId } from './bullmq-queue';
import { contractJobsConfig, describeJobQueueContract } from './job-queue.contract';

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
