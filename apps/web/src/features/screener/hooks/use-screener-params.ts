import { useCallback, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { ScreenRequest } from '../model/screen-request';
import { isScreenView } from '../model/screen-view';

/** What the Screener pages keep in the URL, so a link (or a reload) opens the same screen and stock. */
export interface ScreenerParams extends ScreenRequest {
  /** The saved screen loaded, if any. */
  savedId: string | null;
  /** The stock open in the drawer. */
  symbol: string | null;
  /** Changes view: the snapshots compared (null = the latest and the one before). */
  from: string | null;
  to: string | null;
}

const KEYS: Readonly<Record<keyof ScreenerParams, string>> = {
  universeId: 'u',
  asOf: 'date',
  filter: 'f',
  sort: 's',
  view: 'v',
  savedId: 'saved',
  symbol: 'sym',
  from: 'from',
  to: 'to',
};

/** The default screen: the whole universe, best composite score first. */
export const DEFAULT_SORT = '-score';

export function useScreenerParams(): [ScreenerParams, (change: Partial<ScreenerParams>) => void] {
  const [search, setSearch] = useSearchParams();
  // The newest params, also between a change and the render it causes: a change made from an older closure (a
  // timer, a batched handler) must not put back what a later one changed.
  const latest = useRef(search);
  latest.current = search;
  const params = useMemo<ScreenerParams>(() => {
    const view = search.get(KEYS.view);
    return {
      universeId: search.get(KEYS.universeId),
      asOf: search.get(KEYS.asOf),
      filter: search.get(KEYS.filter) ?? '',
      // An explicit empty sort ("s=") means the server's own order.
      sort: search.has(KEYS.sort) ? search.get(KEYS.sort) || null : DEFAULT_SORT,
      view: isScreenView(view) ? view : 'overview',
      savedId: search.get(KEYS.savedId),
      symbol: search.get(KEYS.symbol),
      from: search.get(KEYS.from),
      to: search.get(KEYS.to),
    };
  }, [search]);

  const update = useCallback(
    (change: Partial<ScreenerParams>) => {
      const next = new URLSearchParams(latest.current);
      for (const [key, value] of Object.entries(change) as [keyof ScreenerParams, string | null][]) {
        const name = KEYS[key];
        if (key === 'sort') next.set(name, value ?? '');
        else if (value === null || value === '' || (key === 'view' && value === 'overview')) next.delete(name);
        else next.set(name, value);
      }
      if (next.get(KEYS.sort) === DEFAULT_SORT) next.delete(KEYS.sort);
      latest.current = next;
      setSearch(next, { replace: true });
    },
    [setSearch],
  );
  return [params, update];
}
