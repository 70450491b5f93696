import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-databases';
import type { RawBar } from '../../providers/market-data-provider';
import { countBars, openBarWriter, readBars } from './bars.store';
import { ensureInstrument } from './instruments.store';

// Proves the bulk path (COPY on PostgreSQL, array INSERTs on PGlite) at import size. No timing assertions:
// speed is measured by the benchmarks, not by tests.
const ROWS = 200_000;
const BATCH = 10_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2020, 0, 1);
const bar = (i: number): RawBar => ({
  ts: T0 + i * MINUTE,
  open: 100 + Math.sin(i / 100),
  high: 101 + Math.sin(i / 100),
  low: 99 + Math.sin(i / 100),
  close: 100.5 + Math.cos(i / 100),
  volume: i % 997,
});
const batchAt = (start: number) => Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, j) => bar(start + j));

describeEachDatabase('bar writer bulk load', (_kind, getDb) => {
  it(
    `writes ${ROWS} bars in batches of ${BATCH} and finds the few changed ones on a re-write`,
    { timeout: 180_000 },
    async () => {
      const instrument = await ensureInstrument(getDb().orm, { symbol: 'BULK' });
      const key = { instrumentId: instrument.id, timeframe: '1m' } as const;

      const writer = await openBarWriter(getDb(), key);
      for (let start = 0; start < ROWS; start += BATCH) await writer.write(batchAt(start));
      expect(await writer.commit()).toEqual({ inserted: ROWS, updated: 0, unchanged: 0 });
      expect(await countBars(getDb().orm, key)).toBe(ROWS);
      expect(await readBars(getDb().orm, { ...key, limit: 2 })).toEqual([bar(ROWS - 2), bar(ROWS - 1)]);
      expect(await readBars(getDb().orm, { ...key, to: bar(1).ts, limit: 10 })).toEqual([bar(0)]);

      // Same data with one bar in every batch changed: the merge must find exactly those.
      const again = await openBarWriter(getDb(), key);
      for (let start = 0; start < ROWS; start += BATCH) {
        const batch = batchAt(start);
        batch[0] = { ...(batch[0] as RawBar), volume: -1 };
        await again.write(batch);
      }
      const changed = ROWS / BATCH;
      expect(await again.commit()).toEqual({ inserted: 0, updated: changed, unchanged: ROWS - changed });
      expect(await countBars(getDb().orm, key)).toBe(ROWS);
    },
  );
});
