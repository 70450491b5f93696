import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithQuery } from '../testing/render-with-query';
import type { Column } from '../model/columns';
import { screenColumns } from '../model/columns';
import { ScreenTable } from './screen-table';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

const catalog = new Map([
  ['name', { name: 'name', type: 'text' as const, label: 'Name' }],
  ['marketCap', { name: 'marketCap', type: 'number' as const, label: 'Market cap', unit: 'usd' }],
  ['ret3m', { name: 'ret3m', type: 'number' as const, label: '3M return', unit: 'fraction' }],
]);
const columns: Column[] = screenColumns(['symbol', 'name', 'marketCap', 'ret3m'], catalog);
const rows = Array.from({ length: 5000 }, (_, i) => ({
  symbol: `S${i}`,
  name: `Company ${i}`,
  marketCap: 3e8 + i * 1e6,
  ret3m: i % 2 === 0 ? 0.1 : -0.05,
}));

function renderTable(overrides: Partial<Parameters<typeof ScreenTable>[0]> = {}) {
  const props = {
    columns,
    rows,
    sort: '-ret3m',
    onSort: vi.fn(),
    activeIndex: 0,
    onActiveChange: vi.fn(),
    onOpen: vi.fn(),
    openSymbol: null,
    ...overrides,
  };
  renderWithQuery(<ScreenTable {...props} />);
  return props;
}

beforeEach(() => {
  mock.request
    .mockReset()
    .mockImplementation(async (_path: string, _schema: unknown, options: { query: { symbols: string } }) => ({
      bars: 60,
      sparklines: options.query.symbols.split(',').map((symbol) => ({ symbol, closes: [1, 2, 3], lastTs: null })),
    }));
});
afterEach(cleanup);

describe('ScreenTable', () => {
  it('puts only the rows in view in the DOM, however many there are', () => {
    renderTable();
    const table = screen.getByTestId('screen-table');
    expect(table.getAttribute('data-rows')).toBe('5000');
    const drawn = screen.getAllByTestId('screen-row');
    expect(drawn.length, 'a screenful plus overscan, not 5,000').toBeLessThan(40);
    expect(drawn[0]!.getAttribute('data-symbol')).toBe('S0');
  });

  it('formats values by unit with signed colours for returns', () => {
    renderTable();
    const first = screen.getAllByTestId('screen-row')[0]!;
    const ret = first.querySelector('[data-field="ret3m"]')!;
    expect(ret.textContent).toBe('+10.0%');
    expect(ret.className).toContain('text-emerald-700');
    expect(first.querySelector('[data-field="marketCap"]')!.textContent).toBe('$300M');
    const second = screen.getAllByTestId('screen-row')[1]!;
    expect(second.querySelector('[data-field="ret3m"]')!.className).toContain('text-rose-700');
  });

  it('marks the sorted column and asks for the next sort on a header click', () => {
    const props = renderTable();
    const header = screen.getByTestId('sort-ret3m').closest('th')!;
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByTestId('sort-marketCap').closest('th')!.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(screen.getByTestId('sort-ret3m'));
    expect(props.onSort, 'the same column reverses').toHaveBeenLastCalledWith('ret3m');
    fireEvent.click(screen.getByTestId('sort-marketCap'));
    expect(props.onSort, 'a new number column: biggest first').toHaveBeenLastCalledWith('-marketCap');
    fireEvent.click(screen.getByTestId('sort-name'));
    expect(props.onSort, 'a text column: A to Z').toHaveBeenLastCalledWith('name');
  });

  it('moves the active row with the keyboard and opens it with Enter', () => {
    const props = renderTable({ activeIndex: 3 });
    const table = screen.getByTestId('screen-table');
    fireEvent.keyDown(table, { key: 'ArrowDown' });
    expect(props.onActiveChange).toHaveBeenLastCalledWith(4);
    fireEvent.keyDown(table, { key: 'Enter' });
    expect(props.onOpen).toHaveBeenCalledWith('S3');
    fireEvent.click(screen.getAllByTestId('screen-row')[1]!);
    expect(props.onOpen).toHaveBeenLastCalledWith('S1');
    fireEvent.keyDown(table, { key: 'End' });
    expect(props.onActiveChange).toHaveBeenLastCalledWith(4999);
    const drawn = screen.getAllByTestId('screen-row').map((r) => r.getAttribute('data-symbol'));
    expect(drawn, 'the table scrolled to the last row').toContain('S4999');
  });

  it('fetches the sparklines of the drawn rows in one batched request', async () => {
    renderTable();
    await waitFor(() => expect(screen.getAllByTestId('sparkline').length).toBeGreaterThan(0));
    const drawn = screen.getAllByTestId('screen-row').map((r) => r.getAttribute('data-symbol'));
    const requests = mock.request.mock.calls.map((c) =>
      (c[2] as { query: { symbols: string } }).query.symbols.split(','),
    );
    expect(
      requests.some((asked) => drawn.every((s) => asked.includes(s!))),
      'one request asked for every drawn row',
    ).toBe(true);
    expect(requests.flat(), 'rows out of view are not asked for').not.toContain('S2000');
    const first = screen.getAllByTestId('screen-row')[0]!;
    expect(within(first).getByTestId('sparkline').getAttribute('data-points')).toBe('3');
  });
});
