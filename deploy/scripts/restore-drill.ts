// Restore drill (`npm run drill:restore`): backs a database up with backup.sh, restores it with restore.sh into a
// fresh database, and proves the copy equal, table by table (row count + checksum of every row) and sequence by
// sequence. A backup is only as good as its last restore; this is that restore, run on demand and in tests.
//
// Env: DRILL_DATABASE_URL (or TEST_DATABASE_URL) the database to back up. When it holds no MarketLens schema, a
// fresh database is created and filled by the real CLI (migrate, demo-data, a user). DRILL_ADMIN_URL (default:
// the same URL) is where the scratch databases are created; its user needs CREATEDB. Exit 0 = identical copy,
// 1 = a difference or a failed step, 2 = no database configured. Every database the drill created is dropped.
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createScratchDatabase,
  holdsMarketLens,
  redactUrl,
  runScript,
  seedWithDemoData,
  withClient,
} from './drill/drill-databases';
import { compareFingerprints, formatComparison } from './drill/drill-report';
import { tableFingerprints, type Fingerprint } from './drill/table-fingerprints';

const say = (line: string) => console.log(`restore drill: ${line}`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const given = process.env.DRILL_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!given) {
    console.error('restore drill: set DRILL_DATABASE_URL (or TEST_DATABASE_URL) to the PostgreSQL database to back up');
    return 2;
  }
  const adminUrl = process.env.DRILL_ADMIN_URL || given;
  const cleanups: (() => Promise<void>)[] = [];
  const workDir = mkdtempSync(join(tmpdir(), 'marketlens-drill-'));
  try {
    let sourceUrl = given;
    if (!(await holdsMarketLens(given))) {
      const source = await createScratchDatabase(adminUrl, 'drill_source');
      cleanups.push(source.drop);
      const started = performance.now();
      await seedWithDemoData(source.url);
      say(
        `${redactUrl(given)} holds no MarketLens schema: created ${source.name} (migrate + demo-data + a user, ${seconds(started)})`,
      );
      sourceUrl = source.url;
    }
    say(`source ${redactUrl(sourceUrl)}`);

    // Fingerprints and dump share one exported snapshot, so writes during the drill cannot make them disagree.
    let sourcePrints: Fingerprint[] = [];
    const backupStarted = performance.now();
    await withClient(sourceUrl, async (client) => {
      await client.query('begin isolation level repeatable read read only');
      const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
      sourcePrints = await tableFingerprints(client);
      await runScript(
        'backup.sh',
        ['--snapshot', rows[0]?.id ?? '', '--no-upload', '--dir', workDir, '--keep', '0', '--max-age-days', '0'],
        {
          DATABASE_URL: sourceUrl,
        },
      );
      await client.query('commit');
    });
    const dump = readdirSync(workDir).find((f) => f.endsWith('.dump'));
    if (!dump) throw new Error(`backup.sh wrote no .dump file into ${workDir}`);
    say(`backup ${dump} (${statSync(join(workDir, dump)).size} bytes, ${seconds(backupStarted)})`);

    const target = await createScratchDatabase(adminUrl, 'drill_restore');
    cleanups.push(target.drop);
    const restoreStarted = performance.now();
    await runScript('restore.sh', ['--target', target.url, join(workDir, dump)], {});
    say(`restored into ${target.name} (${seconds(restoreStarted)})`);

    const restoredPrints = await withClient(target.url, async (client) => {
      await client.query('begin isolation level repeatable read read only');
      return tableFingerprints(client).finally(() => client.query('commit'));
    });
    const comparisons = compareFingerprints(sourcePrints, restoredPrints);
    console.log(formatComparison(comparisons));

    const bad = comparisons.filter((c) => !c.ok);
    const tables = comparisons.filter((c) => c.kind === 'table');
    const rows = tables.reduce((sum, c) => sum + (c.source?.rows ?? 0), 0);
    if (bad.length > 0 || tables.length === 0) {
      say(
        `FAILED: ${bad.length} of ${comparisons.length} objects differ${tables.length === 0 ? ' (no tables found)' : ''}`,
      );
      return 1;
    }
    say(`PASSED: ${tables.length} tables (${rows} rows) and ${comparisons.length - tables.length} sequences identical`);
    return 0;
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => console.error('restore drill: cleanup failed:', e));
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`restore drill: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
