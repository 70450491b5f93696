import { and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { paperTrades, signals } from '../../db/schema';

export type SignalRow = typeof signals.$inferSelect;
export type NewSignalRow = typeof signals.$inferInsert;

/** Stores a signal once; the same strategy version, series, bar and action again is a no-op. */
export async function insertSignal(tx: Orm, row: NewSignalRow): Promise<SignalRow | undefined> {
  const [inserted] = await tx.insert(signals).values(row).onConflictDoNothing().returning();
  return inserted;
}

/** The notification for an event, in the caller's transaction; the idempotency key makes it exactly once. */
export async function insertPaperTrade(tx: Orm, row: typeof paperTrades.$inferInsert): Promise<void> {
  await tx.insert(paperTrades).values(row).onConflictDoNothing();
}

export async function listPaperTrades(orm: Orm, deploymentId: string, limit: number) {
  return orm
    .select()
    .from(paperTrades)
    .where(eq(paperTrades.deploymentId, deploymentId))
    .orderBy(desc(paperTrades.exitTs))
    .limit(limit);
}

export interface SignalFilter {
  symbol?: string;
  strategyId?: string;
  action?: SignalRow['action'];
}

export interface SignalCursor {
  createdAt: Date;
  id: string;
}

function filterConditions(filter: SignalFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.symbol) conditions.push(eq(signals.symbol, filter.symbol));
  if (filter.strategyId) conditions.push(eq(signals.strategyId, filter.strategyId));
  if (filter.action) conditions.push(eq(signals.action, filter.action));
  return conditions;
}

/** Newest first, strictly before `before` (keyset pagination on (created_at, id), index signals_created_idx). */
export async function listSignals(
  orm: Orm,
  filter: SignalFilter & { before?: SignalCursor; limit: number },
): Promise<SignalRow[]> {
  const conditions = filterConditions(filter);
  const b = filter.before;
  if (b)
    conditions.push(
      or(lt(signals.createdAt, b.createdAt), and(eq(signals.createdAt, b.createdAt), lt(signals.id, b.id)))!,
    );
  return orm
    .select()
    .from(signals)
    .where(and(...conditions))
    .orderBy(desc(signals.createdAt), desc(signals.id))
    .limit(filter.limit);
}

/** Oldest first, strictly after `after`: what a live feed has not sent yet. */
export async function signalsAfter(orm: Orm, after: SignalCursor | null, limit: number): Promise<SignalRow[]> {
  const where = after
    ? or(gt(signals.createdAt, after.createdAt), and(eq(signals.createdAt, after.createdAt), gt(signals.id, after.id)))
    : undefined;
  return orm.select().from(signals).where(where).orderBy(asc(signals.createdAt), asc(signals.id)).limit(limit);
}

export async function latestSignal(orm: Orm): Promise<SignalRow | undefined> {
  const [row] = await orm.select().from(signals).orderBy(desc(signals.createdAt), desc(signals.id)).limit(1);
  return row;
}
