import type { ScreenTable } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { toScreenTable, type SnapshotRowData } from './snapshot-compute';
import { snapshotRows } from './snapshots.store';

// Screens run on a columnar ScreenTable held in memory, keyed by snapshot id. Snapshots never change once
// stored (a rebuild of a date stores a new id), so a cached table is never stale: a request asks the database
// for the universe's latest snapshot id (one indexed row) and finds the table here. Every replica keeps its own.

export interface CachedSnapshot {
  snapshotId: number;
  rows: SnapshotRowData[];
  table: ScreenTable;
}

/** Tables kept: the latest of each universe plus a few older dates being compared (diffs, the drawer). */
const MAX_TABLES = 16;

const caches = new WeakMap<AppContext, Map<number, CachedSnapshot>>();

function cacheOf(ctx: AppContext): Map<number, CachedSnapshot> {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  return cache;
}

/** The snapshot's rows and table, from memory or read once from the database. */
export async function snapshotTable(ctx: AppContext, snapshotId: number): Promise<CachedSnapshot> {
  const cache = cacheOf(ctx);
  const hit = cache.get(snapshotId);
  if (hit) {
    // Least recently used goes first: re-insert on every hit.
    cache.delete(snapshotId);
    cache.set(snapshotId, hit);
    return hit;
  }
  const rows = await snapshotRows(ctx.db.orm, snapshotId);
  return remember(ctx, { snapshotId, rows, table: toScreenTable(rows) });
}

/** A snapshot just stored: its table goes in at once, so the first screen after the job does not wait. */
export function remember(ctx: AppContext, entry: CachedSnapshot): CachedSnapshot {
  const cache = cacheOf(ctx);
  cache.set(entry.snapshotId, entry);
  while (cache.size > MAX_TABLES) cache.delete(cache.keys().next().value!);
  return entry;
}

/** Drops a snapshot's table (a replaced or deleted snapshot). */
export function forget(ctx: AppContext, snapshotId: number): void {
  cacheOf(ctx).delete(snapshotId);
}
