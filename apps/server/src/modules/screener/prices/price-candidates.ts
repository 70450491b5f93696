import type { AppContext } from '../../../context';
import type { AlphaVantageDataset } from '../../../providers/alphavantage/alphavantage-provider';
import { isFresh, readFetches, type FetchRecord } from '../../../providers/dataset-freshness';
import { universeMemberSymbols, watchlistedSymbols } from './price-candidates.store';

/** Budget days a fetch stays fresh: a daily series for its day, the overview and earnings for a week. */
export const FRESH_DAYS: Record<AlphaVantageDataset, number> = { daily: 1, overview: 7, earnings: 7 };
/** Providers whose daily bars count as today's prices (Yahoo is the fallback). */
export const PRICE_PROVIDERS = ['alphavantage', 'yahoo'] as const;

export interface PriceCandidate {
  symbol: string;
  watchlisted: boolean;
  /** The last successful daily fetch by any price provider; null: never. */
  lastDaily: Date | null;
  /** The stale datasets, in the order they are fetched. */
  stale: AlphaVantageDataset[];
  /** The Alpha Vantage record each stale dataset had, to put back if its claim is given up. */
  previous: Partial<Record<AlphaVantageDataset, FetchRecord>>;
}

export interface CandidatePlan {
  candidates: PriceCandidate[];
  /** Datasets skipped because they are fresh. */
  skippedFresh: number;
}

export interface PlanInput {
  watchlisted: readonly string[];
  members: readonly string[];
  /** Alpha Vantage records of every dataset, and Yahoo's daily ones. */
  fetches: readonly FetchRecord[];
  today: string;
}

const ORDER: readonly AlphaVantageDataset[] = ['daily', 'overview', 'earnings'];

/**
 * The fetch plan, in priority order: watchlisted symbols first, then the rest; within each, the stalest daily
 * data first (never fetched before anything), then by symbol so the order is stable. Fresh datasets are left out.
 */
export function planCandidates(input: PlanInput): CandidatePlan {
  const watch = new Set(input.watchlisted.map((s) => s.toUpperCase()));
  const symbols = [...new Set([...watch, ...input.members.map((s) => s.toUpperCase())])];
  const bySymbol = new Map<string, FetchRecord[]>();
  for (const f of input.fetches) bySymbol.set(f.symbol, [...(bySymbol.get(f.symbol) ?? []), f]);
  let skippedFresh = 0;
  const candidates: PriceCandidate[] = [];
  for (const symbol of symbols) {
    const records = bySymbol.get(symbol) ?? [];
    const av = (dataset: string) => records.find((r) => r.provider === 'alphavantage' && r.dataset === dataset);
    const dailyOk = records.filter((r) => r.dataset === 'daily' && r.status === 'ok');
    const yahooDaily = records.find((r) => r.provider === 'yahoo' && r.dataset === 'daily');
    const candidate: PriceCandidate = {
      symbol,
      watchlisted: watch.has(symbol),
      lastDaily: dailyOk.reduce<Date | null>((last, r) => (last && last >= r.fetchedAt ? last : r.fetchedAt), null),
      stale: [],
      previous: {},
    };
    for (const dataset of ORDER) {
      const record = av(dataset);
      const fresh =
        (record !== undefined && isFresh(record, input.today, FRESH_DAYS[dataset])) ||
        (dataset === 'daily' && yahooDaily?.status === 'ok' && isFresh(yahooDaily, input.today, FRESH_DAYS.daily));
      if (fresh) {
        skippedFresh++;
        continue;
      }
      candidate.stale.push(dataset);
      if (record) candidate.previous[dataset] = record;
    }
    if (candidate.stale.length > 0) candidates.push(candidate);
  }
  candidates.sort(
    (a, b) =>
      Number(b.watchlisted) - Number(a.watchlisted) ||
      (a.lastDaily?.getTime() ?? -Infinity) - (b.lastDaily?.getTime() ?? -Infinity) ||
      a.symbol.localeCompare(b.symbol),
  );
  return { candidates, skippedFresh };
}

/** Reads watchlists, universe members and fetch records, and plans (optionally only `only` symbols). */
export async function loadCandidatePlan(
  ctx: AppContext,
  today: string,
  only?: readonly string[],
): Promise<CandidatePlan> {
  const orm = ctx.db.orm;
  const wanted = only && new Set(only.map((s) => s.toUpperCase()));
  const keep = (symbols: string[]) => (wanted ? symbols.filter((s) => wanted.has(s.toUpperCase())) : symbols);
  const watchlisted = keep(await watchlistedSymbols(orm));
  const members = keep(await universeMemberSymbols(orm));
  const all = [...new Set([...watchlisted, ...members].map((s) => s.toUpperCase()))];
  const fetches = [
    ...(await readFetches(orm, null, 'daily', all)),
    ...(await readFetches(orm, 'alphavantage', 'overview', all)),
    ...(await readFetches(orm, 'alphavantage', 'earnings', all)),
  ].filter((f) => (PRICE_PROVIDERS as readonly string[]).includes(f.provider));
  return planCandidates({ watchlisted, members, fetches, today });
}
