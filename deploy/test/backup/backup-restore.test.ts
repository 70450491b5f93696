import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprintsOf,
  requirePostgresClient,
  runScript,
  SAMPLE_SCHEMA,
  SKIP_REASON,
  withPassword,
} from '../support/backup-postgres';
import { query, scratchDatabase, testDatabaseUrl, type ScratchDatabase } from '../support/scratch-postgres';

const PASSWORD = 'pw-never-printed-7c1e';

describe.skipIf(!testDatabaseUrl)(
  `backup.sh and restore.sh against PostgreSQL${testDatabaseUrl ? '' : SKIP_REASON}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'marketlens-backup-'));
    const databases: ScratchDatabase[] = [];
    let source: ScratchDatabase;
    let dump = '';
    let backupOutput = '';

    const fresh = async () => {
      const db = await scratchDatabase('restore');
      databases.push(db);
      return db;
    };
    const restore = (args: string[]) => runScript('restore.sh', args);

    beforeAll(async () => {
      requirePostgresClient();
      source = await scratchDatabase('backup');
      databases.push(source);
      await query(source.url, SAMPLE_SCHEMA);
      const run = await runScript('backup.sh', ['--dir', dir], { DATABASE_URL: withPassword(source.url, PASSWORD) });
      backupOutput = run.output;
      expect(run.status, run.output).toBe(0);
      dump = join(dir, readdirSync(dir).find((f) => f.endsWith('.dump')) ?? 'none');
    });
    afterAll(async () => {
      for (const db of databases) await db.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('writes a timestamped custom-format dump with a sha256 file, and no temporary file', () => {
      expect(readdirSync(dir).sort()).toEqual([
        expect.stringMatching(/^marketlens-\d{8}T\d{6}Z\.dump$/),
        expect.stringMatching(/\.dump\.sha256$/),
      ]);
      const bytes = readFileSync(dump);
      expect(bytes.subarray(0, 5).toString(), 'pg_dump custom format magic').toBe('PGDMP');
      const sum = createHash('sha256').update(bytes).digest('hex');
      expect(readFileSync(`${dump}.sha256`, 'utf8')).toBe(`${sum}  ${dump.split('/').pop()}\n`);
    });

    it('never prints the database password', () => {
      expect(backupOutput).toContain('postgres:***@');
      expect(backupOutput).not.toContain(PASSWORD);
    });

    it('restores into an empty database an identical copy (every row, every sequence)', async () => {
      const target = await fresh();
      const run = await restore(['--target', withPassword(target.url, PASSWORD), dump]);
      expect(run.status, run.output).toBe(0);
      expect(run.output).not.toContain(PASSWORD);
      expect(await fingerprintsOf(target.url)).toEqual(await fingerprintsOf(source.url));
      expect(await query(target.url, 'select count(*)::int as n from latest')).toEqual([{ n: 2 }]);
    });

    it('refuses a backup with one flipped byte and leaves the target untouched', async () => {
      const target = await fresh();
      // A copy elsewhere: the original stays intact for the other tests.
      const damaged = join(mkdtempSync(join(tmpdir(), 'marketlens-damaged-')), 'marketlens-20240101T000000Z.dump');
      const bytes = readFileSync(dump);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
      writeFileSync(damaged, bytes);
      writeFileSync(`${damaged}.sha256`, readFileSync(`${dump}.sha256`));
      const run = await restore(['--target', target.url, damaged]);
      expect(run.status).toBe(3);
      expect(run.output).toContain('checksum mismatch');
      expect(await fingerprintsOf(target.url)).toEqual([]);
      rmSync(join(damaged, '..'), { recursive: true, force: true });
    });

    it('refuses a backup without its checksum file', async () => {
      const target = await fresh();
      const run = await restore(['--target', target.url, '--checksum', join(dir, 'absent.sha256'), dump]);
      expect(run.status).toBe(3);
      expect(run.output).toContain('checksum file not found');
    });

    it('refuses a non-empty target unless told, and --clean replaces the backup’s objects', async () => {
      const target = await fresh();
      await query(target.url, 'create table instruments (id int); insert into instruments values (42)');
      const refused = await restore(['--target', target.url, dump]);
      expect(refused.status).toBe(4);
      expect(refused.output).toContain('is not empty (1 tables/views/sequences)');
      expect(await query(target.url, 'select id from instruments')).toEqual([{ id: 42 }]);

      const cleaned = await restore(['--clean', '--target', target.url, dump]);
      expect(cleaned.status, cleaned.output).toBe(0);
      expect(await fingerprintsOf(target.url)).toEqual(await fingerprintsOf(source.url));
    });

    it('restores with --force next to unrelated tables, and rolls back completely when an object conflicts', async () => {
      const target = await fresh();
      await query(target.url, 'create table keep_me (x int)');
      const forced = await restore(['--force', '--target', target.url, dump]);
      expect(forced.status, forced.output).toBe(0);

      const conflicting = await fresh();
      await query(conflicting.url, 'create table bars (x int)');
      const failed = await restore(['--force', '--target', conflicting.url, dump]);
      expect(failed.status).toBe(1);
      expect(failed.output).toContain('rolled back');
      const tables = await query(conflicting.url, "select tablename from pg_tables where schemaname = 'public'");
      expect(tables, 'one transaction: nothing of the backup stays behind').toEqual([{ tablename: 'bars' }]);
    });

    it('fails a backup of an unreachable database, leaving no file behind', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'marketlens-backup-fail-'));
      try {
        const unreachable = 'postgres://postgres:secret-in-url@127.0.0.1:1/nothing';
        const run = await runScript('backup.sh', ['--dir', empty], { DATABASE_URL: unreachable });
        expect(run.status).toBe(1);
        expect(run.output).toContain('pg_dump failed; no backup was written');
        expect(run.output).not.toContain('secret-in-url');
        expect(readdirSync(empty)).toEqual([]);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });

    it('documents itself: --help of both scripts', async () => {
      for (const script of ['backup.sh', 'restore.sh']) {
        const run = await runScript(script, ['--help']);
        expect(run.status, script).toBe(0);
        expect(run.output, script).toMatch(/^Usage: /);
        expect(run.output, script).toContain('Exit codes:');
      }
      expect(existsSync(dump)).toBe(true);
    });
  },
);
