import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config.schema';
import { ConfigError, isEmbedded } from './config/load-config';
import type { AppContext } from './context';
import { createCache } from './cache/create-cache';
import { ComputePool, computePoolSize } from './compute/compute-pool';
import { openDatabase } from './db/open-database';
import { createJobQueue } from './jobs/create-job-queue';
import { createMetrics, type Metrics } from './observability/metrics';
import { createEventHub } from './events';
import { createArtifactStore } from './storage/create-artifact-store';

/**
 * The JWT secret comes from env in distributed mode. Embedded mode generates one on first start and keeps it
 * next to the database (mode 0600), so a laptop install needs no setup and tokens survive restarts.
 */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.auth.jwtSecret) return config.auth.jwtSecret;
  if (!isEmbedded(config)) {
    throw new ConfigError([
      { key: 'auth.jwtSecret', message: 'is required when DATABASE_URL is set (MARKETLENS_AUTH__JWT_SECRET)' },
    ]);
  }
  // An in-memory database (tests, benches) lives for one process: so does its secret.
  if (config.database.dataDir.startsWith('memory://')) return randomBytes(48).toString('base64url');
  const file = join(dirname(config.database.dataDir), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export interface PlatformOptions {
  log: Logger;
  metrics?: Metrics;
  /** Skip migrations (e.g. a role that must not touch the schema). Default: migrate. */
  migrate?: boolean;
}

/** Opens every platform service chosen by config: the one place where embedded vs distributed is decided. */
export async function createPlatform(config: AppConfig, options: PlatformOptions): Promise<AppContext> {
  config.auth.jwtSecret = resolveJwtSecret(config);
  const metrics = options.metrics ?? createMetrics();
  metrics.forecastAccuracyAlertThreshold.set(config.forecasts.accuracyAlertBelow);
  const db = await openDatabase({
    url: config.database.url || undefined,
    dataDir: config.database.dataDir,
    poolMax: config.database.poolMax,
    migrate: options.migrate !== false,
  });
  try {
    const cache = createCache(config, metrics);
    const jobs = createJobQueue(config, { db, metrics, log: options.log });
    const artifacts = createArtifactStore(config);
    // Threads start on the first task, so roles and CLI commands that compute nothing pay nothing.
    const compute = new ComputePool({ size: computePoolSize(config.compute.poolSize), log: options.log });
    const events = createEventHub(options.log);
    return { config, db, cache, jobs, metrics, log: options.log, events, artifacts, compute };
  } catch (err) {
    await db.close();
    throw err;
  }
}

export async function closePlatform(ctx: AppContext): Promise<void> {
  // Jobs first: closing the queue aborts running handlers, whose compute tasks then end with them.
  await ctx.jobs.close();
  await ctx.compute.close();
  await ctx.cache.close();
  await ctx.db.close();
}
