import type { Watchlist } from '@marketlens/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/api-error';
import { fakeWatchlistsApi } from '../testing/fake-watchlists';
import { renderWithQuery } from '../testing/render-with-query';
import { WatchlistsPanel } from './watchlists-panel';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

const AT = '2025-01-10T12:00:00.000Z';
const tech: Watchlist = {
  id: '20000000-0000-4000-8000-000000000001',
  name: 'Tech',
  symbols: [
    { symbol: 'SYN001', addedAt: AT },
    { symbol: 'SYN007', addedAt: AT },
  ],
  createdAt: AT,
};
const empty: Watchlist = { id: '20000000-0000-4000-8000-000000000002', name: 'Later', symbols: [], createdAt: AT };

function renderPanel(lists: Watchlist[], canEdit = true) {
  const server = fakeWatchlistsApi(lists);
  mock.request.mockReset().mockImplementation(server.request);
  const onOpen = vi.fn();
  renderWithQuery(<WatchlistsPanel canEdit={canEdit} onOpen={onOpen} />);
  return { server, onOpen };
}

const symbolsOf = (name: string) =>
  within(screen.getByTestId('watchlists-panel').querySelector(`[data-name="${name}"]`) as HTMLElement)
    .queryAllByTestId('watchlist-symbol')
    .map((s) => s.getAttribute('data-symbol'));

afterEach(cleanup);

describe('WatchlistsPanel', () => {
  it('lists each watchlist with its symbols and opens a symbol in the drawer', async () => {
    const { onOpen } = renderPanel([tech, empty]);
    await waitFor(() => expect(screen.getAllByTestId('watchlist')).toHaveLength(2));
    expect(symbolsOf('Tech')).toEqual(['SYN001', 'SYN007']);
    expect(screen.getByText('No symbols yet.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'SYN007' }));
    expect(onOpen).toHaveBeenCalledWith('SYN007');
  });

  it('takes a symbol off a list', async () => {
    const { server } = renderPanel([tech]);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove SYN001 from Tech' }));
    await waitFor(() => expect(symbolsOf('Tech')).toEqual(['SYN007']));
    expect(mock.request).toHaveBeenCalledWith(`/screener/watchlists/${tech.id}/symbols/SYN001`, expect.anything(), {
      method: 'DELETE',
    });
    expect(server.lists()[0]!.symbols.map((s) => s.symbol)).toEqual(['SYN007']);
  });

  it('deletes a whole list only after asking', async () => {
    renderPanel([tech, empty]);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete watchlist Later' }));
    expect(screen.getAllByTestId('watchlist'), 'asked, not yet deleted').toHaveLength(2);
    fireEvent.click(screen.getByTestId('watchlist-delete-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('watchlist')).toHaveLength(1));
    expect(screen.getByTestId('watchlist').getAttribute('data-name')).toBe('Tech');
  });

  it('shows why a removal failed and keeps the symbol', async () => {
    const { server } = renderPanel([tech]);
    mock.request.mockImplementation(async (path: string, schema: unknown, options?: { method?: string }) => {
      if (options?.method === 'DELETE') {
        throw new ApiError(404, 'WATCHLIST_SYMBOL_NOT_FOUND', 'SYN001 is not on watchlist Tech');
      }
      return server.request(path, schema, options);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove SYN001 from Tech' }));
    expect((await screen.findByTestId('watchlist-error')).textContent).toBe('SYN001 is not on watchlist Tech');
    expect(symbolsOf('Tech')).toEqual(['SYN001', 'SYN007']);
  });

  it('lets a viewer see the lists but not change them', async () => {
    renderPanel([tech], false);
    await waitFor(() => expect(symbolsOf('Tech')).toEqual(['SYN001', 'SYN007']));
    expect(screen.queryByTestId('watchlist-remove')).toBeNull();
    expect(screen.queryByTestId('watchlist-delete')).toBeNull();
  });

  it('says how to start a watchlist when there is none', async () => {
    renderPanel([]);
    expect((await screen.findByText('No watchlists yet')).parentElement?.textContent).toContain(
      'Open a stock and add it to a new watchlist.',
    );
  });
});
