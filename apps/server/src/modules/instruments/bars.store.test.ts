import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-databases';
import { bars } from '../../db/schema';
import type { RawBar } from '../../providers/market-data-provider';
import type { BarSeriesKey } from './bars.store';
import { countBars, latestBarsQuery, openBarWriter, readBars, upsertBars } from './bars.store';
import { ensureInstrument } from './instruments.store';
import { InvalidBarError } from './invalid-bar.error';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 1);
// Values with long binary expansions, so a lossy round trip (text, float4) would show.
const bar = (i: number, close = 100 + i / 3): RawBar => ({
  ts: T0 + i * HOUR,
  open: 100 + i / 7,
  high: 101 + i / 3,
  low: 99 - i / 11,
  close,
  volume: 1234.5678 * (i + 1),
});
const series = (n: number, from = 0) => Array.from({ length: n }, (_, i) => bar(from + i));

describeEachDatabase('bars store', (kind, getDb) => {
  let nextSymbol = 0;
  const newSeries = async (): Promise<BarSeriesKey> => {
    const instrument = await ensureInstrument(getDb().orm, { symbol: `BARS-${++nextSymbol}` });
    return { instrumentId: instrument.id, timeframe: '1h' };
  };
  const rowVersions = async (key: BarSeriesKey) =>
    getDb()
      .orm.select({ ts: bars.ts, version: sql<string>`xmin::text` })
      .from(bars)
      .where(and(eq(bars.instrumentId, key.instrumentId), eq(bars.timeframe, key.timeframe)))
      .orderBy(bars.ts);

  describe('writing', () => {
    it('counts inserted, updated and unchanged bars', async () => {
      const key = await newSeries();
      expect(await upsertBars(getDb(), key, series(5))).toEqual({ inserted: 5, updated: 0, unchanged: 0 });

      const changed = series(5);
      changed[2] = bar(2, 999.25);
      expect(await upsertBars(getDb(), key, changed)).toEqual({ inserted: 0, updated: 1, unchanged: 4 });
      expect(await upsertBars(getDb(), key, series(3, 4))).toEqual({ inserted: 2, updated: 0, unchanged: 1 });
      const stored = await readBars(getDb().orm, { ...key, limit: 100 });
      expect(stored).toEqual([...series(2), bar(2, 999.25), ...series(4, 3)]);
    });

    it('changes nothing when identical bars are written again', async () => {
      const key = await newSeries();
      await upsertBars(getDb(), key, series(20));
      const before = await rowVersions(key);
      expect(await upsertBars(getDb(), key, series(20))).toEqual({ inserted: 0, updated: 0, unchanged: 20 });
      expect(await rowVersions(key), 'no row got a new version').toEqual(before);
    });

    it('merges rather than inserts when new bars land between stored ones', async () => {
      const key = await newSeries();
      await upsertBars(getDb(), key, [bar(0), bar(10)]);
      // The range 0..10 holds stored bars, so the plain-insert fast path must not be taken.
      expect(await upsertBars(getDb(), key, series(11))).toEqual({ inserted: 9, updated: 0, unchanged: 2 });
    });

    it.skipIf(kind === 'pglite')(
      'lets two concurrent first loads of one range both succeed, writing each bar once (PostgreSQL only: PGlite runs one writer at a time)',
      async () => {
        // Both writers see an empty range; one plain insert waits for the other, hits the unique key and must
        // fall back to the merge instead of failing the import.
        const key = await newSeries();
        const [a, b] = [await openBarWriter(getDb(), key), await openBarWriter(getDb(), key)];
        await a.write(series(300));
        await b.write(series(300));
        const results = await Promise.all([a.commit(), b.commit()]);
        expect(results.map((r) => r.inserted).sort((x, y) => x - y)).toEqual([0, 300]);
        expect(results.map((r) => r.unchanged).sort((x, y) => x - y)).toEqual([0, 300]);
        expect(await countBars(getDb().orm, key)).toBe(300);
      },
    );

    it('keeps one row, the last written, when a write holds the same ts twice', async () => {
      const key = await newSeries();
      const writer = await openBarWriter(getDb(), key);
      await writer.write([bar(0, 1), bar(1, 1)]);
      await writer.write([bar(0, 2)]);
      expect(await writer.commit()).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
      expect((await readBars(getDb().orm, { ...key, limit: 10 })).map((b) => b.close)).toEqual([2, 1]);
    });

    it('stages many batches in one transaction and writes nothing before commit', async () => {
      const key = await newSeries();
      const writer = await openBarWriter(getDb(), key);
      for (let i = 0; i < 5; i++) await writer.write(series(100, i * 100));
      await writer.write([]);
      if (kind === 'postgres') {
        expect(await countBars(getDb().orm, key), 'other connections see nothing yet').toBe(0);
      }
      expect(await writer.commit()).toEqual({ inserted: 500, updated: 0, unchanged: 0 });
      expect(await countBars(getDb().orm, key)).toBe(500);
      await expect(writer.write(series(1)), 'a committed writer is closed').rejects.toThrow(/closed/);
    });

    it('abort rolls back everything staged', async () => {
      const key = await newSeries();
      await upsertBars(getDb(), key, series(3));
      const writer = await openBarWriter(getDb(), key);
      await writer.write([bar(0, 555), ...series(10, 3)]);
      await writer.abort();
      await writer.abort(); // harmless twice
      expect(await readBars(getDb().orm, { ...key, limit: 100 })).toEqual(series(3));
      await expect(writer.commit()).rejects.toThrow(/closed/);
    });

    it('rolls back earlier batches when a later batch holds an invalid bar', async () => {
      const key = await newSeries();
      const writer = await openBarWriter(getDb(), key);
      await writer.write(series(10));
      const bad = series(3, 10);
      bad[1] = { ...bar(11), high: Number.NaN };
      const error = await writer.write(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidBarError);
      expect(error).toMatchObject({ index: 1, field: 'high' });
      await expect(writer.commit(), 'the failed writer cannot commit').rejects.toThrow(/closed/);
      expect(await countBars(getDb().orm, key)).toBe(0);
    });

    it('rejects a fractional timestamp by position', async () => {
      const key = await newSeries();
      await expect(upsertBars(getDb(), key, [bar(0), { ...bar(1), ts: 1.5 }])).rejects.toThrow(
        'Bar 1 of the batch has an invalid ts: 1.5',
      );
    });

    it('rolls back completely when the database refuses the merge, and stays usable', async () => {
      const missingInstrument: BarSeriesKey = { instrumentId: 987_654, timeframe: '1h' };
      await expect(upsertBars(getDb(), missingInstrument, series(50))).rejects.toThrow();
      expect(await countBars(getDb().orm, missingInstrument)).toBe(0);
      const key = await newSeries();
      expect(await upsertBars(getDb(), key, series(2)), 'the next write works').toEqual({
        inserted: 2,
        updated: 0,
        unchanged: 0,
      });
    });
  });

  describe('reading', () => {
    let key: BarSeriesKey;
    beforeAll(async () => {
      key = await newSeries();
      await upsertBars(getDb(), key, series(48));
      // Another timeframe of the same instrument must not leak into reads.
      await upsertBars(getDb(), { ...key, timeframe: '1d' }, series(5, 100));
    });

    it('returns the whole series in ascending order with exact values', async () => {
      expect(await readBars(getDb().orm, { ...key, limit: 1000 })).toEqual(series(48));
    });

    it('bounds a range by from (inclusive) and to (exclusive)', async () => {
      const read = await readBars(getDb().orm, { ...key, from: bar(10).ts, to: bar(20).ts, limit: 1000 });
      expect(read).toEqual(series(10, 10));
      expect(await countBars(getDb().orm, { ...key, from: bar(10).ts, to: bar(20).ts })).toBe(10);
      expect(await countBars(getDb().orm, { ...key, from: bar(40).ts })).toBe(8);
      expect(await countBars(getDb().orm, key)).toBe(48);
    });

    it('returns the latest bars, still ascending, when the range exceeds the limit', async () => {
      expect(await readBars(getDb().orm, { ...key, limit: 5 })).toEqual(series(5, 43));
      expect(await readBars(getDb().orm, { ...key, to: bar(10).ts, limit: 3 })).toEqual(series(3, 7));
    });

    it('rejects a limit that is not a positive integer', async () => {
      await expect(readBars(getDb().orm, { ...key, limit: 0 })).rejects.toThrow(/limit must be a positive integer/);
    });

    it('reads a range through the bars primary-key index', async () => {
      const plan = await getDb().orm.transaction(async (tx) => {
        // Few rows make a sequential scan cheapest; forbid it so the plan shows which index serves the query.
        await tx.execute(sql`set local enable_seqscan = off`);
        const result = await tx.execute(
          sql`explain ${latestBarsQuery(getDb().orm, { ...key, from: bar(5).ts, to: bar(30).ts, limit: 10 })}`,
        );
        return (result as unknown as { rows: Record<string, string>[] }).rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/Index Scan( Backward)? using bars_instrument_id_timeframe_ts_pk on bars/);
      expect(plan, 'no sort: the index already yields ts order').not.toMatch(/Sort/);
    });
  });
});
