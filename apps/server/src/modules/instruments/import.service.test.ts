import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeEachApp } from '../../../test/describe-each-app';
import { countBars, readBars } from './bars.store';
import { findInstrument } from './instruments.store';
import { importBarsCsv } from './import.service';

// Files larger than one import batch (20,000 rows), so the route taken per batch and the single transaction
// around all of them are both exercised; the small-file cases live in instruments.routes.test.ts.
const MINUTE = 60_000;
const T0 = Date.UTC(2021, 5, 1);
const row = (i: number, close = 100 + (i % 50) / 8) =>
  `${new Date(T0 + i * MINUTE).toISOString().replace('T', ' ').replace('.000Z', '+00:00')},100,110,90,${close},${i}`;
const csv = (from: number, to: number, edit: (i: number) => string = row) =>
  `timestamp,open,high,low,close,volume\n${Array.from({ length: to - from }, (_, k) => edit(from + k)).join('\n')}\n`;

/** 64 KiB pieces, as a file stream delivers them: a late failure then comes after batches were written. */
function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
}

describeEachApp('CSV import over several batches', (getApp) => {
  const importFile = (symbol: string, body: string | Buffer) =>
    importBarsCsv(getApp().ctx, {
      symbol,
      timeframe: '1m',
      timezone: 'UTC',
      input: Readable.from(chunks(Buffer.from(body))),
      filename: `${symbol}.csv`,
    });
  const seriesOf = async (symbol: string) => {
    const instrument = await findInstrument(getApp().ctx.db.orm, symbol);
    return { instrumentId: instrument?.id ?? -1, timeframe: '1m' as const };
  };

  it(
    'imports a new range, reports a bad line by number, and re-imports it as unchanged',
    { timeout: 120_000 },
    async () => {
      const file = csv(0, 45_000, (i) => (i === 30_000 ? row(i).replace(',110,', ',80,') : row(i)));
      const first = await importFile('MANY', file);
      expect(first).toMatchObject({ rows: 45_000, inserted: 44_999, updated: 0, unchanged: 0, rejectedTotal: 1 });
      expect(first.rejected, 'line 1 is the header').toEqual([{ line: 30_002, reason: 'high 80 is below low 90' }]);
      const again = await importFile('MANY', file);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 44_999 });
    },
  );

  it(
    'reports changed rows as updated and new ones as inserted when a file overlaps stored bars',
    { timeout: 120_000 },
    async () => {
      const file = csv(40_000, 50_000, (i) => (i === 40_001 || i === 44_000 ? row(i, 101.125) : row(i)));
      expect(await importFile('MANY', file)).toMatchObject({ inserted: 5_000, updated: 2, unchanged: 4_998 });
      const key = await seriesOf('MANY');
      expect(await countBars(getApp().ctx.db.orm, key)).toBe(49_999);
      const [changed] = await readBars(getApp().ctx.db.orm, {
        ...key,
        from: T0 + 44_000 * MINUTE,
        to: T0 + 44_001 * MINUTE,
        limit: 1,
      });
      expect(changed?.close).toBe(101.125);
    },
  );

  it(
    'leaves the stored bars as they were when the file fails after batches were written',
    { timeout: 120_000 },
    async () => {
      await importFile('HALF', csv(0, 100));
      const broken = Buffer.concat([Buffer.from(csv(100, 45_100)), Buffer.from([0xc3, 0x28, 0x0a])]);
      await expect(importFile('HALF', broken)).rejects.toThrow(/UTF-8/);
      const key = await seriesOf('HALF');
      expect(await countBars(getApp().ctx.db.orm, key), 'nothing of the failed file is kept').toBe(100);
    },
  );
});
