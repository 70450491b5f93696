import type { Logger } from 'pino';
import type { AppConfig } from './config/config.schema';
import type { Cache } from './cache/cache';
import type { ComputePool } from './compute/compute-pool';
import type { Database } from './db/database';
import type { EventHub } from './events';
import type { JobQueue } from './jobs/job-queue';
import type { Metrics } from './observability/metrics';
import type { ArtifactStore } from './storage/artifact-store';

/** The platform services every role shares, built once at start-up (see platform.ts). */
export interface AppContext {
  config: AppConfig;
  db: Database;
  cache: Cache;
  jobs: JobQueue;
  metrics: Metrics;
  log: Logger;
  /** In-process platform events (bars.ingested ...). */
  events: EventHub;
  /** Run artifacts (modules/registry): local folder or S3-compatible storage, chosen by config. */
  artifacts: ArtifactStore;
  /** Worker threads for CPU-heavy pure computation (trainings, regime fits), off the event loop. */
  compute: ComputePool;
}
