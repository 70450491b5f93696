import {
  backtestListSchema,
  backtestSchema,
  type Backtest,
  type BacktestSummary,
  type CreateBacktestRequest,
} from '@marketlens/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { SIGNALS_QUERY_KEY } from './strategies.api';

const BACKTESTS_KEY = [...SIGNALS_QUERY_KEY, 'backtests'] as const;
const backtestKey = (id: string) => [...BACKTESTS_KEY, id] as const;

/** How often a queued or running backtest is polled for its progress. */
const POLL_MS = 700;

export const isFinished = (b: Pick<BacktestSummary, 'status'>) => b.status === 'succeeded' || b.status === 'failed';

/** One backtest; polled while the job works on it, so the progress bar moves. */
export function useBacktest(id: string | null) {
  return useQuery({
    queryKey: backtestKey(id ?? ''),
    queryFn: () => api.request(`/backtests/${encodeURIComponent(id!)}`, backtestSchema),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && !isFinished(query.state.data) ? POLL_MS : false),
    // A finished backtest never changes.
    staleTime: (query) => (query.state.data && isFinished(query.state.data) ? Infinity : 0),
  });
}

/** A strategy's backtests with their headline figures; polled while one of them is still running. */
export function useStrategyBacktests(strategyId: string | null) {
  return useQuery({
    queryKey: [...BACKTESTS_KEY, 'of', strategyId],
    queryFn: () =>
      api.request(`/strategies/${encodeURIComponent(strategyId!)}/backtests`, backtestListSchema, {
        query: { limit: 50 },
      }),
    enabled: strategyId !== null,
    placeholderData: keepPreviousData,
    // A list with a backtest still running is out of date at once: the page may have been left while it ran.
    staleTime: (query) => (query.state.data?.backtests.some((b) => !isFinished(b)) ? 0 : 30_000),
    refetchInterval: (query) => (query.state.data?.backtests.some((b) => !isFinished(b)) ? POLL_MS * 2 : false),
  });
}

export function useCreateBacktest(onCreated: (backtest: Backtest) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateBacktestRequest) =>
      api.request('/backtests', backtestSchema, { method: 'POST', body: request }),
    onSuccess: (backtest) => {
      queryClient.setQueryData(backtestKey(backtest.id), backtest);
      void queryClient.invalidateQueries({ queryKey: [...BACKTESTS_KEY, 'of', backtest.strategyId] });
      onCreated(backtest);
    },
  });
}
