import type { TradeRow } from './trade-table';

export const TRADES_CSV_HEADER = [
  'trade',
  'side',
  'signal_time',
  'entry_time',
  'entry_price',
  'exit_time',
  'exit_price',
  'return',
  'bars',
  'exit_reason',
] as const;

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The trade list as CSV, in the order given (the table's), with a header row. Prices and returns keep full
 * precision and `return` is a fraction (0.05 = 5%), as the API and the CLI give it: this is data, not a view.
 */
export function buildTradesCsv(rows: readonly TradeRow[]): string {
  const lines = [TRADES_CSV_HEADER.join(',')];
  for (const t of rows) {
    lines.push(
      [
        String(t.n),
        t.side,
        t.signalTime,
        t.entryTime,
        String(t.entryPrice),
        t.exitTime,
        String(t.exitPrice),
        String(t.returnPct),
        String(t.bars),
        t.exitReason,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
