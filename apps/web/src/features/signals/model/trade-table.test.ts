import type { BacktestTrade } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { CHRONOLOGICAL, nextSort, numberTrades, sortTrades } from './trade-table';
import { buildTradesCsv, TRADES_CSV_HEADER } from './trades-csv';

const trade = (overrides: Partial<BacktestTrade>): BacktestTrade => ({
  side: 'long',
  signalTime: '2024-01-01T00:00:00.000Z',
  entryTime: '2024-01-02T00:00:00.000Z',
  entryPrice: 100,
  exitTime: '2024-01-05T00:00:00.000Z',
  exitPrice: 105,
  returnPct: 0.05,
  exitReason: 'exit',
  bars: 3,
  ...overrides,
});

const rows = numberTrades([
  trade({ entryTime: '2024-01-02T00:00:00.000Z', returnPct: 0.05, exitReason: 'exit', bars: 3 }),
  trade({ entryTime: '2024-02-02T00:00:00.000Z', returnPct: -0.1, exitReason: 'stop_loss', bars: 12 }),
  trade({ entryTime: '2024-03-02T00:00:00.000Z', returnPct: 0.2, exitReason: 'end', bars: 3 }),
]);

describe('sortTrades', () => {
  it('sorts numbers as numbers, both ways', () => {
    expect(sortTrades(rows, { column: 'returnPct', direction: 'asc' }).map((r) => r.n)).toEqual([2, 1, 3]);
    expect(sortTrades(rows, { column: 'returnPct', direction: 'desc' }).map((r) => r.n)).toEqual([3, 1, 2]);
  });

  it('sorts times and words as text, and keeps time order among equals', () => {
    expect(sortTrades(rows, { column: 'exitReason', direction: 'asc' }).map((r) => r.exitReason)).toEqual([
      'end',
      'exit',
      'stop_loss',
    ]);
    expect(sortTrades(rows, { column: 'bars', direction: 'desc' }).map((r) => r.n)).toEqual([2, 1, 3]);
    expect(sortTrades(rows, { column: 'entryTime', direction: 'desc' }).map((r) => r.n)).toEqual([3, 2, 1]);
  });

  it('does not reorder the rows it was given', () => {
    sortTrades(rows, { column: 'returnPct', direction: 'asc' });
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3]);
  });
});

describe('nextSort', () => {
  it('flips the sorted column and starts another ascending, returns best first', () => {
    expect(nextSort(CHRONOLOGICAL, 'n')).toEqual({ column: 'n', direction: 'desc' });
    expect(nextSort(CHRONOLOGICAL, 'bars')).toEqual({ column: 'bars', direction: 'asc' });
    expect(nextSort(CHRONOLOGICAL, 'returnPct')).toEqual({ column: 'returnPct', direction: 'desc' });
  });
});

describe('buildTradesCsv', () => {
  it('writes a header row and one row per trade in the order given, returns as fractions at full precision', () => {
    const csv = buildTradesCsv(sortTrades(rows, { column: 'returnPct', direction: 'desc' }));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(TRADES_CSV_HEADER.join(','));
    expect(lines[0]).toBe('trade,side,signal_time,entry_time,entry_price,exit_time,exit_price,return,bars,exit_reason');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      '3,long,2024-01-01T00:00:00.000Z,2024-03-02T00:00:00.000Z,100,2024-01-05T00:00:00.000Z,105,0.2,3,end',
    );
    expect(csv.endsWith('\n')).toBe(true);
  });

  it('keeps every digit of a price', () => {
    const [row] = numberTrades([trade({ entryPrice: 500.79335016256823, returnPct: -0.11097874731352064 })]);
    expect(buildTradesCsv([row!])).toContain(',500.79335016256823,');
    expect(buildTradesCsv([row!])).toContain(',-0.11097874731352064,');
  });

  it('is just the header for no trades', () => {
    expect(buildTradesCsv([])).toBe(`${TRADES_CSV_HEADER.join(',')}\n`);
  });
});
