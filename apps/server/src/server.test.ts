import { describe, expect, it } from 'vitest';
import { loadConfig } from './config/load-config';
import { createLogger } from './observability/logger';
import { startServer } from './server';
import { createPgTestDatabase } from '../test/test-databases';
import { TEST_JWT_SECRET } from '../test/test-app';

const distributed = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

describe('startServer', () => {
  it('refuses a distributed role in embedded mode, naming what it needs', async () => {
    const config = loadConfig({ env: {} as NodeJS.ProcessEnv, overrides: { database: { dataDir: 'memory://' } } });
    await expect(startServer(config, 'worker', createLogger('silent'))).rejects.toThrow(/needs DATABASE_URL/);
  });
});

describe.skipIf(!distributed)('worker and scheduler roles (PostgreSQL + Redis)', () => {
  for (const role of ['worker', 'scheduler'] as const) {
    it(`${role}: answers probes and metrics on its port, and serves no API`, async () => {
      const pg = await createPgTestDatabase();
      const config = loadConfig({
        env: {} as NodeJS.ProcessEnv,
        overrides: {
          database: { url: pg.url },
          redis: { url: process.env.TEST_REDIS_URL, keyPrefix: `mlrole${process.pid}${role}` },
          auth: { jwtSecret: TEST_JWT_SECRET },
          server: { port: 0 },
          log: { level: 'silent' },
          demo: { enabled: false },
        },
      });
      // Roles other than api do not migrate; the deployment runs `marketlens migrate` (or the api) first.
      const api = await startServer(
        { ...config, server: { ...config.server, port: 0 } },
        'api',
        createLogger('silent'),
      );
      const server = await startServer(config, role, createLogger('silent'));
      try {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(200);
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        expect(metrics).toMatch(new RegExp(`marketlens_build_info\\{version="[^"]+",role="${role}"\\} 1`));
        expect(metrics).toMatch(/marketlens_dependency_up\{dependency="queue"\} 1/);
        expect(metrics).toMatch(/marketlens_queue_depth\{queue="bullmq"\}/);
        const api404 = await fetch(`${server.url}/api/v1/system`);
        expect(api404.status).toBe(404);
        expect(((await api404.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
      } finally {
        await server.close();
        await api.close();
        await pg.drop();
      }
    });
  }
});
