import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Orm } from '../db/database';
import { providerFetches } from '../db/schema';
import { addDays } from './request-budget';

// The cache of a quota-limited provider is the record of what it last fetched: a dataset whose last fetch is
// recent enough is not asked again. "Recent" compares budget days (the quota's calendar), not clock differences,
// so a daily series fetched at 23:59 is not fetched again at 00:01 of the same budget day, and is the next day.

export type FetchStatus = (typeof providerFetches.$inferSelect)['status'];

export interface FetchRecord {
  provider: string;
  dataset: string;
  symbol: string;
  fetchedAt: Date;
  /** The budget day it was fetched on (YYYY-MM-DD). */
  fetchedDay: string;
  /** ok; empty: the provider knows no such symbol; error: it failed (with the message). */
  status: FetchStatus;
  error: string | null;
}

/**
 * Fresh when fetched on one of the last `freshDays` budget days up to `today` (1: today only). An answer that
 * the symbol is unknown counts like data; a failure holds only for its own day (retried tomorrow, never twice
 * on one day: a quota is too small to spend on a repeat of today's failure).
 */
export function isFresh(record: Pick<FetchRecord, 'fetchedDay' | 'status'>, today: string, freshDays: number): boolean {
  const days = record.status === 'error' ? 1 : freshDays;
  return record.fetchedDay <= today && record.fetchedDay > addDays(today, -days);
}

const SYMBOLS_PER_QUERY = 1_000;

/** The last fetch of `dataset` for each of `symbols` from `provider` (any provider when null). */
export async function readFetches(
  orm: Orm,
  provider: string | null,
  dataset: string,
  symbols: readonly string[],
): Promise<FetchRecord[]> {
  const out: FetchRecord[] = [];
  for (let i = 0; i < symbols.length; i += SYMBOLS_PER_QUERY) {
    const chunk = symbols.slice(i, i + SYMBOLS_PER_QUERY);
    const rows = await orm
      .select()
      .from(providerFetches)
      .where(
        and(
          eq(providerFetches.dataset, dataset),
          inArray(providerFetches.symbol, chunk),
          provider === null ? undefined : eq(providerFetches.provider, provider),
        ),
      );
    out.push(...rows);
  }
  return out;
}

/** Records (replaces) the last fetch of a dataset. */
export async function recordFetch(orm: Orm, record: FetchRecord): Promise<void> {
  await orm
    .insert(providerFetches)
    .values(record)
    .onConflictDoUpdate({
      target: [providerFetches.provider, providerFetches.dataset, providerFetches.symbol],
      set: {
        fetchedAt: sql`excluded.fetched_at`,
        fetchedDay: sql`excluded.fetched_day`,
        status: sql`excluded.status`,
        error: sql`excluded.error`,
      },
    });
}

export interface ClaimRequest {
  provider: string;
  dataset: string;
  symbol: string;
  today: string;
  freshDays: number;
  now: Date;
}

/**
 * Claims today's fetch of a dataset, atomically across processes: true when this caller may fetch it (the last
 * fetch is stale and nobody has claimed it today), false when another run has it or it is fresh. The claim is
 * recorded as today's failed attempt until `recordFetch` replaces it, so a run that dies mid-fetch does not
 * make anyone repeat it today. Give it back with `restoreFetch` when the request could not be sent.
 */
export async function claimFetch(orm: Orm, claim: ClaimRequest): Promise<boolean> {
  const freshFrom = addDays(claim.today, 1 - claim.freshDays);
  const rows = await orm
    .insert(providerFetches)
    .values({
      provider: claim.provider,
      dataset: claim.dataset,
      symbol: claim.symbol,
      fetchedAt: claim.now,
      fetchedDay: claim.today,
      status: 'error',
      error: 'in progress',
    })
    .onConflictDoUpdate({
      target: [providerFetches.provider, providerFetches.dataset, providerFetches.symbol],
      set: { fetchedAt: claim.now, fetchedDay: claim.today, status: 'error', error: 'in progress' },
      // The same test as isFresh, in SQL, so two claimers cannot both see "stale".
      setWhere: sql`not (${providerFetches.fetchedDay} <= ${claim.today} and ${providerFetches.fetchedDay} >= case
        when ${providerFetches.status} = 'error' then ${claim.today} else ${freshFrom} end)`,
    })
    .returning({ symbol: providerFetches.symbol });
  return rows.length > 0;
}

/** Puts back the record a claim replaced (or removes the claim when there was none). */
export async function restoreFetch(
  orm: Orm,
  key: Pick<FetchRecord, 'provider' | 'dataset' | 'symbol'>,
  previous: FetchRecord | undefined,
): Promise<void> {
  if (previous) return recordFetch(orm, previous);
  await orm
    .delete(providerFetches)
    .where(
      and(
        eq(providerFetches.provider, key.provider),
        eq(providerFetches.dataset, key.dataset),
        eq(providerFetches.symbol, key.symbol),
      ),
    );
}
