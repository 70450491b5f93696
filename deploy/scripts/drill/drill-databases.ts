import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The repository root, from this file, so the drill runs from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** postgres://user:secret@host/db -> postgres://user:***@host/db, for output. */
export function redactUrl(url: string): string {
  return url.replace(/(:\/\/[^:/@\s]+):[^@\s]*@/g, '$1:***@').replace(/(password=)[^&\s]*/gi, '$1***');
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty database named marketlens_<tag>_<random> on the server of `adminUrl` (the deploy tests use this too);
 * drop() ends leftover connections (PostgreSQL 13+).
 */
export async function createScratchDatabase(adminUrl: string, tag: string): Promise<ScratchDatabase> {
  // The name goes into SQL unquoted: a tag of lower-case letters, digits and underscores keeps it an identifier.
  if (!/^[a-z0-9_]+$/.test(tag)) throw new Error(`scratch database tag '${tag}' is not [a-z0-9_]+`);
  const name = `marketlens_${tag}_${randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (c) => c.query(`create database ${name}`));
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () => withClient(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

/** True when the database holds MarketLens's schema (its migrations were applied). */
export async function holdsMarketLens(url: string): Promise<boolean> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ ok: boolean }>(
      `select to_regclass('drizzle.__drizzle_migrations') is not null
          and to_regclass('public.instruments') is not null as ok`,
    );
    return rows[0]?.ok === true;
  });
}

/**
 * Real data through the real program: migrations, the synthetic demo instruments and one user (argon2 hash,
 * audit rows). The generated password is printed by the CLI once; the drill discards that output.
 */
export async function seedWithDemoData(url: string): Promise<void> {
  const env = {
    ...process.env,
    DATABASE_URL: url,
    MARKETLENS_DATABASE__URL: '',
    REDIS_URL: '',
    MARKETLENS_REDIS__URL: '',
    MARKETLENS_AUTH__JWT_SECRET: randomBytes(32).toString('hex'),
    MARKETLENS_LOG__LEVEL: 'warn',
  };
  const cli = [`${REPO_ROOT}apps/server/bin/marketlens.mjs`];
  for (const args of [
    ['migrate'],
    ['demo-data'],
    ['users', 'create', '--email', 'drill@example.invalid', '--role', 'viewer'],
  ]) {
    await run(process.execPath, [...cli, ...args, '--json'], { cwd: REPO_ROOT, env });
  }
}

/** Runs one of deploy/scripts/*.sh; its stderr (progress, errors; never credentials) is returned for the report. */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<string> {
  try {
    const { stderr } = await run('bash', [`${REPO_ROOT}deploy/scripts/${script}`, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stderr;
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    throw new Error(`${script} failed (exit ${failed.code ?? '?'}):\n${failed.stderr ?? String(error)}`, {
      cause: error,
    });
  }
}
