import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { run } from './child-process';
import { freePort, waitUntil } from './free-port';

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temporary folder, its own port), so restarting it
 * disturbs nothing else on the machine. PostgreSQL refuses to run as root: as root the binaries run as the
 * `postgres` user through runuser.
 */
export interface PostgresServer {
  url: string;
  /** `pg_ctl restart -m fast` (terminates connections); resolves when it answers again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const asPostgres = (command: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'ml-faults-pg-'));
  chmodSync(root, 0o777);
  const data = join(root, 'data');
  const pgctl = (args: string[]) => run(...asPostgres('pg_ctl', ['-D', data, ...args]));
  await run(...asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']));
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=on`;
  await pgctl(['-o', options, '-l', join(root, 'log'), '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  if (!(await waitUntil(() => answers(url), 30_000))) throw new Error(`PostgreSQL on ${port} did not answer`);
  return {
    url,
    restart: async () => {
      await pgctl(['-o', options, '-l', join(root, 'log'), '-m', 'fast', '-w', 'restart']);
      if (!(await waitUntil(() => answers(url), 30_000))) throw new Error('PostgreSQL did not come back');
    },
    stop: async () => {
      await pgctl(['-m', 'immediate', 'stop']).catch(() => undefined);
    },
  };
}
