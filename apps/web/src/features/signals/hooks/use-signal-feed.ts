import { signalSchema, type Signal } from '@marketlens/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, session } from '../../../shared/api/api';
import { openEventStream, type StreamStatus } from '../../../shared/api/event-stream';
import { DEPLOYMENTS_KEY, useSignalHistory } from '../api/live.api';
import { LIVE_LIMIT, matchesFilter, mergeSignals, type SignalFilter } from '../model/signal-feed';

/** Paper accounts move with each signal; a burst of signals (one replayed file) refreshes them once. */
const DEPLOYMENTS_REFRESH_MS = 500;

function parseSignal(data: string): Signal | null {
  try {
    const parsed = signalSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The live feed: stored signals (newest first, older pages on demand) and every signal the SSE stream sends
 * from now on, merged without duplicates. Each time the stream (re)opens the stored list is read again, so a
 * signal written while it was down is not lost.
 */
export function useSignalFeed(filter: SignalFilter) {
  const history = useSignalHistory(filter);
  const queryClient = useQueryClient();
  const [live, setLive] = useState<Signal[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [stream, setStream] = useState<{ status: StreamStatus; error: string | null }>({
    status: 'connecting',
    error: null,
  });
  const refetchHistory = useRef(history.refetch);
  refetchHistory.current = history.refetch;

  useEffect(() => {
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    const stop = openEventStream({
      url: api.url('/signals/stream'),
      fetchFn: (input, init) => window.fetch(input, init),
      token: () => session.accessToken(),
      renewToken: async () => {
        const ok = await api.refresh();
        if (!ok) session.signOut();
        return ok;
      },
      onEvent: (event) => {
        if (event.event !== 'signal') return;
        const signal = parseSignal(event.data);
        if (!signal) return;
        setLive((prev) => mergeSignals(prev, [signal]).slice(0, LIVE_LIMIT));
        setFresh((prev) => new Set(prev).add(signal.id));
        refreshTimer ??= setTimeout(() => {
          refreshTimer = undefined;
          void queryClient.invalidateQueries({ queryKey: DEPLOYMENTS_KEY });
        }, DEPLOYMENTS_REFRESH_MS);
      },
      onStatus: (status, error) => {
        setStream({ status, error });
        if (status === 'open') void refetchHistory.current();
      },
    });
    return () => {
      clearTimeout(refreshTimer);
      stop();
    };
  }, [queryClient]);

  const pages = history.data?.pages;
  const { symbol, strategyId, action } = filter;
  const signals = useMemo(
    () =>
      mergeSignals(
        live.filter((s) => matchesFilter(s, { symbol, strategyId, action })),
        ...(pages ?? []).map((p) => p.signals),
      ),
    [live, pages, symbol, strategyId, action],
  );
  return {
    signals,
    /** Ids that arrived through the stream while the page was open. */
    fresh,
    stream,
    history,
  };
}
