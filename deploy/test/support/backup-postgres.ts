import { spawnSync } from 'node:child_process';
import { withClient } from '../../scripts/drill/drill-databases';
import { tableFingerprints, type Fingerprint } from '../../scripts/drill/table-fingerprints';
import { runToExit } from './process';
import { repoPath } from './repo';

/** Appended to a describe title when TEST_DATABASE_URL is not set (scratch-postgres.ts reads it). */
export const SKIP_REASON = ' (skipped: needs TEST_DATABASE_URL)';

/** Fails with the package to install when a PostgreSQL client tool is missing. */
export function requirePostgresClient(): void {
  for (const tool of ['pg_dump', 'pg_restore', 'psql']) {
    if (spawnSync(tool, ['--version']).status !== 0) {
      throw new Error(`${tool} is not installed: apt-get install -y postgresql-client (Debian), version 15 or newer`);
    }
  }
}

/** Every table's row count and checksum and every sequence's value, as the restore drill compares them. */
export const fingerprintsOf = (url: string): Promise<Fingerprint[]> => withClient(url, tableFingerprints);

/**
 * The same URL with a password in it. The test server trusts local connections, so any password works, and
 * the tests can prove the scripts never print one.
 */
export function withPassword(url: string, password: string): string {
  const next = new URL(url);
  if (!next.password) next.password = password;
  return next.toString();
}

export interface ScriptRun {
  status: number | null;
  output: string;
}

/** Runs one of deploy/scripts/*.sh (asynchronously: servers of the test process must keep answering). */
export async function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  const { code, output } = await runToExit('bash', [repoPath('deploy/scripts', script), ...args], {
    cwd: repoPath(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  return { status: code, output };
}

/** A little real data: a table with a sequence, numbers, text with quotes and newlines, JSON, and a view. */
export const SAMPLE_SCHEMA = `
  create table instruments (id serial primary key, symbol text not null unique, meta jsonb);
  create table bars (instrument_id int references instruments(id), ts timestamptz, close numeric(18, 6),
                     note text, primary key (instrument_id, ts));
  insert into instruments (symbol, meta) values ('SPY', '{"kind":"etf"}'), ('BTC', '{"kind":"crypto"}');
  insert into bars select 1 + (i % 2), timestamptz '2024-01-01' + i * interval '1 day', i * 1.25,
                          case when i % 7 = 0 then E'quote '' and\\nnewline' end
    from generate_series(1, 500) i;
  create view latest as select instrument_id, max(ts) from bars group by 1;`;
