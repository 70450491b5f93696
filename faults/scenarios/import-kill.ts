import { openAsBlob } from 'node:fs';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ScenarioResult } from '../support/figures';
import { sleep } from '../support/free-port';
import { login, startRole, type Backing, type PlatformProcess } from '../support/marketlens-process';
import { createScenarioDatabase } from '../support/scenario-database';
import { SUITE_ENV, type SuiteContext } from '../support/suite-context';

const OLD_ROWS = 200_000;
const NEW_ROWS = 1_000_000;
const START = Date.UTC(2020, 0, 1);
/** Kill points after the upload starts: while it uploads, while it parses, while it writes. */
const KILL_AFTER_MS = [2_000, 4_000, 6_000, 9_000];

/** 1-minute bars from START with every price equal to `price`: old and new bars are told apart by it. */
async function writeCsv(path: string, rows: number, price: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('timestamp,open,high,low,close,volume\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const ts = new Date(START + i * 60_000).toISOString().replace('T', ' ').replace('.000Z', '+00:00');
    chunk += `${ts},${price},${price},${price},${price},1\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function upload(api: PlatformProcess, auth: Record<string, string>, path: string): Promise<Response> {
  const form = new FormData();
  form.append('file', await openAsBlob(path), 'bars.csv');
  return fetch(`${api.url}/api/v1/instruments/KILL/import?timeframe=1m`, { method: 'POST', headers: auth, body: form });
}

/** What the instrument holds: bar count and the distinct close prices. */
async function holdings(databaseUrl: string): Promise<{ bars: number; prices: number[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ close: number; n: string }>(
      `select b.close, count(*) as n from bars b join instruments i on i.id = b.instrument_id
       where i.symbol = 'KILL' group by b.close order by b.close`,
    );
    return { bars: rows.reduce((s, r) => s + Number(r.n), 0), prices: rows.map((r) => Number(r.close)) };
  } finally {
    await client.end();
  }
}

/**
 * The API killed with SIGKILL during a 1M-row CSV import that overlaps 200k stored bars, at four points: each
 * time the instrument afterwards holds either exactly the old bars or all the new ones, never a mix; then the
 * same import run again completes.
 */
export async function importKill(suite: SuiteContext): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ml-faults-import-'));
  const oldCsv = join(dir, 'old.csv');
  const newCsv = join(dir, 'new.csv');
  await writeCsv(oldCsv, OLD_ROWS, 1);
  await writeCsv(newCsv, NEW_ROWS, 2);
  const databaseUrl = await createScenarioDatabase(suite.postgres.url, 'faults_import');
  const backing: Backing = {
    databaseUrl,
    redisUrl: suite.redis.url,
    keyPrefix: 'faults-import',
    env: { ...SUITE_ENV, MARKETLENS_HTTP__UPLOAD_LIMIT_BYTES: String(200 * 1024 * 1024) },
  };
  let api = await startRole('api', backing);
  const admin = api.admin()!;
  const broken: string[] = [];
  const outcomes: string[] = [];
  try {
    let auth = await login(api.url, admin);
    const first = await upload(api, auth, oldCsv);
    if (!first.ok) throw new Error(`the first import answered ${first.status}: ${await first.text()}`);
    let state = 'old';
    for (const delay of KILL_AFTER_MS) {
      const pending = upload(api, auth, newCsv).catch(() => null);
      await sleep(delay);
      await api.child.kill('SIGKILL');
      const answer = await pending;
      const held = await holdings(databaseUrl);
      const isOld = held.bars === OLD_ROWS && held.prices.length === 1 && held.prices[0] === 1;
      const isNew = held.bars === NEW_ROWS && held.prices.length === 1 && held.prices[0] === 2;
      outcomes.push(isNew ? 'new' : isOld ? 'old' : `mixed(${held.bars} bars, prices ${held.prices.join('/')})`);
      if (answer?.ok) outcomes[outcomes.length - 1] += '+answered';
      if (!isOld && !isNew)
        broken.push(`after a kill at ${delay} ms: ${held.bars} bars with prices ${held.prices.join(', ')}`);
      if (isNew) state = 'new';
      api = await startRole('api', backing);
      auth = await login(api.url, admin);
      if (state === 'new') break; // the import finished before the kill: nothing left to interrupt
    }
    const rerun = await upload(api, auth, newCsv);
    const held = await holdings(databaseUrl);
    const complete = rerun.ok && held.bars === NEW_ROWS && held.prices.length === 1 && held.prices[0] === 2;
    if (!complete)
      broken.push(`the re-run answered ${rerun.status} and left ${held.bars} bars (prices ${held.prices.join(', ')})`);
    return {
      name: 'import-kill',
      figures: {
        oldRows: OLD_ROWS,
        newRows: NEW_ROWS,
        afterKills: outcomes.join(','),
        rerun: complete ? 'complete' : 'incomplete',
      },
      broken,
    };
  } finally {
    await api.child.kill('SIGKILL');
  }
}
