import { SPARKLINE_MAX_SYMBOLS, sparklineListSchema } from '@marketlens/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { createBatchLoader } from '../model/batch-loader';
import { SCREENER_QUERY_KEY } from './screener.api';

/** Closes per sparkline: about three months of sessions. */
export const SPARKLINE_BARS = 60;

const loader = createBatchLoader<readonly number[]>(
  async (symbols) => {
    const answer = await api.request('/screener/sparklines', sparklineListSchema, {
      query: { symbols: symbols.join(','), bars: SPARKLINE_BARS },
    });
    return new Map(answer.sparklines.map((s) => [s.symbol, s.closes]));
  },
  // A frame's worth of rows mounting while scrolling goes out as one request.
  { maxBatch: SPARKLINE_MAX_SYMBOLS, waitMs: 30 },
);

/**
 * A row's sparkline: cached per symbol, so scrolling back or re-sorting never asks again; the rows on screen at
 * the same moment share one batched request. Null when the symbol has no stored bars.
 */
export function useSparkline(symbol: string) {
  return useQuery({
    queryKey: [...SCREENER_QUERY_KEY, 'sparkline', SPARKLINE_BARS, symbol],
    queryFn: () => loader.load(symbol),
    staleTime: 10 * 60_000,
    gcTime: 30 * 60_000,
    retry: false,
  });
}
