import type { BacktestTrade } from '@marketlens/contracts';

/** A trade with its number in time order, which stays its name whatever the table is sorted by. */
export type TradeRow = BacktestTrade & { n: number };

export type TradeColumn =
  'n' | 'side' | 'entryTime' | 'entryPrice' | 'exitTime' | 'exitPrice' | 'returnPct' | 'bars' | 'exitReason';

export interface TradeSort {
  column: TradeColumn;
  direction: 'asc' | 'desc';
}

export const CHRONOLOGICAL: TradeSort = { column: 'n', direction: 'asc' };

export const numberTrades = (trades: readonly BacktestTrade[]): TradeRow[] =>
  trades.map((t, i) => ({ ...t, n: i + 1 }));

/** Numbers numerically, times (same ISO format) and words as text; ties keep time order. */
export function sortTrades(rows: readonly TradeRow[], sort: TradeSort): TradeRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort.column];
    const y = b[sort.column];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order !== 0 ? sign * order : a.n - b.n;
  });
}

/** A click on the sorted column flips it; another column starts ascending (returns: best first). */
export function nextSort(current: TradeSort, column: TradeColumn): TradeSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'returnPct' ? 'desc' : 'asc' };
}
