import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../src/config/config.schema';
import { deepMerge, loadConfig } from '../src/config/load-config';
import type { AppContext } from '../src/context';
import { buildApp } from '../src/app';
import { closePlatform, createPlatform } from '../src/platform';
import { createLogger } from '../src/observability/logger';
import { createMetrics } from '../src/observability/metrics';
import { createAuthenticate } from '../src/modules/auth/authenticate';
import { registerJobs } from '../src/modules/module-jobs';
import { createPgTestDatabase } from './test-databases';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
}

export interface TestAppOptions {
  database?: 'pglite' | 'postgres';
  /** Use Redis (TEST_REDIS_URL) for cache and jobs. */
  redis?: boolean;
  config?: Record<string, unknown>;
  /** Serve this folder as the built web app (and turn `server.serveWeb` on). */
  webDistDir?: string;
}

/**
 * A full app over real components: PGlite in memory or a fresh PostgreSQL database, memory or Redis cache,
 * in-process or BullMQ jobs. Nothing is faked; only the log is silenced.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const pg = options.database === 'postgres' ? await createPgTestDatabase({ migrated: true }) : undefined;
  const redisUrl = options.redis ? process.env.TEST_REDIS_URL : undefined;
  if (options.redis && !redisUrl) throw new Error('createTestApp({ redis: true }) needs TEST_REDIS_URL');
  // Artifacts of this app go to its own temporary folder, never into the repository's .marketlens/.
  const artifactDir = mkdtempSync(join(tmpdir(), 'marketlens-artifacts-'));
  const config: AppConfig = loadConfig({
    env: {} as NodeJS.ProcessEnv,
    overrides: deepMerge(
      {
        database: { url: pg?.url ?? '', dataDir: 'memory://' },
        redis: { url: redisUrl ?? '' },
        log: { level: 'silent' },
        auth: { jwtSecret: TEST_JWT_SECRET },
        demo: { enabled: false },
        server: { serveWeb: options.webDistDir !== undefined, port: 0 },
        jobs: { backoffMs: 10 },
        storage: { artifactDir },
      },
      options.config ?? {},
    ),
  });
  const log = createLogger('silent');
  const ctx = await createPlatform(config, { log, metrics: createMetrics() });
  registerJobs(ctx);
  const app = await buildApp(ctx, {
    authenticate: createAuthenticate(ctx),
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
  });
  await app.ready();
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await closePlatform(ctx);
      await pg?.drop();
      rmSync(artifactDir, { recursive: true, force: true });
    },
  };
}
