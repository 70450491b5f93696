import { fileURLToPath } from 'node:url';
import { startChild, type Child } from './child-process';
import { freePort, waitUntil } from './free-port';

const BIN = fileURLToPath(new URL('../../apps/server/bin/marketlens.mjs', import.meta.url));
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const JWT_SECRET = 'faults-suite-secret-long-enough-for-hs256-0123456789';

export type Role = 'api' | 'worker' | 'scheduler' | 'engine';

/** Where the platform's processes keep their state: the suite's own PostgreSQL database and Redis. */
export interface Backing {
  databaseUrl: string;
  redisUrl: string;
  /** Separates this scenario's Redis keys (queues, cache, rate limits) from any other. */
  keyPrefix: string;
  env?: Record<string, string>;
}

export interface PlatformProcess {
  role: Role;
  url: string;
  child: Child;
  /** The admin login printed once by the first API process of a fresh database. */
  admin(): { email: string; password: string } | null;
}

/** `marketlens serve --role <role>` as a real process; resolves once it answers /healthz. */
export async function startRole(role: Role, backing: Backing): Promise<PlatformProcess> {
  const port = await freePort();
  const child = startChild(process.execPath, [BIN, 'serve', '--role', role], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: backing.databaseUrl,
      REDIS_URL: backing.redisUrl,
      PORT: String(port),
      MARKETLENS_AUTH__JWT_SECRET: JWT_SECRET,
      MARKETLENS_REDIS__KEY_PREFIX: backing.keyPrefix,
      MARKETLENS_LOG__LEVEL: 'warn',
      MARKETLENS_DEMO__ENABLED: 'false',
      ...backing.env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const up = await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, 60_000, 200);
  if (!up) {
    await child.kill('SIGKILL');
    throw new Error(`${role} did not answer /healthz within 60 s:\n${child.output()}`);
  }
  return {
    role,
    url,
    child,
    admin: () => {
      const out = child.output();
      const email = /email:\s+(\S+)/.exec(out)?.[1];
      const password = /password:\s+(\S+)/.exec(out)?.[1];
      return email && password ? { email, password } : null;
    },
  };
}

/** Logs in and returns the bearer header. */
export async function login(url: string, admin: { email: string; password: string }): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}
