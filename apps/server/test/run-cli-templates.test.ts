import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { beginBulkTransaction } from '../src/db/bulk-transaction';
import { openDatabase } from '../src/db/open-database';
import { createHash } from 'node:crypto';
import { demoDataDir, migratedDataDir, removeStaleTemplates, template } from './run-cli';

// The data folders the CLI and browser tests start from are copies of templates the real CLI makes (run-cli.ts):
// each copy is a new folder, and the demo one holds what a first start would load, but no user, so a server
// started on it still creates and prints the first admin.
describe('data folder templates (run-cli.ts)', { timeout: 180_000 }, () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(join(dir, '..'), { recursive: true, force: true })));

  async function count(dataDir: string, sql: string): Promise<number> {
    const db = await openDatabase({ dataDir });
    try {
      const tx = await beginBulkTransaction(db);
      const [row] = await tx.query<{ n: number }>(sql);
      await tx.commit();
      return Number(row?.n);
    } finally {
      await db.close();
    }
  }

  it('gives a new copy of the demo template each time: the demo data, no user, its own writes', async () => {
    const a = demoDataDir();
    const b = demoDataDir();
    made.push(a, b);
    expect(a).not.toBe(b);
    expect(
      await count(a, `select count(*)::int as n from instruments where symbol in ('SYN-EQ', 'SYN-BTC', 'SYN-INTRA')`),
    ).toBe(3);
    expect(await count(a, `select count(*)::int as n from universes where synthetic`)).toBe(1);
    expect(await count(a, `select count(*)::int as n from meme_tokens where symbol = 'SYN-MEME'`)).toBe(1);
    expect(await count(a, 'select count(*)::int as n from users'), 'the server must still create the first admin').toBe(
      0,
    );
    const db = await openDatabase({ dataDir: a });
    try {
      const tx = await beginBulkTransaction(db);
      await tx.query(`insert into instruments (symbol, name) values ('ONLY_A', 'a')`);
      await tx.commit();
    } finally {
      await db.close();
    }
    expect(await count(a, `select count(*)::int as n from instruments where symbol = 'ONLY_A'`)).toBe(1);
    expect(await count(b, `select count(*)::int as n from instruments where symbol = 'ONLY_A'`)).toBe(0);
  });

  it('gives an empty migrated database from the migrated template', async () => {
    const dir = migratedDataDir();
    made.push(dir);
    expect(await count(dir, 'select count(*)::int as n from instruments')).toBe(0);
  });

  it('removes the templates of a kind made over an hour ago, and keeps newer ones and other kinds', () => {
    const kind = `test${process.pid}`;
    const folder = (name: string, ageMinutes: number) => {
      const path = join(tmpdir(), name);
      mkdirSync(join(path, 'db'), { recursive: true });
      const when = new Date(Date.now() - ageMinutes * 60_000);
      utimesSync(path, when, when);
      return path;
    };
    const keep = folder(`marketlens-${kind}-current`, 120);
    const stale = folder(`marketlens-${kind}-old`, 61);
    const fresh = folder(`marketlens-${kind}-recent`, 30);
    const otherKind = folder(`marketlens-${kind}x-old`, 120);
    try {
      removeStaleTemplates(kind, keep);
      expect([keep, stale, fresh, otherKind].map(existsSync)).toEqual([true, false, true, true]);
    } finally {
      [keep, stale, fresh, otherKind].forEach((path) => rmSync(path, { recursive: true, force: true }));
    }
  });

  it('names the command that failed and leaves neither a template nor a half-made one', () => {
    const kind = `broken${process.pid}`;
    const hash = createHash('sha256').update(kind);
    expect(() => template(kind, hash, [['no-such-command']])).toThrow(
      /marketlens no-such-command could not make the broken\d+ template data folder \(exit 64\):\n.*unknown command/s,
    );
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`marketlens-${kind}-`))).toEqual([]);
  });
});
