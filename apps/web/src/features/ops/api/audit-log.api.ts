import { auditLogSchema } from '@marketlens/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { OPS_QUERY_KEY } from './ops-overview.api';

const AUDIT_KEY = [...OPS_QUERY_KEY, 'audit'] as const;
const PAGE_SIZE = 25;

/** Filters as the form holds them: empty strings mean "any"; times are ISO strings. */
export interface AuditFilters {
  actor: string;
  action: string;
  since: string;
  until: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', since: '', until: '' };

/** The audit log, newest first, a page at a time ("Older entries" fetches the next). */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...AUDIT_KEY, filters],
    queryFn: ({ pageParam }) =>
      api.request('/ops/audit', auditLogSchema, {
        query: { ...filters, cursor: pageParam ?? undefined, limit: PAGE_SIZE },
      }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
