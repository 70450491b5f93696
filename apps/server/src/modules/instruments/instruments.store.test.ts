import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-databases';
import { instruments } from '../../db/schema';
import { countBars, upsertBars } from './bars.store';
import { deleteInstrument, ensureInstrument, findInstrument, listInstruments } from './instruments.store';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const dailyBars = (n: number, start = T0) =>
  Array.from({ length: n }, (_, i) => ({ ts: start + i * DAY, open: 10, high: 11, low: 9, close: 10.5, volume: 100 }));

describeEachDatabase('instruments store', (_kind, getDb) => {
  const orm = () => getDb().orm;

  describe('ensureInstrument', () => {
    it('creates a missing instrument with defaults and a normalised symbol', async () => {
      const created = await ensureInstrument(orm(), { symbol: ' aapl ', name: 'Apple' });
      expect(created).toMatchObject({ symbol: 'AAPL', name: 'Apple', kind: 'other', source: 'csv', synthetic: false });
      expect(await findInstrument(orm(), 'aapl')).toEqual(created);
    });

    it('returns the existing row and leaves it unchanged', async () => {
      const first = await ensureInstrument(orm(), { symbol: 'MSFT', kind: 'equity', source: 'yahoo' });
      const again = await ensureInstrument(orm(), { symbol: 'msft', kind: 'crypto', synthetic: true });
      expect(again).toEqual(first);
    });

    it('gives concurrent callers the same single row', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, () => ensureInstrument(orm(), { symbol: 'RACE', kind: 'crypto' })),
      );
      expect(new Set(results.map((r) => r.id)).size, 'every caller sees the same id').toBe(1);
      const rows = await orm().select().from(instruments).where(eq(instruments.symbol, 'RACE'));
      expect(rows).toHaveLength(1);
    });

    it('rejects an empty symbol', async () => {
      await expect(ensureInstrument(orm(), { symbol: '  ' })).rejects.toThrow(/symbol is empty/);
    });
  });

  it('findInstrument returns undefined for an unknown symbol', async () => {
    expect(await findInstrument(orm(), 'NOPE')).toBeUndefined();
  });

  it('listInstruments reports bars, first and last per timeframe, and instruments without bars', async () => {
    const btc = await ensureInstrument(orm(), {
      symbol: 'LIST-BTC',
      kind: 'crypto',
      synthetic: true,
      source: 'synthetic',
    });
    const empty = await ensureInstrument(orm(), { symbol: 'LIST-EMPTY' });
    await upsertBars(getDb(), { instrumentId: btc.id, timeframe: '1d' }, dailyBars(30));
    await upsertBars(getDb(), { instrumentId: btc.id, timeframe: '1h' }, [
      { ts: T0, open: 1, high: 1, low: 1, close: 1, volume: 1 },
      { ts: T0 + 3_600_000, open: 1, high: 1, low: 1, close: 1, volume: 1 },
    ]);

    const list = await listInstruments(orm());
    const symbols = list.map((i) => i.symbol);
    expect(symbols, 'ordered by symbol').toEqual([...symbols].sort());
    expect(list.find((i) => i.id === btc.id)).toMatchObject({
      symbol: 'LIST-BTC',
      synthetic: true,
      timeframes: [
        { timeframe: '1d', bars: 30, first: new Date(T0), last: new Date(T0 + 29 * DAY) },
        { timeframe: '1h', bars: 2, first: new Date(T0), last: new Date(T0 + 3_600_000) },
      ],
    });
    expect(list.find((i) => i.id === empty.id)?.timeframes).toEqual([]);
  });

  it('deleteInstrument removes the instrument and its bars', async () => {
    const doomed = await ensureInstrument(orm(), { symbol: 'DOOMED' });
    await upsertBars(getDb(), { instrumentId: doomed.id, timeframe: '1d' }, dailyBars(5));
    expect(await deleteInstrument(orm(), doomed.id)).toBe(true);
    expect(await findInstrument(orm(), 'DOOMED')).toBeUndefined();
    expect(await countBars(orm(), { instrumentId: doomed.id, timeframe: '1d' }), 'bars go with it').toBe(0);
    expect(await deleteInstrument(orm(), doomed.id), 'a second delete finds nothing').toBe(false);
  });
});
