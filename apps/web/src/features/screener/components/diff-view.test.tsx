import type { ScreenDiff } from '@marketlens/contracts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiffView } from './diff-view';

afterEach(cleanup);

const diff: ScreenDiff = {
  universeId: '5b0d7c1e-2f43-4a55-8d6e-0c1b2a3d4e5f',
  from: '2025-01-03',
  to: '2025-01-10',
  filter: 'ret3m > 0',
  sort: '-score',
  screenId: null,
  fromTotal: 40,
  toTotal: 42,
  entered: [
    { symbol: 'SYN007', name: 'Synthetic Company 007 (demo data)', sector: 'Technology', rank: 3 },
    { symbol: 'SYN120', name: null, sector: null, rank: 41 },
  ],
  left: [],
  movers: [
    { symbol: 'SYN010', name: 'Up', fromRank: 30, toRank: 4, change: 26 },
    { symbol: 'SYN011', name: 'Down', fromRank: 2, toRank: 19, change: -17 },
  ],
};

describe('DiffView', () => {
  it('says the dates, totals and counts in one line', () => {
    render(<DiffView diff={diff} onOpen={() => {}} />);
    expect(screen.getByTestId('diff-summary').textContent).toBe(
      '2025-01-03 → 2025-01-10: 40 → 42 matches (+2), 2 entered, 0 left, ranked by -score.',
    );
  });

  it('lists who entered with their rank, and says so when nobody left', () => {
    render(<DiffView diff={diff} onOpen={() => {}} />);
    const entered = screen.getByTestId('diff-entered');
    expect(entered.getAttribute('data-count')).toBe('2');
    const first = within(entered).getAllByTestId('diff-member')[0]!;
    expect(first.textContent).toContain('#3');
    expect(first.textContent).toContain('SYN007');
    expect(first.textContent).toContain('Technology');
    expect(within(screen.getByTestId('diff-left')).getByText('Nobody left')).toBeTruthy();
  });

  it('shows rank moves with their direction in colour and opens a stock from any list', () => {
    const onOpen = vi.fn();
    render(<DiffView diff={diff} onOpen={onOpen} />);
    const changes = screen.getAllByTestId('diff-mover-change');
    expect(changes.map((c) => c.textContent)).toEqual(['▲ 26', '▼ 17']);
    expect(changes[0]!.className).toContain('text-emerald-700');
    expect(changes[1]!.className).toContain('text-rose-700');
    fireEvent.click(screen.getByRole('button', { name: 'SYN011' }));
    fireEvent.click(screen.getByRole('button', { name: 'SYN120' }));
    expect(onOpen.mock.calls).toEqual([['SYN011'], ['SYN120']]);
  });
});
