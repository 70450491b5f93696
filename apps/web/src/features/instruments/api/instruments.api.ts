import { barsResponseSchema, instrumentListSchema, type Timeframe } from '@marketlens/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';

export const INSTRUMENTS_QUERY_KEY = ['instruments'] as const;

export function useInstruments() {
  return useQuery({
    queryKey: INSTRUMENTS_QUERY_KEY,
    queryFn: () => api.request('/instruments', instrumentListSchema),
  });
}

export interface BarsParams {
  symbol: string;
  timeframe: Timeframe;
  from?: string;
  to?: string;
  limit: number;
}

export function useBars(params: BarsParams | null) {
  return useQuery({
    queryKey: ['instruments', 'bars', params],
    queryFn: () =>
      api.request(`/instruments/${encodeURIComponent(params!.symbol)}/bars`, barsResponseSchema, {
        query: { timeframe: params!.timeframe, from: params!.from, to: params!.to, limit: params!.limit },
      }),
    enabled: params !== null,
    // Keep the old candles on screen while another range loads instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}
