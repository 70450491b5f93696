import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedTestDatabase, type MigratedTestDatabase } from '../../test/test-databases';
import { createMetrics } from '../observability/metrics';
import { createJobQueue } from './create-job-queue';
import { contractJobsConfig } from './job-queue.contract';

let database: MigratedTestDatabase | undefined;
beforeAll(async () => {
  database = await openMigratedTestDatabase('pglite');
});
afterAll(async () => {
  await database?.cleanup();
});

describe('createJobQueue', () => {
  const jobs = { ...contractJobsConfig, schedules: {} };
  const deps = () => ({ db: database!.db, metrics: createMetrics(new Registry()) });

  it('picks the in-process runner when no Redis URL is configured', async () => {
    const queue = createJobQueue({ jobs, redis: { url: '' } }, deps());
    expect(queue.kind).toBe('in-process');
    await queue.close();
  });

  it('picks BullMQ when a Redis URL is configured', async () => {
    const queue = createJobQueue({ jobs, redis: { url: 'redis://127.0.0.1:1' } }, deps());
    expect(queue.kind).toBe('bullmq');
    await queue.close();
  });
});
