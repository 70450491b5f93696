import type { BacktestTrade } from '@marketlens/contracts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TradeTable } from './trade-table';

afterEach(cleanup);

const trade = (entryTime: string, returnPct: number, bars: number): BacktestTrade => ({
  side: 'long',
  signalTime: entryTime,
  entryTime,
  entryPrice: 100,
  exitTime: entryTime,
  exitPrice: 100 * (1 + returnPct),
  returnPct,
  exitReason: 'exit',
  bars,
});

const trades = [
  trade('2024-01-02T00:00:00.000Z', 0.05, 3),
  trade('2024-02-02T00:00:00.000Z', -0.1, 12),
  trade('2024-03-02T00:00:00.000Z', 0.2, 7),
];

const order = () => screen.getAllByTestId('trade-row').map((row) => row.getAttribute('data-n'));

describe('TradeTable', () => {
  it('lists trades in time order with daily dates and signed returns', () => {
    render(<TradeTable trades={trades} timeframe="1d" filename="t.csv" />);
    expect(order()).toEqual(['1', '2', '3']);
    const cells = within(screen.getAllByTestId('trade-row')[1]!).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual([
      '2',
      'long',
      '2024-02-02',
      '100',
      '2024-02-02',
      '90',
      '-10.0%',
      '12',
      'exit rule',
    ]);
  });

  it('sorts by the clicked column, reverses on a second click, and says so to screen readers', () => {
    render(<TradeTable trades={trades} timeframe="1d" filename="t.csv" />);
    fireEvent.click(screen.getByTestId('trades-sort-returnPct'));
    expect(order(), 'best return first').toEqual(['3', '1', '2']);
    expect(screen.getByTestId('trades-sort-returnPct').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByTestId('trades-sort-returnPct'));
    expect(order()).toEqual(['2', '1', '3']);
    fireEvent.click(screen.getByTestId('trades-sort-bars'));
    expect(order()).toEqual(['1', '3', '2']);
    expect(screen.getByTestId('trades-sort-returnPct').closest('th')?.getAttribute('aria-sort')).toBe('none');
  });
});
