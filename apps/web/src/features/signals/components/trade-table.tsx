import type { BacktestTrade } from '@marketlens/contracts';
import { useMemo, useState } from 'react';
import { downloadText } from '../../../shared/file/download';
import { formatBarTime } from '../../../shared/format/format';
import { formatSignedShare } from '../../../shared/format/metric-format';
import { Button } from '../../../shared/ui/button';
import { cx } from '../../../shared/ui/cx';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import {
  CHRONOLOGICAL,
  nextSort,
  numberTrades,
  sortTrades,
  type TradeColumn,
  type TradeSort,
} from '../model/trade-table';
import { buildTradesCsv } from '../model/trades-csv';

/** Rows drawn before "Show all": a 1-minute strategy can make thousands of trades. */
const FIRST_ROWS = 200;

const COLUMNS: readonly { column: TradeColumn; label: string; numeric?: boolean }[] = [
  { column: 'n', label: '#', numeric: true },
  { column: 'side', label: 'Side' },
  { column: 'entryTime', label: 'Entry' },
  { column: 'entryPrice', label: 'Entry price', numeric: true },
  { column: 'exitTime', label: 'Exit' },
  { column: 'exitPrice', label: 'Exit price', numeric: true },
  { column: 'returnPct', label: 'Return', numeric: true },
  { column: 'bars', label: 'Bars', numeric: true },
  { column: 'exitReason', label: 'Exit reason' },
];

const EXIT_WORDS: Record<BacktestTrade['exitReason'], string> = {
  exit: 'exit rule',
  stop_loss: 'stop loss',
  take_profit: 'take profit',
  trailing_stop: 'trailing stop',
  max_bars: 'max bars',
  end: 'end of data',
};

const price = (value: number) => Number(value.toPrecision(8)).toString();

/** Every trade, sortable by any column (click a header; again to reverse), and exported as CSV as sorted. */
export function TradeTable({
  trades,
  timeframe,
  filename,
}: {
  trades: readonly BacktestTrade[];
  timeframe: string;
  filename: string;
}) {
  const [sort, setSort] = useState<TradeSort>(CHRONOLOGICAL);
  const [showAll, setShowAll] = useState(false);
  const rows = useMemo(() => sortTrades(numberTrades(trades), sort), [trades, sort]);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-slate-500">
          Fills at the next bar&rsquo;s open after the signal; returns after fees and slippage.
        </p>
        <Button
          variant="secondary"
          size="sm"
          data-testid="trades-export-csv"
          disabled={rows.length === 0}
          onClick={() => downloadText(filename, buildTradesCsv(rows), 'text/csv')}
        >
          Export CSV
        </Button>
      </div>
      <Table
        data-testid="trade-table"
        data-trades={trades.length}
        aria-label="Trades"
        containerClassName="max-h-[32rem] overflow-y-auto rounded-md border border-slate-100"
      >
        <thead>
          <tr>
            {COLUMNS.map(({ column, label, numeric }) => {
              const active = sort.column === column;
              return (
                <Th
                  key={column}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  // Sticky: the header stays over a long list scrolled inside its box.
                  className={cx('sticky top-0 z-10', numeric && 'text-right')}
                >
                  <button
                    type="button"
                    data-testid={`trades-sort-${column}`}
                    onClick={() => setSort((s) => nextSort(s, column))}
                    className={cx(
                      'inline-flex items-center gap-1 uppercase hover:text-slate-800',
                      active && 'text-slate-800',
                    )}
                  >
                    {label}
                    <span aria-hidden className="w-2 text-[10px]">
                      {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </Th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.n} data-testid="trade-row" data-n={t.n} data-return={t.returnPct}>
              <NumTd className="text-slate-500">{t.n}</NumTd>
              <Td className="text-xs">{t.side}</Td>
              <Td className="text-xs whitespace-nowrap">{formatBarTime(t.entryTime, timeframe)}</Td>
              <NumTd>{price(t.entryPrice)}</NumTd>
              <Td className="text-xs whitespace-nowrap">{formatBarTime(t.exitTime, timeframe)}</Td>
              <NumTd>{price(t.exitPrice)}</NumTd>
              <NumTd className={t.returnPct < 0 ? 'text-rose-700' : 'text-slate-900'}>
                {formatSignedShare(t.returnPct)}
              </NumTd>
              <NumTd>{t.bars}</NumTd>
              <Td className="text-xs whitespace-nowrap text-slate-600">{EXIT_WORDS[t.exitReason]}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {rows.length > shown.length ? (
        <div>
          <Button variant="ghost" size="sm" onClick={() => setShowAll(true)}>
            Show all {rows.length} trades
          </Button>
        </div>
      ) : null}
    </div>
  );
}
