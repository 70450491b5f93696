import { screenDiffSchema } from '@marketlens/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { SCREENER_QUERY_KEY } from './screener.api';

/** The Changes view's question: which snapshots, under which screen (a saved one, or a filter and sort). */
export interface DiffRequest {
  universeId: string | null;
  /** Null: the snapshot before `to`. */
  from: string | null;
  /** Null: the latest snapshot. */
  to: string | null;
  screenId: string | null;
  filter: string;
  sort: string | null;
  movers: number;
}

const fetchDiff = (request: DiffRequest) =>
  api.request('/screener/diffs', screenDiffSchema, {
    query: {
      universeId: request.universeId ?? undefined,
      from: request.from ?? undefined,
      to: request.to ?? undefined,
      ...(request.screenId
        ? { screenId: request.screenId }
        : { filter: request.filter, sort: request.sort ?? undefined }),
      movers: request.movers,
    },
  });

/** Snapshots never change once built, so a diff is cached for the session. */
export function useScreenDiff(request: DiffRequest) {
  return useQuery({
    queryKey: [...SCREENER_QUERY_KEY, 'diff', request],
    queryFn: () => fetchDiff(request),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 5 * 60_000,
  });
}
