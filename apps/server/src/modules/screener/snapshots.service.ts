import type { AppContext } from '../../context';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import { remember } from './screen-cache';
import {
  computeSnapshotRows,
  computeSnapshotRowsForDates,
  DAY_MS,
  isoDate,
  toScreenTable,
  type SnapshotMember,
  type SnapshotRowData,
} from './snapshot-compute';
import { barRangeFor, loadDailySeries, loadFundamentals, loadRegimes } from './snapshot-inputs';
import * as store from './snapshots.store';
import { findUniverse, listListing, type UniverseRow } from './universes.store';

/** Relative strength is measured against this symbol unless the universe names another. */
export const DEFAULT_BENCHMARK = 'IWM';
/** Job alerts.evaluate: screen_change rules look at each new snapshot. */
const ALERTS_EVALUATE_JOB = 'alerts.evaluate';

export async function requireUniverse(ctx: AppContext, id: string): Promise<UniverseRow> {
  const universe = await findUniverse(ctx.db.orm, id);
  if (!universe) throw new NotFoundError(`Universe ${id}`, 'UNIVERSE_NOT_FOUND');
  return universe;
}

export async function universeMembers(ctx: AppContext, universeId: string): Promise<SnapshotMember[]> {
  const listing = await listListing(ctx.db.orm, universeId, true);
  return listing.map(({ symbol, name, sector, industry, exchange, marketCap }) => ({
    symbol,
    name,
    sector,
    industry,
    exchange,
    marketCap,
  }));
}

export interface SnapshotOutcome {
  snapshot: store.SnapshotRow;
  /** False when a snapshot of that date existed and was kept. */
  created: boolean;
}

/**
 * Takes a snapshot of the universe as of `asOf` (default: the newest date any member has a daily bar),
 * with fundamentals and the current regime. Idempotent: an existing snapshot of that date is kept unless
 * `replace`. Stored in one transaction; screen_change alert rules are queued to look at it.
 */
export async function takeSnapshot(
  ctx: AppContext,
  universeId: string,
  options: { asOf?: string; replace?: boolean } = {},
): Promise<SnapshotOutcome> {
  const universe = await requireUniverse(ctx, universeId);
  const members = await universeMembers(ctx, universe.id);
  const symbols = members.map((m) => m.symbol);
  const newest = await store.newestDailyBar(ctx.db.orm, symbols);
  if (newest === null) {
    throw new ConflictError(
      'NO_BARS',
      `None of the ${members.length} members of universe "${universe.name}" has daily bars: import or ingest bars first`,
    );
  }
  const asOf = options.asOf ?? isoDate(newest);
  const existing = await store.findSnapshot(ctx.db.orm, universe.id, asOf);
  if (existing && !options.replace) return { snapshot: existing, created: false };

  const benchmark = universe.benchmark ?? DEFAULT_BENCHMARK;
  const bars = await loadDailySeries(ctx, [...symbols, benchmark], barRangeFor(asOf, asOf));
  const rows = computeSnapshotRows({
    members,
    bars,
    asOf,
    benchmark: bars.get(benchmark) ?? null,
    fundamentals: await loadFundamentals(ctx, symbols),
    regimes: await loadRegimes(ctx, symbols, asOf),
    onBadBars: badBarsLogger(ctx, universe.name),
  });
  const snapshot = await storeSnapshot(ctx, universe, asOf, bars.has(benchmark) ? benchmark : null, rows, true);
  await announceSnapshots(ctx);
  return { snapshot: snapshot!, created: true };
}

const badBarsLogger = (ctx: AppContext, universe: string) => (symbol: string, reason: string) =>
  ctx.log.warn({ universe, symbol, reason }, 'screener: bars refused by the metrics; the member has null metrics');

/** Stores computed rows as the universe's snapshot of `asOf` and caches its table; null when one was kept. */
export async function storeSnapshot(
  ctx: AppContext,
  universe: UniverseRow,
  asOf: string,
  benchmark: string | null,
  rows: SnapshotRowData[],
  replace: boolean,
): Promise<store.SnapshotRow | null> {
  const snapshot = await store.insertSnapshot(ctx.db.orm, { universeId: universe.id, asOf, benchmark }, rows, replace);
  if (!snapshot) return null;
  remember(ctx, { snapshotId: snapshot.id, rows, table: toScreenTable(rows) });
  ctx.log.info({ universe: universe.name, asOf, members: rows.length }, 'screener snapshot stored');
  return snapshot;
}

/** After new snapshots: queue alert rules (screen_change reads them). Best effort: the snapshot stands. */
export async function announceSnapshots(ctx: AppContext): Promise<void> {
  if (!ctx.jobs.has(ALERTS_EVALUATE_JOB)) return;
  try {
    await ctx.jobs.enqueue(ALERTS_EVALUATE_JOB, {});
  } catch (err) {
    ctx.log.warn({ err }, 'screener: could not queue alerts.evaluate after a snapshot');
  }
}

export interface RebuildRequest {
  from: string;
  to: string;
  every: 'day' | 'week';
  replace: boolean;
}

export interface RebuildProgress {
  done: number;
  total: number;
  built: number;
  skipped: number;
}

/** Dates rebuilt per pass: each pass reads its bars once (bounded memory for long ranges). */
const DATES_PER_PASS = 64;

/** The trading dates to rebuild: every date a member has a bar, or the last such date of each week. */
export function pickDates(barTimes: readonly number[], every: 'day' | 'week'): string[] {
  const dates = [...new Set(barTimes.map(isoDate))].sort();
  if (every === 'day') return dates;
  // Weeks start on Monday: day 0 of 1970-01-05 (a Monday).
  const week = (date: string) => Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.UTC(1970, 0, 5)) / (7 * DAY_MS));
  return dates.filter((d, i) => i === dates.length - 1 || week(dates[i + 1]!) !== week(d));
}

/**
 * Snapshots for past dates from stored bars (no fundamentals or regime: those are known only as of now, and a
 * past snapshot must not see the future). Existing dates are kept unless `replace`. Reports progress per date.
 */
export async function rebuildSnapshots(
  ctx: AppContext,
  universeId: string,
  request: RebuildRequest,
  onProgress: (progress: RebuildProgress) => Promise<void> | void = () => undefined,
  signal?: AbortSignal,
): Promise<RebuildProgress & { dates: string[] }> {
  const universe = await requireUniverse(ctx, universeId);
  const members = await universeMembers(ctx, universe.id);
  const symbols = members.map((m) => m.symbol);
  const times = await store.dailyBarTimes(ctx.db.orm, symbols, barRangeFor(request.from, request.to));
  const dates = pickDates(
    times.filter((t) => isoDate(t) >= request.from),
    request.every,
  );
  const existing = new Set((await store.listSnapshots(ctx.db.orm, universe.id)).map((s) => s.asOf));
  const todo = request.replace ? dates : dates.filter((d) => !existing.has(d));
  const progress: RebuildProgress = { done: 0, total: dates.length, built: 0, skipped: dates.length - todo.length };
  progress.done = progress.skipped;
  await onProgress({ ...progress });
  const benchmark = universe.benchmark ?? DEFAULT_BENCHMARK;
  for (let i = 0; i < todo.length; i += DATES_PER_PASS) {
    const pass = todo.slice(i, i + DATES_PER_PASS);
    const bars = await loadDailySeries(ctx, [...symbols, benchmark], barRangeFor(pass[0]!, pass.at(-1)!));
    const rowsByDate = computeSnapshotRowsForDates(
      { members, bars, benchmark: bars.get(benchmark) ?? null, onBadBars: badBarsLogger(ctx, universe.name) },
      pass,
    );
    for (const asOf of pass) {
      signal?.throwIfAborted();
      const rows = rowsByDate.get(asOf)!;
      const stored = await storeSnapshot(
        ctx,
        universe,
        asOf,
        bars.has(benchmark) ? benchmark : null,
        rows,
        request.replace,
      );
      if (stored) progress.built += 1;
      else progress.skipped += 1;
      progress.done += 1;
      await onProgress({ ...progress });
    }
  }
  return { ...progress, dates };
}
