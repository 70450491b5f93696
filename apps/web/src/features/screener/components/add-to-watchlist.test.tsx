import type { Watchlist } from '@marketlens/contracts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWatchlistsApi } from '../testing/fake-watchlists';
import { renderWithQuery } from '../testing/render-with-query';
import { AddToWatchlist } from './add-to-watchlist';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

const AT = '2025-01-10T12:00:00.000Z';
const watchlist = (id: number, name: string, symbols: string[]): Watchlist => ({
  id: `10000000-0000-4000-8000-00000000000${id}`,
  name,
  symbols: symbols.map((symbol) => ({ symbol, addedAt: AT })),
  createdAt: AT,
});

function renderWith(lists: Watchlist[]) {
  const server = fakeWatchlistsApi(lists);
  mock.request.mockReset().mockImplementation(server.request);
  renderWithQuery(<AddToWatchlist symbol="SYN007" />);
  return server;
}

const target = () => screen.getByTestId('watchlist-target') as HTMLSelectElement;
const holding = () => screen.getByTestId('drawer-watchlists-holding').textContent;
const writes = () => mock.request.mock.calls.filter((c) => (c[2] as { method?: string } | undefined)?.method);

afterEach(cleanup);

describe('AddToWatchlist', () => {
  it('creates a new watchlist already holding the stock when you have none', async () => {
    renderWith([]);
    await waitFor(() => expect(target().disabled).toBe(false));
    expect(target().value, 'a new list is the only choice').toBe('new');
    expect(holding()).toBe('On none of your watchlists');
    fireEvent.change(screen.getByTestId('watchlist-new-name'), { target: { value: ' Momentum ' } });
    fireEvent.click(screen.getByTestId('watchlist-add'));

    await screen.findByTestId('watchlist-added');
    expect(screen.getByTestId('watchlist-added').textContent).toBe('Added SYN007 to “Momentum”.');
    expect(writes(), 'one request: the list is created with the stock on it').toEqual([
      ['/screener/watchlists', expect.anything(), { method: 'POST', body: { name: 'Momentum', symbols: ['SYN007'] } }],
    ]);
    expect(holding()).toBe('On “Momentum”');
  });

  it('offers only the lists that lack the stock and adds it to the one chosen', async () => {
    const held = watchlist(1, 'Held', ['SYN007']);
    const tech = watchlist(2, 'Tech', ['SYN001']);
    const growth = watchlist(3, 'Growth', []);
    renderWith([held, tech, growth]);
    await waitFor(() => expect(holding()).toBe('On “Held”'));
    const options = within(target())
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['Tech', 'Growth', 'New watchlist…']);
    expect(target().value, 'the first list that lacks it').toBe(tech.id);
    fireEvent.change(target(), { target: { value: growth.id } });
    fireEvent.click(screen.getByTestId('watchlist-add'));

    await waitFor(() => expect(holding()).toBe('On “Held”, “Growth”'));
    expect(writes()).toEqual([
      [
        `/screener/watchlists/${growth.id}/symbols`,
        expect.anything(),
        { method: 'POST', body: { symbols: ['SYN007'] } },
      ],
    ]);
    expect(screen.getByTestId('watchlist-added').textContent).toBe('Added SYN007 to “Growth”.');
  });

  it('shows the server’s refusal of a taken name and keeps the name to fix', async () => {
    const server = renderWith([watchlist(1, 'Momentum', ['SYN007'])]);
    await waitFor(() => expect(holding()).toBe('On “Momentum”'));
    fireEvent.change(screen.getByTestId('watchlist-new-name'), { target: { value: 'Momentum' } });
    fireEvent.click(screen.getByTestId('watchlist-add'));

    const error = await screen.findByTestId('watchlist-add-error');
    expect(error.textContent).toBe('You have a watchlist named "Momentum"');
    expect((screen.getByTestId('watchlist-new-name') as HTMLInputElement).value).toBe('Momentum');
    expect(screen.queryByTestId('watchlist-added')).toBeNull();
    expect(holding(), 'nothing changed').toBe('On “Momentum”');
    expect(server.lists()).toHaveLength(1);
  });
});
