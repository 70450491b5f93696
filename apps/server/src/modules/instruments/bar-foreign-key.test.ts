import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDatabase, testDatabaseUrl } from '../../../test/test-databases';
import { beginBulkTransaction } from '../../db/bulk-transaction';
import type { Database } from '../../db/database';
import { openDatabase } from '../../db/open-database';
import type { RawBar } from '../../providers/market-data-provider';
import { MissingInstrumentError } from './bar-foreign-key';
import { openBarWriter, type BarSeriesKey } from './bar-writer';
import { countBars } from './bars.store';
import { ensureInstrument } from './instruments.store';

const MINUTE = 60_000;
const bars = (n: number, from = 0): RawBar[] =>
  Array.from({ length: n }, (_, i) => {
    const price = 100 + (from + i) / 10;
    return {
      ts: Date.UTC(2024, 0, 1) + (from + i) * MINUTE,
      open: price,
      high: price + 1,
      low: price - 1,
      close: price,
      volume: 5,
    };
  });

/** Runs statements in one transaction of its own and returns the last one's rows. */
async function sqlIn(db: Database, ...statements: string[]): Promise<Record<string, unknown>[]> {
  const tx = await beginBulkTransaction(db);
  try {
    let rows: Record<string, unknown>[] = [];
    for (const statement of statements) rows = await tx.query(statement);
    await tx.commit();
    return rows;
  } catch (error) {
    await tx.rollback().catch(() => {});
    throw error;
  }
}

describeEachDatabase('bars foreign key checked once per write', (kind, getDb) => {
  let nextSymbol = 0;
  const newSeries = async (): Promise<BarSeriesKey> => {
    const instrument = await ensureInstrument(getDb().orm, { symbol: `FK-${++nextSymbol}` });
    return { instrumentId: instrument.id, timeframe: '1m' };
  };

  it('checks the instrument once and stores every bar, and the setting ends with the transaction', async () => {
    const key = await newSeries();
    const writer = await openBarWriter(getDb(), key);
    try {
      expect(writer.foreignKeyCheck).toBe('once');
      await writer.write(bars(500));
      await writer.write(bars(10, 495)); // overlaps: staged and merged under the same setting
      expect(await writer.commit()).toEqual({ inserted: 505, updated: 0, unchanged: 0 });
    } finally {
      await writer.abort();
    }
    expect(await countBars(getDb().orm, key)).toBe(505);
    // pg's pool hands out the connection released last, so this is the writer's connection on PostgreSQL.
    const [role] = await sqlIn(getDb(), 'show session_replication_role');
    expect(role?.session_replication_role, 'SET LOCAL: the next transaction checks rows again').toBe('origin');
  });

  it('refuses a missing instrument when the writer opens, before anything is written', async () => {
    const key: BarSeriesKey = { instrumentId: 987_654, timeframe: '1m' };
    // A writer that opens anyway is closed at once, so the failure shows instead of a held database.
    const error = await openBarWriter(getDb(), key).then(
      (writer) => writer.abort().then(() => 'opened'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MissingInstrumentError);
    expect(error).toMatchObject({ code: '23503', message: expect.stringMatching(/No instrument with id 987654/) });
    expect(await countBars(getDb().orm, key)).toBe(0);
    const [open] = await sqlIn(getDb(), "select count(*)::int as n from pg_class where relname = 'bars_staging'");
    expect(open?.n, 'the failed open left no transaction behind').toBe(0);
  });

  it('keeps checking row by row when bars has a trigger of its own', async () => {
    await sqlIn(
      getDb(),
      `create function bars_audit_noop() returns trigger language plpgsql as $$ begin return new; end $$`,
      'create trigger bars_audit after insert on bars for each row execute function bars_audit_noop()',
    );
    const writer = await openBarWriter(getDb(), await newSeries());
    try {
      expect(writer.foreignKeyCheck, 'switching triggers off would skip this one too').toBe('per-row');
      await writer.write(bars(20));
      expect(await writer.commit()).toEqual({ inserted: 20, updated: 0, unchanged: 0 });
    } finally {
      await writer.abort(); // a failed expectation must not leave the transaction (and on PGlite the database) held
      await sqlIn(getDb(), 'drop trigger bars_audit on bars', 'drop function bars_audit_noop()');
    }
  });

  it('keeps checking row by row when bars has a deferrable unique constraint (its recheck is a trigger)', async () => {
    await sqlIn(
      getDb(),
      'alter table bars add constraint bars_unique_later unique (instrument_id, timeframe, ts) deferrable',
    );
    const writer = await openBarWriter(getDb(), await newSeries());
    try {
      expect(writer.foreignKeyCheck).toBe('per-row');
    } finally {
      await writer.abort();
      await sqlIn(getDb(), 'alter table bars drop constraint bars_unique_later');
    }
  });

  it('keeps checking row by row when another table references bars (its key puts triggers on bars)', async () => {
    await sqlIn(
      getDb(),
      `create table bar_notes (instrument_id int, timeframe text, ts timestamptz,
        foreign key (instrument_id, timeframe, ts) references bars on delete cascade)`,
    );
    const writer = await openBarWriter(getDb(), await newSeries());
    try {
      expect(writer.foreignKeyCheck).toBe('per-row');
    } finally {
      await writer.abort();
      await sqlIn(getDb(), 'drop table bar_notes');
    }
  });

  it('keeps checking row by row when bars has a second foreign key', async () => {
    await sqlIn(
      getDb(),
      'create table timeframes_known (name text primary key)',
      "insert into timeframes_known values ('1m')",
      'alter table bars add constraint bars_timeframe_known foreign key (timeframe) references timeframes_known (name)',
    );
    const writer = await openBarWriter(getDb(), { instrumentId: (await newSeries()).instrumentId, timeframe: '1h' });
    try {
      expect(writer.foreignKeyCheck).toBe('per-row');
      const error = await writer
        .write(bars(5))
        .then(() => writer.commit())
        .catch((e: unknown) => e);
      expect(String(error), 'the other key is still enforced').toMatch(/bars_timeframe_known/);
    } finally {
      await writer.abort();
      await sqlIn(getDb(), 'alter table bars drop constraint bars_timeframe_known', 'drop table timeframes_known');
    }
  });

  it.skipIf(kind === 'pglite')(
    'holds the instrument: a delete waits for the write, then cascades to its bars (PostgreSQL only)',
    async () => {
      const key = await newSeries();
      const writer = await openBarWriter(getDb(), key);
      await writer.write(bars(100));
      const [database] = await sqlIn(getDb(), 'select current_database() as name');
      const url = new URL(testDatabaseUrl as string);
      url.pathname = `/${String(database?.name)}`;
      const other = new pg.Client({ connectionString: url.toString() });
      await other.connect();
      try {
        expect(writer.foreignKeyCheck).toBe('once');
        await other.query("set lock_timeout = '300ms'");
        const blocked = await other.query('delete from instruments where id = $1', [key.instrumentId]).catch((e) => e);
        expect(blocked, 'the KEY SHARE lock taken at open').toMatchObject({ code: '55P03' });
        await writer.commit();
        expect(await countBars(getDb().orm, key)).toBe(100);
        await other.query('delete from instruments where id = $1', [key.instrumentId]);
        expect(await countBars(getDb().orm, key), 'ON DELETE CASCADE reached the copied bars').toBe(0);
      } finally {
        await writer.abort();
        await other.end();
      }
    },
  );

  it.skipIf(kind === 'pglite')(
    'keeps checking row by row for a role that may not switch triggers off (PostgreSQL only)',
    async () => {
      const role = `ml_plain_${randomBytes(4).toString('hex')}`;
      const [database] = await sqlIn(getDb(), 'select current_database() as name');
      await sqlIn(
        getDb(),
        `create role ${role} login`,
        `grant select, insert, update, delete on all tables in schema public to ${role}`,
        `grant usage on all sequences in schema public to ${role}`,
      );
      const url = new URL(testDatabaseUrl as string);
      url.pathname = `/${String(database?.name)}`;
      url.username = role;
      url.password = '';
      const plain = await openDatabase({ url: url.toString(), poolMax: 1 });
      const key = await newSeries();
      const writer = await openBarWriter(plain, key).catch(async (error: unknown) => {
        await plain.close();
        throw error;
      });
      try {
        expect(writer.foreignKeyCheck).toBe('per-row');
        await writer.write(bars(30));
        expect(await writer.commit()).toEqual({ inserted: 30, updated: 0, unchanged: 0 });
        expect(await countBars(getDb().orm, key)).toBe(30);
      } finally {
        await writer.abort();
        await plain.close();
        await sqlIn(getDb(), `drop owned by ${role}`, `drop role ${role}`);
      }
    },
  );
});
