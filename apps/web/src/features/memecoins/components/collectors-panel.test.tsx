import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollectorStatus } from '../api/collectors.api';
import { renderWithQuery } from '../testing/render-with-query';
import { CollectorsPanel } from './collectors-panel';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

afterEach(cleanup);

const collectors: CollectorStatus[] = [
  {
    name: 'x',
    configured: false,
    reason: 'MARKETLENS_MEMECOINS__X_BEARER_TOKEN is not set',
    lastRunAt: null,
    lastStatus: null,
    lastError: null,
    itemsLastRun: null,
    quota: null,
  },
  {
    name: 'etherscan',
    configured: true,
    reason: null,
    lastRunAt: '2026-01-02T12:00:00.000Z',
    lastStatus: 'error',
    lastError: 'Etherscan answered 429: rate limit reached',
    itemsLastRun: 0,
    quota: { limit: 100_000, remaining: 99_500, resetAt: null },
  },
];

const item = (name: string) =>
  within(screen.getAllByTestId('collector').find((c) => c.getAttribute('data-name') === name)!);

describe('CollectorsPanel', () => {
  it('says which setting an unconfigured collector lacks', async () => {
    mock.request.mockResolvedValue({ collectors });
    renderWithQuery(<CollectorsPanel />);
    await screen.findAllByTestId('collector');
    expect(item('x').getByTestId('collector-reason').textContent).toBe(
      'MARKETLENS_MEMECOINS__X_BEARER_TOKEN is not set',
    );
    expect(item('x').getByText('not configured')).toBeTruthy();
  });

  it('shows a failing collector with its last error in words and its quota', async () => {
    mock.request.mockResolvedValue({ collectors });
    renderWithQuery(<CollectorsPanel />);
    await screen.findAllByTestId('collector');
    expect(item('etherscan').getByText('failing')).toBeTruthy();
    expect(item('etherscan').getByTestId('collector-error').textContent).toBe(
      'Last error: Etherscan answered 429: rate limit reached',
    );
    expect(item('etherscan').getByTestId('collector-quota').textContent).toBe('99,500 of 100,000 left');
  });
});
