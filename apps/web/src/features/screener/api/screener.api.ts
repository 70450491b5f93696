import {
  barsResponseSchema,
  screenCatalogSchema,
  screenResultSchema,
  snapshotListSchema,
  symbolHistorySchema,
  universeListSchema,
} from '@marketlens/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import type { ScreenRequest } from '../model/screen-request';

export const SCREENER_QUERY_KEY = ['screener'] as const;

/** Rows loaded at once: the API's most, so scrolling and sorting never wait for another page. */
export const SCREEN_ROW_LIMIT = 5000;

const fetchCatalog = () => api.request('/screener/fields', screenCatalogSchema);
export type ScreenCatalog = Awaited<ReturnType<typeof fetchCatalog>>;
export type ScreenField = ScreenCatalog['fields'][number];
export type ScreenPreset = ScreenCatalog['presets'][number];

/** Fields, views, presets and the composite's weights only change with a server release. */
export function useScreenCatalog() {
  return useQuery({ queryKey: [...SCREENER_QUERY_KEY, 'fields'], queryFn: fetchCatalog, staleTime: Infinity });
}

export const UNIVERSES_QUERY_KEY = [...SCREENER_QUERY_KEY, 'universes'] as const;

export function useUniverses() {
  return useQuery({
    queryKey: UNIVERSES_QUERY_KEY,
    queryFn: () => api.request('/screener/universes', universeListSchema),
  });
}

export function useSnapshots(universeId: string | null) {
  return useQuery({
    queryKey: [...SCREENER_QUERY_KEY, 'snapshots', universeId],
    queryFn: () => api.request(`/screener/universes/${encodeURIComponent(universeId!)}/snapshots`, snapshotListSchema),
    enabled: universeId !== null,
  });
}

const runScreen = (request: ScreenRequest) =>
  api.request('/screener/screen', screenResultSchema, {
    method: 'POST',
    body: {
      ...(request.universeId ? { universeId: request.universeId } : {}),
      ...(request.asOf ? { asOf: request.asOf } : {}),
      filter: request.filter,
      ...(request.sort ? { sort: request.sort } : {}),
      view: request.view,
      offset: 0,
      limit: SCREEN_ROW_LIMIT,
    },
  });
export type ScreenResult = Awaited<ReturnType<typeof runScreen>>;
export type ScreenRow = ScreenResult['rows'][number];

/**
 * Every row of a screen (up to 5,000) in the server's sort order. The previous result stays on screen while
 * the next loads, and while a filter with a mistake is being fixed (the error says where it is).
 */
export function useScreen(request: ScreenRequest) {
  return useQuery({
    queryKey: [...SCREENER_QUERY_KEY, 'screen', request],
    queryFn: () => runScreen(request),
    placeholderData: keepPreviousData,
    // A filter that does not parse stays wrong however often it is asked.
    retry: false,
    staleTime: 60_000,
  });
}

/** The stock drawer: the symbol's metrics in each snapshot, oldest first. */
export function useSymbolHistory(symbol: string | null, universeId: string | null) {
  return useQuery({
    queryKey: [...SCREENER_QUERY_KEY, 'symbol', symbol, universeId],
    queryFn: () =>
      api.request(`/screener/symbols/${encodeURIComponent(symbol!)}`, symbolHistorySchema, {
        query: { universeId: universeId ?? undefined, limit: 260 },
      }),
    enabled: symbol !== null,
  });
}

/** A year of daily bars for the drawer's price chart (the bars live in the instruments API). */
export function useDailyBars(symbol: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...SCREENER_QUERY_KEY, 'bars', symbol],
    queryFn: () =>
      api.request(`/instruments/${encodeURIComponent(symbol!)}/bars`, barsResponseSchema, {
        query: { timeframe: '1d', limit: 260 },
      }),
    enabled: symbol !== null && enabled,
    staleTime: 5 * 60_000,
  });
}
