import {
  alertEventListSchema,
  alertKindListSchema,
  alertRuleListSchema,
  alertRuleSchema,
  type CreateAlertRuleRequest,
} from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { noContentSchema } from '../../../shared/api/parse-response';
import { ALERTS_QUERY_KEY } from './channels.api';

const RULES_KEY = [...ALERTS_QUERY_KEY, 'rules'] as const;
const EVENTS_KEY = [...ALERTS_QUERY_KEY, 'events'] as const;
const EVENT_LIMIT = 20;

const fetchKinds = () => api.request('/alerts/kinds', alertKindListSchema);
const fetchEvents = () => api.request('/alerts/events', alertEventListSchema, { query: { limit: EVENT_LIMIT } });

/** A rule kind and the JSON Schema of its params, as GET /alerts/kinds describes it. */
export type AlertKindInfo = Awaited<ReturnType<typeof fetchKinds>>['kinds'][number];
export type AlertEvent = Awaited<ReturnType<typeof fetchEvents>>['events'][number];

/** The kinds only change with a server release. */
export function useAlertKinds() {
  return useQuery({ queryKey: [...ALERTS_QUERY_KEY, 'kinds'], queryFn: fetchKinds, staleTime: Infinity });
}

export function useAlertRules() {
  return useQuery({ queryKey: RULES_KEY, queryFn: () => api.request('/alerts/rules', alertRuleListSchema) });
}

/** The newest events of the caller's rules. */
export function useAlertEvents() {
  return useQuery({ queryKey: EVENTS_KEY, queryFn: fetchEvents, refetchInterval: 15_000 });
}

export function useCreateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAlertRuleRequest) =>
      api.request('/alerts/rules', alertRuleSchema, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

/** What PATCH accepts: kind, symbol and timeframe are fixed once a rule exists. */
export interface AlertRuleChange {
  id: string;
  name?: string;
  params?: Record<string, unknown>;
  cooldownMinutes?: number;
  enabled?: boolean;
}

export function useUpdateAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AlertRuleChange) =>
      api.request(`/alerts/rules/${encodeURIComponent(id)}`, alertRuleSchema, { method: 'PATCH', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

export function useDeleteAlertRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/alerts/rules/${encodeURIComponent(id)}`, noContentSchema, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ALERTS_QUERY_KEY }),
  });
}
