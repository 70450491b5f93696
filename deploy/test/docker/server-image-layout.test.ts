import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDockerfile } from '../support/docker-file';
import { materializeImage, type MaterializedImage } from '../support/docker-image-layout';
import { freePort, runToExit, spawnLogged, waitForHttp, type LoggedProcess } from '../support/process';
import { query, scratchDatabase, testDatabaseUrl, type ScratchDatabase } from '../support/scratch-postgres';
import { scratchRedisPrefix, testRedisUrl, type ScratchRedisPrefix } from '../support/scratch-redis';
import { readRepoFile, repoPath } from '../support/repo';

// No Docker engine here, so this test builds the server image's final file system by hand, from the Dockerfile
// itself: the deps stage's COPYs and its exact `npm ci --omit=dev ...` in a temp folder, then the final stage's
// COPY list. The server started from that folder (the image's ENTRYPOINT + CMD, its ENV) must come up against
// real PostgreSQL and Redis. A source the image forgets to copy, or a runtime dependency listed as a dev one,
// fails here instead of in the first container start.

const missing = !testDatabaseUrl || !testRedisUrl;
const title = `server image file layout${missing ? ' (skipped: needs TEST_DATABASE_URL and TEST_REDIS_URL)' : ''}`;

describe.skipIf(missing)(title, () => {
  const jwtSecret = randomBytes(32).toString('hex');
  let root: string;
  let image: MaterializedImage;
  let database: ScratchDatabase;
  let redis: ScratchRedisPrefix;
  let api: LoggedProcess;
  let worker: LoggedProcess;
  let apiPort: number;
  let workerPort: number;

  /** `docker run` of the image with `cmd` (undefined = the image's CMD), as compose runs each role. */
  function run(cmd: string[] | undefined, port: number): LoggedProcess {
    const [command, ...args] = [...image.entrypoint, ...(cmd ?? image.cmd)];
    // The image's ENV, then what compose would set. Only the listen address differs: tests bind 127.0.0.1.
    return spawnLogged(command === 'node' ? process.execPath : command!, args, {
      cwd: image.appDir,
      env: {
        PATH: process.env.PATH,
        HOME: root,
        ...image.env,
        PORT: String(port),
        MARKETLENS_SERVER__HOST: '127.0.0.1',
        MARKETLENS_DATABASE__DATA_DIR: join(root, 'data', 'db'),
        MARKETLENS_STORAGE__ARTIFACT_DIR: join(root, 'data', 'artifacts'),
        DATABASE_URL: database.url,
        REDIS_URL: redis.redisUrl,
        MARKETLENS_REDIS__KEY_PREFIX: redis.prefix,
        MARKETLENS_AUTH__JWT_SECRET: jwtSecret,
        MARKETLENS_LOG__LEVEL: 'warn',
      },
    });
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ml-image-'));
    image = await materializeImage(readDockerfile('deploy/docker/server.Dockerfile'), root);
    database = await scratchDatabase('image');
    redis = scratchRedisPrefix('image');
    [apiPort, workerPort] = [await freePort(), await freePort()];
    api = run(undefined, apiPort);
    // The api role migrates on start; the worker waits for it, as compose's migrate service orders them.
    await waitForHttp(`http://127.0.0.1:${apiPort}/healthz`, api, 90_000);
    worker = run(['serve', '--role', 'worker'], workerPort);
    await waitForHttp(`http://127.0.0.1:${workerPort}/healthz`, worker, 90_000);
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await database?.drop();
    await redis?.clear();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('runs the same npm ci as the Dockerfile, production dependencies only', () => {
    expect(image.ran.map((r) => r.command)).toEqual(['npm ci --omit=dev --workspace apps/server --no-audit --no-fund']);
    // The lock marks packages that only dev dependencies pull in with "dev": true.
    const lock = JSON.parse(readRepoFile('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages)
      .filter(([path, entry]) => entry.dev && path.startsWith('node_modules/'))
      .map(([path]) => path);
    const installed = devOnly.filter((path) => existsSync(join(image.appDir, path)));
    expect(devOnly.length, 'the lock marks dev-only packages, or this check proves nothing').toBeGreaterThan(50);
    const tools = ['vitest', 'typescript', 'drizzle-kit', 'eslint', 'prettier', 's3rver', 'vite'];
    expect(tools.filter((tool) => existsSync(join(image.appDir, 'node_modules', tool)))).toEqual([]);
    expect(installed, 'dev dependencies must not be in the image').toEqual([]);
  });

  it('installs every package at the root node_modules, the one folder the final stage copies from deps', () => {
    const nested = (readdirSync(join(root, 'stages/deps'), { recursive: true }) as string[]).filter(
      (path) => path.endsWith('node_modules') && !path.startsWith('node_modules'),
    );
    expect(nested, 'a workspace-level node_modules would be missing from the image').toEqual([]);
  });

  it('holds only what the final stage copies: no tests, no web app, no local config', () => {
    expect(readdirSync(image.appDir).sort()).toEqual(['apps', 'config', 'node_modules', 'packages']);
    expect(readdirSync(join(image.appDir, 'apps'))).toEqual(['server']);
    expect(readdirSync(join(image.appDir, 'config'))).toEqual(['default.json']);
    const files = readdirSync(join(image.appDir, 'apps/server/src'), { recursive: true }) as string[];
    expect(files.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
  });

  it('serves /healthz and, with database, cache and queue answering, /readyz as the api role', async () => {
    const health = await fetch(`http://127.0.0.1:${apiPort}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${apiPort}/readyz`);
    expect(ready.status, await ready.clone().text()).toBe(200);
    await expect(ready.json()).resolves.toMatchObject({ status: 'ok' });
    await expect(fetch(`http://127.0.0.1:${apiPort}/api/docs/json`).then((r) => r.status)).resolves.toBe(200);
  });

  it('runs the worker role from the same image, ready and exporting metrics', async () => {
    const ready = await fetch(`http://127.0.0.1:${workerPort}/readyz`);
    expect(ready.status, await ready.clone().text()).toBe(200);
    const metrics = await fetch(`http://127.0.0.1:${workerPort}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^marketlens_process_cpu_seconds_total/m);
  });

  it("applied every migration from the image's own drizzle folder", async () => {
    const journal = JSON.parse(readFileSync(repoPath('apps/server/drizzle/meta/_journal.json'), 'utf8')) as {
      entries: unknown[];
    };
    const rows = await query<{ n: string }>(database.url, 'select count(*) as n from drizzle.__drizzle_migrations');
    expect(Number(rows[0]?.n)).toBe(journal.entries.length);
  });

  it('has a HEALTHCHECK command that passes against the server and fails when nothing listens', async () => {
    const [command, ...args] = image.healthcheck;
    const probe = (probePort: number) =>
      runToExit(command === 'node' ? process.execPath : command!, args, {
        env: { PATH: process.env.PATH, PORT: String(probePort) },
      });
    await expect(probe(apiPort).then((r) => r.code)).resolves.toBe(0);
    await expect(probe(workerPort).then((r) => r.code)).resolves.toBe(0);
    await expect(probe(await freePort()).then((r) => r.code)).resolves.toBe(1);
  });
});
