// CSV import throughput: our streaming importer into PGlite (batched inserts) and PostgreSQL (binary COPY
// straight into bars for a new range, staged merge otherwise), next to `psql \copy` of the same rows into a
// table with the same primary key as the reference. On a shared machine the PostgreSQL pair runs
// BENCH_REPEATS times (default 3), alternating, and the run with the median ratio is reported; the 1-minute
// load average is printed beside every figure.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { generateSyntheticBars } from '@marketlens/quant';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config/load-config';
import { closePlatform, createPlatform } from '../apps/server/src/platform';
import { createLogger } from '../apps/server/src/observability/logger';
import { importBarsCsv } from '../apps/server/src/modules/instruments/import.service';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const DATA_DIR = new URL('./.data/', import.meta.url).pathname;
const CSV = join(DATA_DIR, `bars-${ROWS}.csv`);
const PG_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** 1-minute synthetic bars (deterministic seed) in an exchange-export layout with UTC offsets. */
async function ensureCsv(): Promise<void> {
  if (existsSync(CSV)) return;
  mkdirSync(DATA_DIR, { recursive: true });
  const { bars } = generateSyntheticBars({
    seed: 7,
    start: Date.UTC(2020, 0, 1),
    count: ROWS,
    timeframeMs: 60_000,
    startPrice: 100,
  });
  const out = createWriteStream(CSV);
  out.write('timestamp,open,high,low,close,volume\n');
  let chunk = '';
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i]!;
    chunk += `${new Date(b.ts).toISOString().replace('T', ' ').replace('.000Z', '+00:00')},${b.open},${b.high},${b.low},${b.close},${b.volume}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ml_bench_${process.pid}_${Date.now()}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin((c) => c.query(`drop database ${name} with (force)`)).then(() => undefined),
  };
}

const load = (): string => loadavg()[0]!.toFixed(2);

async function timeOurImport(database: { url?: string; dataDir?: string }, label: string) {
  const config = loadConfig({
    env: {} as NodeJS.ProcessEnv,
    overrides: {
      database: { url: database.url ?? '', dataDir: database.dataDir ?? 'memory://' },
      auth: { jwtSecret: 'bench-secret-bench-secret-bench-secret-0123' },
      log: { level: 'silent' },
    },
  });
  const ctx = await createPlatform(config, { log: createLogger('silent') });
  try {
    const runs: { seconds: number; inserted: number; unchanged: number; load: string }[] = [];
    for (let pass = 0; pass < 2; pass++) {
      const loadBefore = load();
      const started = performance.now();
      const summary = await importBarsCsv(ctx, {
        symbol: 'BENCH',
        timeframe: '1m',
        timezone: 'UTC',
        input: createReadStream(CSV),
        filename: 'bench.csv',
      });
      runs.push({
        seconds: (performance.now() - started) / 1000,
        inserted: summary.inserted,
        unchanged: summary.unchanged,
        load: loadBefore,
      });
    }
    const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
    if (first.inserted !== ROWS || second.unchanged !== ROWS)
      throw new Error(`${label}: wrong counts ${JSON.stringify(runs)}`);
    return { label, first: first.seconds, reimport: second.seconds, load: `${first.load} / ${second.load}` };
  } finally {
    await closePlatform(ctx);
  }
}

function timePsqlCopy(url: string): { seconds: number; load: string } {
  const setup = spawnSync('psql', [
    url,
    '-v',
    'ON_ERROR_STOP=1',
    '-qc',
    `create table ref_bars (
    instrument_id int not null default 1, timeframe text not null default '1m', ts timestamptz not null,
    open float8 not null, high float8 not null, low float8 not null, close float8 not null, volume float8 not null,
    primary key (instrument_id, timeframe, ts))`,
  ]);
  if (setup.status !== 0) throw new Error(`psql setup failed: ${setup.stderr}`);
  const loadBefore = load();
  const started = performance.now();
  const copy = spawnSync('psql', [
    url,
    '-v',
    'ON_ERROR_STOP=1',
    '-qc',
    `\\copy ref_bars (ts, open, high, low, close, volume) from '${CSV}' with (format csv, header true)`,
  ]);
  const seconds = (performance.now() - started) / 1000;
  if (copy.status !== 0) throw new Error(`psql \\copy failed: ${copy.stderr}`);
  return { seconds, load: loadBefore };
}

type ImportRun = Awaited<ReturnType<typeof timeOurImport>>;

/** psql \copy then our import, each into a fresh database, REPEATS times; the run with the median ratio. */
async function timePostgresPairs(): Promise<{ psql: { seconds: number; load: string }; ours: ImportRun }> {
  const pairs: { psql: { seconds: number; load: string }; ours: ImportRun }[] = [];
  for (let run = 0; run < REPEATS; run++) {
    const pgDb = await freshPgDatabase();
    try {
      const psql = timePsqlCopy(pgDb.url);
      const ours = await timeOurImport({ url: pgDb.url }, 'MarketLens -> PostgreSQL (binary COPY straight in)');
      console.log(
        `run ${run + 1}: psql \\copy ${psql.seconds.toFixed(2)} s (load ${psql.load}), ours ${ours.first.toFixed(2)} s / re-import ${ours.reimport.toFixed(2)} s (load ${ours.load}): ${(psql.seconds / ours.first).toFixed(2)}x`,
      );
      pairs.push({ psql, ours });
    } finally {
      await pgDb.drop();
    }
  }
  pairs.sort((a, b) => a.psql.seconds / a.ours.first - b.psql.seconds / b.ours.first);
  return pairs[Math.floor((pairs.length - 1) / 2)]!;
}

export async function runImportBenchmark(): Promise<void> {
  await ensureCsv();
  const mb = statSync(CSV).size / 1e6;
  console.log(`\n## CSV import, ${ROWS.toLocaleString('en')} one-minute bars (${mb.toFixed(0)} MB)`);
  const { psql, ours: onPg } = await timePostgresPairs();
  const pgliteDir = mkdtempSync(join(tmpdir(), 'ml-bench-pglite-'));
  const onPglite = await timeOurImport(
    { dataDir: join(pgliteDir, 'db') },
    'MarketLens -> PGlite (batched inserts + merge)',
  );
  rmSync(pgliteDir, { recursive: true, force: true });
  const rate = (s: number) => `${Math.round(ROWS / s).toLocaleString('en')} rows/s`;
  console.log(`| path | first import | re-import (all unchanged) | vs psql \\copy | load (1 min) |`);
  console.log(`|---|---|---|---|---|`);
  console.log(
    `| psql \\copy (reference) | ${psql.seconds.toFixed(2)} s, ${rate(psql.seconds)} | | 1.00x | ${psql.load} |`,
  );
  for (const r of [onPg, onPglite]) {
    console.log(
      `| ${r.label} | ${r.first.toFixed(2)} s, ${rate(r.first)} | ${r.reimport.toFixed(2)} s, ${rate(r.reimport)} | ${(psql.seconds / r.first).toFixed(2)}x | ${r.load} |`,
    );
  }
}
