import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-databases';
import type { RawBar } from '../../providers/market-data-provider';
import { encodeBarsBinary } from './bar-copy-binary';
import { openBarWriter, type BarSeriesKey } from './bar-writer';
import { countBars, readBars, upsertBars } from './bars.store';
import { ensureInstrument } from './instruments.store';

const HOUR = 3_600_000;
// Starts before 2000-01-01, where timestamptz microseconds turn negative in the binary COPY encoding.
const T0 = Date.UTC(1999, 11, 31, 20);
const bar = (i: number, close = 100 + i / 7): RawBar => ({
  ts: T0 + i * HOUR,
  open: 100 + i / 3,
  high: 200 + i / 3,
  low: 50 + i / 11,
  close,
  volume: 0.1 * (i + 1),
});
const series = (n: number, from = 0) => Array.from({ length: n }, (_, i) => bar(from + i));

describe('binary COPY encoding', () => {
  it('writes one bars row as field count, then length-prefixed big-endian fields', () => {
    const ts = Date.UTC(2000, 0, 1) - 1; // one millisecond before the PostgreSQL epoch: -1000 microseconds
    const [header, rows, trailer] = [
      ...encodeBarsBinary({ instrumentId: 7, timeframe: '1m' }, [
        { ts, open: 1, high: 2, low: 0.5, close: 1.5, volume: 0 },
      ]),
    ];
    expect(header?.toString('latin1', 0, 11), 'the binary COPY signature').toBe('PGCOPY\n\xff\r\n\0');
    expect(trailer?.readInt16BE(0), 'a field count of -1 ends the data').toBe(-1);
    const row = rows as Buffer;
    expect(row.readInt16BE(0)).toBe(8);
    expect([row.readInt32BE(2), row.readInt32BE(6)], 'instrument_id').toEqual([4, 7]);
    expect([row.readInt32BE(10), row.toString('utf8', 14, 16)], 'timeframe').toEqual([2, '1m']);
    expect([row.readInt32BE(16), row.readBigInt64BE(20)], 'ts in microseconds since 2000').toEqual([8, -1000n]);
    expect(row.readDoubleBE(32)).toBe(1);
    expect(row.readDoubleBE(80), 'volume is the last field').toBe(0);
    expect(row.length).toBe(88);
  });
});

describeEachDatabase('bar writer routes', (kind, getDb) => {
  let nextSymbol = 0;
  const newSeries = async (): Promise<BarSeriesKey> => {
    const instrument = await ensureInstrument(getDb().orm, { symbol: `ROUTE-${++nextSymbol}` });
    return { instrumentId: instrument.id, timeframe: '1h' };
  };
  // PGlite has no COPY FROM STDIN and keeps staging everything.
  const direct = (n: number) => (kind === 'postgres' ? { direct: n, staged: 0 } : { direct: 0, staged: n });

  it('copies batches in time order straight into bars when the series holds nothing in their range', async () => {
    const key = await newSeries();
    const writer = await openBarWriter(getDb(), key);
    await writer.write(series(100));
    await writer.write(series(100, 100));
    expect(writer.routed).toEqual(direct(200));
    expect(await writer.commit()).toEqual({ inserted: 200, updated: 0, unchanged: 0 });
    expect(await readBars(getDb().orm, { ...key, limit: 500 }), 'every value round-trips exactly').toEqual(series(200));
  });

  it('copies a batch after or before the stored bars straight in, descending order included', async () => {
    const key = await newSeries();
    await upsertBars(getDb(), key, series(10, 100));
    const writer = await openBarWriter(getDb(), key);
    await writer.write(series(10, 110));
    await writer.write(series(10, 90).reverse());
    expect(writer.routed).toEqual(direct(20));
    expect(await writer.commit()).toEqual({ inserted: 20, updated: 0, unchanged: 0 });
    expect(await readBars(getDb().orm, { ...key, limit: 100 })).toEqual(series(30, 90));
  });

  it('stages a batch that overlaps stored bars and merges it, counting what changed', async () => {
    const key = await newSeries();
    await upsertBars(getDb(), key, series(10));
    const writer = await openBarWriter(getDb(), key);
    const batch = series(10, 5);
    batch[0] = bar(5, 999.5);
    await writer.write(batch);
    expect(writer.routed).toEqual({ direct: 0, staged: 10 });
    expect(await writer.commit()).toEqual({ inserted: 5, updated: 1, unchanged: 4 });
    expect(await countBars(getDb().orm, key)).toBe(15);
  });

  it('stages a batch out of time order, which may repeat a ts', async () => {
    const key = await newSeries();
    const writer = await openBarWriter(getDb(), key);
    await writer.write([bar(2), bar(0), bar(1), bar(0, 7)]);
    expect(writer.routed).toEqual({ direct: 0, staged: 4 });
    expect(await writer.commit()).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect((await readBars(getDb().orm, { ...key, limit: 10 })).map((b) => b.close)).toEqual([
      7,
      bar(1).close,
      bar(2).close,
    ]);
  });

  it('moves copied bars back to staging when a later batch repeats their ts, so each counts once', async () => {
    const key = await newSeries();
    const writer = await openBarWriter(getDb(), key);
    await writer.write(series(50));
    await writer.write(series(50, 200));
    await writer.write([bar(10, 1), bar(60, 2)]);
    expect(writer.routed, 'only the first batch overlaps the third').toEqual(
      kind === 'postgres' ? { direct: 50, staged: 52 } : { direct: 0, staged: 102 },
    );
    expect(await writer.commit()).toEqual({ inserted: 101, updated: 0, unchanged: 0 });
    const stored = await readBars(getDb().orm, { ...key, limit: 200 });
    expect(stored.find((b) => b.ts === bar(10).ts)?.close, 'the later value wins').toBe(1);
    expect(stored).toHaveLength(101);
  });

  it('rolls back copied bars with the rest when a later batch fails', async () => {
    const key = await newSeries();
    await upsertBars(getDb(), key, series(5));
    const writer = await openBarWriter(getDb(), key);
    await writer.write(series(100, 5));
    await expect(writer.write([{ ...bar(105), low: Number.NaN }])).rejects.toThrow(/invalid low/);
    expect(await readBars(getDb().orm, { ...key, limit: 500 }), 'the old bars, nothing else').toEqual(series(5));
  });

  it('refuses bars of an instrument that does not exist (the foreign key holds)', async () => {
    const key: BarSeriesKey = { instrumentId: 876_543, timeframe: '1h' };
    const opened = openBarWriter(getDb(), key).then((writer) => writer.abort().then(() => 'opened'));
    await expect(opened).rejects.toThrow(/No instrument with id 876543.*foreign key/);
    expect(await countBars(getDb().orm, key)).toBe(0);
  });

  it.skipIf(kind === 'pglite')(
    'lets a second writer of the series stage, and merge only once the copying writer has committed (PostgreSQL only)',
    async () => {
      const key = await newSeries();
      const first = await openBarWriter(getDb(), key);
      const second = await openBarWriter(getDb(), key);
      await first.write(series(100));
      await second.write(series(100, 50));
      expect([first.routed, second.routed]).toEqual([
        { direct: 100, staged: 0 },
        { direct: 0, staged: 100 },
      ]);
      let firstCommitted = false;
      const secondCommit = second.commit().then((result) => ({ result, afterFirst: firstCommitted }));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await first.commit()).toEqual({ inserted: 100, updated: 0, unchanged: 0 });
      firstCommitted = true;
      expect(await secondCommit).toEqual({
        result: { inserted: 50, updated: 0, unchanged: 50 },
        afterFirst: true,
      });
      expect(await countBars(getDb().orm, key)).toBe(150);
    },
  );
});
