import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memeToken } from '../testing/meme-fixtures';
import { TokenTable } from './token-table';

afterEach(cleanup);

const renderTable = (order: 'asc' | 'desc' = 'desc') => {
  const onOrder = vi.fn();
  const tokens = [
    memeToken(),
    memeToken({
      address: `0x${'11'.repeat(20)}`,
      symbol: 'REAL',
      name: null,
      synthetic: false,
      riskScore: 12,
      previousScore: 20,
      trend: 'down',
      alarms: { danger: 0, warn: 0 },
    }),
  ];
  render(
    <MemoryRouter>
      <TokenTable tokens={tokens} order={order} onOrder={onOrder} />
    </MemoryRouter>,
  );
  return { onOrder };
};

const row = (symbol: string) =>
  screen.getAllByTestId('token-row').find((r) => r.getAttribute('data-symbol') === symbol)!;

describe('TokenTable', () => {
  it('shows the score in its band with the trend arrow naming the previous score', () => {
    renderTable();
    const score = within(row('SYN-MEME')).getByTestId('risk-score');
    expect(score.getAttribute('data-score')).toBe('72');
    expect(score.getAttribute('data-band'), '72 is high').toBe('high');
    const trend = within(row('SYN-MEME')).getByTestId('risk-trend');
    expect(trend.getAttribute('data-trend')).toBe('up');
    expect(trend.getAttribute('title')).toBe('Riskier than the previous assessment (35)');
    expect(within(row('REAL')).getByTestId('risk-score').getAttribute('data-band')).toBe('low');
  });

  it('marks demo data synthetic and real tokens not', () => {
    renderTable();
    expect(within(row('SYN-MEME')).queryByTestId('synthetic-badge')).not.toBeNull();
    expect(within(row('REAL')).queryByTestId('synthetic-badge'), 'a real token has no badge').toBeNull();
  });

  it('lists danger and warn counts and the collected counts, linking each token to its page', () => {
    renderTable();
    const syn = within(row('SYN-MEME'));
    expect(syn.getByTestId('token-danger').textContent).toBe('2');
    expect(syn.getByTestId('token-warn').textContent).toBe('1');
    expect(row('SYN-MEME').textContent).toContain('1,234');
    expect(syn.getByTestId('token-link').getAttribute('href')).toBe(`/memecoins/${memeToken().address}`);
    expect(row('REAL').textContent, 'no name in words').toContain('no name');
  });

  it('flips the score order on the header', () => {
    const { onOrder } = renderTable('desc');
    fireEvent.click(screen.getByTestId('sort-score'));
    expect(onOrder).toHaveBeenCalledWith('asc');
  });
});
