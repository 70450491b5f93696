import { watchlistListSchema, watchlistSchema, type Watchlist } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { noContentSchema } from '../../../shared/api/parse-response';
import { SCREENER_QUERY_KEY } from './screener.api';

const WATCHLISTS_KEY = [...SCREENER_QUERY_KEY, 'watchlists'] as const;
type WatchlistList = { watchlists: Watchlist[] };

const pathOf = (id: string) => `/screener/watchlists/${encodeURIComponent(id)}`;

/**
 * Every change answers with the watchlist as it now is: put it in the cache at once (the drawer and the panel
 * show it without waiting), then read the list again in case another tab changed it too.
 */
function storeWatchlist(queryClient: QueryClient, watchlist: Watchlist) {
  queryClient.setQueryData<WatchlistList>(WATCHLISTS_KEY, (list) => {
    if (!list) return list;
    const known = list.watchlists.some((w) => w.id === watchlist.id);
    return {
      watchlists: known
        ? list.watchlists.map((w) => (w.id === watchlist.id ? watchlist : w))
        : [...list.watchlists, watchlist],
    };
  });
  void queryClient.invalidateQueries({ queryKey: WATCHLISTS_KEY });
}

/** The caller's own watchlists with their symbols. */
export function useWatchlists() {
  return useQuery({
    queryKey: WATCHLISTS_KEY,
    queryFn: () => api.request('/screener/watchlists', watchlistListSchema),
  });
}

/** A new watchlist, already holding the symbols given (one request for "new list with this stock"). */
export function useCreateWatchlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; symbols: string[] }) =>
      api.request('/screener/watchlists', watchlistSchema, { method: 'POST', body }),
    onSuccess: (watchlist) => storeWatchlist(queryClient, watchlist),
  });
}

export function useAddToWatchlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, symbol }: { id: string; symbol: string }) =>
      api.request(`${pathOf(id)}/symbols`, watchlistSchema, { method: 'POST', body: { symbols: [symbol] } }),
    onSuccess: (watchlist) => storeWatchlist(queryClient, watchlist),
  });
}

export function useRemoveFromWatchlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, symbol }: { id: string; symbol: string }) =>
      api.request(`${pathOf(id)}/symbols/${encodeURIComponent(symbol)}`, watchlistSchema, { method: 'DELETE' }),
    onSuccess: (watchlist) => storeWatchlist(queryClient, watchlist),
  });
}

export function useDeleteWatchlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.request(pathOf(id), noContentSchema, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.setQueryData<WatchlistList>(WATCHLISTS_KEY, (list) =>
        list ? { watchlists: list.watchlists.filter((w) => w.id !== id) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: WATCHLISTS_KEY });
    },
  });
}
