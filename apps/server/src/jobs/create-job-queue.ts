import type { AppConfig } from '../config/config.schema';
import type { Database } from '../db/database';
import type { Metrics } from '../observability/metrics';
import { BullmqJobQueue } from './bullmq-queue';
import { InProcessJobQueue } from './in-process-queue';
import type { JobQueue } from './job-queue';
import type { JobLogger } from './run-recorder';

export interface CreateJobQueueDeps {
  db: Database;
  metrics: Pick<Metrics, 'jobDuration' | 'jobFailures' | 'queueDepth'>;
  log?: JobLogger;
}

/** Picks the job queue once at start-up: BullMQ when `redis.url` is set, the in-process runner otherwise. */
export function createJobQueue(config: Pick<AppConfig, 'jobs' | 'redis'>, deps: CreateJobQueueDeps): JobQueue {
  if (config.redis.url === '') return new InProcessJobQueue({ ...deps, jobs: config.jobs });
  return new BullmqJobQueue({ ...deps, url: config.redis.url, jobs: config.jobs, prefix: config.redis.keyPrefix });
}
