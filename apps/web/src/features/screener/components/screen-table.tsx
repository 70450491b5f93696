import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { cx } from '../../../shared/ui/cx';
import type { ScreenRow } from '../api/screener.api';
import type { Column } from '../model/columns';
import { formatScreenValue } from '../model/format-value';
import { rowWindow, scrollToReveal } from '../model/row-window';
import { ariaSort, nextSort } from '../model/sort-order';
import { Sparkline } from './sparkline';

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 40;
const OVERSCAN = 8;
/** Until the box is measured (and in jsdom, which lays nothing out). */
const FALLBACK_HEIGHT = 560;
const RANK_WIDTH = 44;
const SYMBOL_WIDTH = 92;
const SPARK_WIDTH = 96;

interface ScreenTableProps {
  columns: readonly Column[];
  rows: readonly ScreenRow[];
  sort: string | null;
  onSort: (sort: string) => void;
  /** The row the keyboard is on (index into rows). */
  activeIndex: number;
  onActiveChange: (index: number) => void;
  onOpen: (symbol: string) => void;
  /** The symbol open in the drawer, highlighted. */
  openSymbol: string | null;
}

const symbolOf = (row: ScreenRow | undefined) => (typeof row?.symbol === 'string' ? row.symbol : '');

/**
 * The screen's rows: only those in view are in the DOM (fixed row height), so 5,000 rows scroll as smoothly as
 * 50. Headers sort on the server (click or Enter; again to reverse); arrows, Page Up/Down, Home/End move the
 * active row and Enter opens its drawer. The box scrolls sideways inside itself, never the page.
 */
export function ScreenTable(props: ScreenTableProps) {
  const { columns, rows, sort, onSort, activeIndex, onActiveChange, onOpen, openSymbol } = props;
  const boxRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(box.clientHeight || FALLBACK_HEIGHT));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  // A new result (filter, sort, view) starts at the top.
  useEffect(() => {
    if (boxRef.current) boxRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [rows]);

  const win = rowWindow(scrollTop, height - HEADER_HEIGHT, ROW_HEIGHT, rows.length, OVERSCAN);
  const width = RANK_WIDTH + SYMBOL_WIDTH + SPARK_WIDTH + columns.reduce((sum, c) => sum + c.width, 0);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    onActiveChange(next);
    const box = boxRef.current;
    if (!box) return;
    const top = scrollToReveal(next, box.scrollTop, box.clientHeight || height, ROW_HEIGHT, HEADER_HEIGHT);
    if (top !== null) {
      box.scrollTop = top;
      setScrollTop(top);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || rows.length === 0) return;
    const page = Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, () => number> = {
      ArrowDown: () => activeIndex + 1,
      ArrowUp: () => activeIndex - 1,
      PageDown: () => activeIndex + page,
      PageUp: () => activeIndex - page,
      Home: () => 0,
      End: () => rows.length - 1,
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      moveTo(move());
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const symbol = symbolOf(rows[activeIndex]);
      if (symbol) onOpen(symbol);
    }
  };

  return (
    <div
      ref={boxRef}
      tabIndex={0}
      role="region"
      aria-label="Screen results: arrows move, Enter opens the stock"
      data-testid="screen-table"
      data-rows={rows.length}
      data-drawn={win.end - win.start}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      className="relative h-[clamp(360px,calc(100vh-330px),760px)] overflow-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-sky-500"
    >
      <table
        className="border-separate border-spacing-0 text-left text-[13px]"
        style={{ tableLayout: 'fixed', width }}
        aria-rowcount={rows.length + 1}
      >
        <colgroup>
          <col style={{ width: RANK_WIDTH }} />
          <col style={{ width: SYMBOL_WIDTH }} />
          <col style={{ width: SPARK_WIDTH }} />
          {columns.map((c) => (
            <col key={c.name} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
            <HeaderCell className="left-0 z-30 text-right">#</HeaderCell>
            <SortHeader
              name="symbol"
              label="Symbol"
              title="Symbol"
              type="text"
              sort={sort}
              onSort={onSort}
              className="left-[44px] z-30"
            />
            <HeaderCell title="Last 60 daily closes">Trend</HeaderCell>
            {columns.map((c) => (
              <SortHeader key={c.name} {...c} sort={sort} onSort={onSort} className="z-20" />
            ))}
          </tr>
        </thead>
        <tbody>
          {win.padTop > 0 ? <tr aria-hidden style={{ height: win.padTop }} /> : null}
          {rows.slice(win.start, win.end).map((row, i) => {
            const index = win.start + i;
            const symbol = symbolOf(row);
            const active = index === activeIndex;
            return (
              <tr
                key={`${index}-${symbol}`}
                aria-rowindex={index + 2}
                aria-selected={active}
                data-testid="screen-row"
                data-symbol={symbol}
                data-index={index}
                style={{ height: ROW_HEIGHT }}
                onClick={() => {
                  onActiveChange(index);
                  onOpen(symbol);
                }}
                className={cx(
                  'group cursor-pointer',
                  symbol === openSymbol ? 'bg-sky-100/70' : active ? 'bg-sky-50' : 'hover:bg-slate-50',
                )}
              >
                <td className={cx(CELL, STICKY_CELL, 'left-0 text-right text-[11px] text-slate-400 tabular-nums')}>
                  {index + 1}
                </td>
                <td className={cx(CELL, STICKY_CELL, 'left-[44px] font-semibold text-sky-800')}>
                  <span className="block truncate">{symbol}</span>
                </td>
                <td className={cx(CELL, 'py-0')}>
                  <Sparkline symbol={symbol} />
                </td>
                {columns.map((c) => (
                  <ValueCell key={c.name} column={c} value={row[c.name]} />
                ))}
              </tr>
            );
          })}
          {win.padBottom > 0 ? <tr aria-hidden style={{ height: win.padBottom }} /> : null}
        </tbody>
      </table>
    </div>
  );
}

const CELL = 'border-b border-slate-100 px-2 whitespace-nowrap';
const STICKY_CELL = 'sticky z-10 bg-white group-hover:bg-slate-50 group-aria-selected:bg-sky-50';
const HEAD =
  'sticky top-0 border-b border-slate-200 bg-slate-50 px-2 text-[11px] font-semibold tracking-wide text-slate-500 uppercase';

function HeaderCell({ className, title, children }: { className?: string; title?: string; children: string }) {
  return (
    <th scope="col" title={title} className={cx(HEAD, className)}>
      {children}
    </th>
  );
}

interface SortHeaderProps {
  name: string;
  label: string;
  title: string;
  type: 'number' | 'text';
  sort: string | null;
  onSort: (sort: string) => void;
  className?: string;
}

/** A column header that sorts the screen on the server: biggest first for numbers, A-Z for text, then reversed. */
export function SortHeader({ name, label, title, type, sort, onSort, className }: SortHeaderProps) {
  const direction = ariaSort(sort, name);
  return (
    <th scope="col" aria-sort={direction} title={title} className={cx(HEAD, 'p-0', className)}>
      <button
        type="button"
        data-testid={`sort-${name}`}
        onClick={() => onSort(nextSort(sort, name, type))}
        className={cx(
          'flex h-full w-full items-center gap-0.5 px-1.5 hover:text-slate-900 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500',
          type === 'number' ? 'justify-end text-right' : 'justify-start text-left',
          direction !== 'none' && 'text-slate-900',
        )}
      >
        <span className="line-clamp-2 leading-tight normal-case">{label}</span>
        <span aria-hidden className="w-2 shrink-0 text-[10px]">
          {direction === 'descending' ? '▼' : direction === 'ascending' ? '▲' : ''}
        </span>
      </button>
    </th>
  );
}

const TONE = { up: 'text-emerald-700', down: 'text-rose-700' } as const;

function ValueCell({ column, value }: { column: Column; value: ScreenRow[string] | undefined }) {
  const { text, tone } = formatScreenValue(column.field, value);
  return (
    <td
      data-field={column.name}
      data-value={value ?? ''}
      title={column.type === 'text' && typeof value === 'string' ? value : undefined}
      className={cx(
        CELL,
        column.type === 'number' ? 'text-right font-mono text-[12.5px] tabular-nums' : 'truncate text-slate-700',
        tone ? TONE[tone] : value === null || value === undefined ? 'text-slate-300' : 'text-slate-800',
      )}
    >
      {text}
    </td>
  );
}
