import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADDRESS, WALLET } from '../testing/meme-fixtures';
import { renderWithQuery } from '../testing/render-with-query';
import { HoldersPanel } from './holders-panel';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

afterEach(cleanup);

describe('HoldersPanel', () => {
  it('shows the concentration of a complete history with each top holder share', async () => {
    mock.request.mockReset().mockResolvedValue({
      history: 'complete',
      holders: 1520,
      topShare: 0.734,
      hhi: 0.1834,
      top: [{ address: WALLET, balance: '500000000000000000000000', share: 0.5 }],
    });
    renderWithQuery(<HoldersPanel address={ADDRESS} decimals={18} synthetic />);
    expect((await screen.findByTestId('holders-top-share')).textContent).toBe('73.4%');
    expect(screen.getByTestId('holders-hhi').textContent).toBe('0.183');
    expect(screen.getByTestId('holders-count').textContent).toBe('1,520');
    expect(screen.getByTestId('holder-row').textContent).toContain('500K');
    expect(screen.queryByTestId('holders-partial')).toBeNull();
  });

  it('warns that balances are net flows when the history is partial', async () => {
    mock.request.mockReset().mockResolvedValue({
      history: 'partial',
      holders: null,
      topShare: null,
      hhi: null,
      top: [{ address: WALLET, balance: '-1000', share: null }],
    });
    renderWithQuery(<HoldersPanel address={ADDRESS} decimals={0} synthetic />);
    expect((await screen.findByTestId('holders-partial')).textContent).toMatch(/net flows over the collected window/);
    expect(screen.getByTestId('holders-top-share').textContent).toBe('—');
    expect(screen.getByText('Net flow')).toBeTruthy();
  });
});
