import { randomBytes } from 'node:crypto';
import { repoPath, REPO_ROOT } from './repo';
import { scratchDatabase, testDatabaseUrl } from './scratch-postgres';
import { scratchRedisPrefix, testRedisUrl } from './scratch-redis';
import { startFakeYahoo, type FakeYahoo } from './monitoring-fake-yahoo';
import { freePort, spawnLogged, waitForHttp, type LoggedProcess } from './process';

// MarketLens in distributed mode, as the deployment runs it: one process per role (api, worker, scheduler, engine, bot)
// from `node apps/server/bin/marketlens.mjs serve --role <role>`, on a fresh PostgreSQL database created on
// the TEST_DATABASE_URL server, the TEST_REDIS_URL Redis under a key prefix of its own, and a fake Yahoo.

export const MONITORED_ROLES = ['api', 'worker', 'scheduler', 'engine', 'bot'] as const;
export type MonitoredRole = (typeof MONITORED_ROLES)[number];

export interface DistributedMarketLens {
  urls: Record<MonitoredRole, string>;
  ports: Record<MonitoredRole, number>;
  admin: { email: string; password: string };
  yahoo: FakeYahoo;
  processes: Record<MonitoredRole, LoggedProcess>;
  /** The text each role serves at /metrics right now. */
  metricsText(role: MonitoredRole): Promise<string>;
  stop(): Promise<void>;
}

/** Only the variables this test means: a developer's MARKETLENS_* or DATABASE_URL must not leak in. */
function hermeticEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('MARKETLENS_') && !['DATABASE_URL', 'REDIS_URL', 'PORT'].includes(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

export async function startDistributedMarketLens(): Promise<DistributedMarketLens> {
  if (!testDatabaseUrl || !testRedisUrl) {
    throw new Error(
      'needs TEST_DATABASE_URL and TEST_REDIS_URL (PostgreSQL and Redis on 127.0.0.1; .ci/run sets them)',
    );
  }
  const database = await scratchDatabase('monitoring');
  const redis = scratchRedisPrefix('monitoring');
  const yahoo = await startFakeYahoo();
  const processes: Partial<Record<MonitoredRole, LoggedProcess>> = {};

  const stop = async () => {
    await Promise.all(Object.values(processes).map((p) => p.stop()));
    await yahoo.close();
    await database.drop();
    await redis.clear();
  };

  try {
    const ports = {} as Record<MonitoredRole, number>;
    for (const role of MONITORED_ROLES) ports[role] = await freePort();
    const urls = Object.fromEntries(MONITORED_ROLES.map((role) => [role, `http://127.0.0.1:${ports[role]}`])) as Record<
      MonitoredRole,
      string
    >;
    const start = (role: MonitoredRole) => {
      processes[role] = spawnLogged(
        process.execPath,
        [repoPath('apps/server/bin/marketlens.mjs'), 'serve', '--role', role],
        {
          cwd: REPO_ROOT,
          env: hermeticEnv({
            DATABASE_URL: database.url,
            REDIS_URL: redis.redisUrl,
            PORT: String(ports[role]),
            MARKETLENS_SERVER__HOST: '127.0.0.1',
            MARKETLENS_REDIS__KEY_PREFIX: redis.prefix,
            MARKETLENS_AUTH__JWT_SECRET: randomBytes(32).toString('hex'),
            MARKETLENS_LOG__LEVEL: 'warn',
            MARKETLENS_PROVIDERS__YAHOO__BASE_URL: yahoo.baseUrl,
            MARKETLENS_PROVIDERS__YAHOO__RETRIES: '0',
            MARKETLENS_INGEST__SYMBOLS: JSON.stringify([{ symbol: 'MONI', provider: 'yahoo', timeframe: '1d' }]),
            // One attempt: a failing job fails at once instead of retrying with backoff.
            MARKETLENS_JOBS__ATTEMPTS: '1',
          }),
        },
      );
      return processes[role];
    };
    const ready = (role: MonitoredRole) => waitForHttp(`${urls[role]}/readyz`, processes[role]!, 150_000);

    // The api migrates the database (and loads the demo data) before the other roles use it.
    start('api');
    await ready('api');
    const others = MONITORED_ROLES.filter((role) => role !== 'api');
    for (const role of others) start(role);
    await Promise.all(others.map(ready));

    const out = processes.api?.output() ?? '';
    const email = /email:\s+(\S+)/.exec(out)?.[1];
    const password = /password:\s+(\S+)/.exec(out)?.[1];
    if (!email || !password) throw new Error(`the api printed no admin login:\n${out}`);

    return {
      urls,
      ports,
      admin: { email, password },
      yahoo,
      processes: processes as Record<MonitoredRole, LoggedProcess>,
      metricsText: async (role) => (await fetch(`${urls[role]}/metrics`)).text(),
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
