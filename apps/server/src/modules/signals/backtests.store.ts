import { and, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { backtests } from '../../db/schema';

export type BacktestRow = typeof backtests.$inferSelect;
export type NewBacktestRow = typeof backtests.$inferInsert;

// The result (trades, equity curve ...) is read only by GET /backtests/:id: lists never drag it along.
const { result: _result, ...light } = getTableColumns(backtests);
export type BacktestHead = Omit<BacktestRow, 'result'>;

/** Headline figures of a finished backtest, read out of its result in the database. */
export interface BacktestHeadline {
  totalReturn: number;
  buyAndHoldReturn: number;
  maxDrawdown: number;
  trades: number;
}
export type BacktestListRow = BacktestHead & { headline: BacktestHeadline | null };

export async function insertBacktest(orm: Orm, row: NewBacktestRow): Promise<BacktestRow> {
  const [created] = await orm.insert(backtests).values(row).returning();
  if (!created) throw new Error('insertBacktest: the insert returned no row');
  return created;
}

export async function findBacktest(orm: Orm, id: string): Promise<BacktestRow | undefined> {
  const [row] = await orm.select().from(backtests).where(eq(backtests.id, id)).limit(1);
  return row;
}

/** Updates a backtest; `where` narrows it (e.g. only while running), and undefined means nothing matched. */
export async function updateBacktest(
  orm: Orm,
  id: string,
  patch: Partial<NewBacktestRow>,
  where?: SQL,
): Promise<BacktestHead | undefined> {
  const [row] = await orm
    .update(backtests)
    .set(patch)
    .where(and(eq(backtests.id, id), where))
    .returning(light);
  return row;
}

/** Only while it is still running: a late progress report never overwrites a finished backtest. */
export const stillRunning = inArray(backtests.status, ['queued', 'running']);

export async function listBacktestRows(
  orm: Orm,
  query: { strategyId?: string; limit: number },
): Promise<BacktestListRow[]> {
  const metrics = sql`${backtests.result}->'metrics'`;
  return orm
    .select({
      ...light,
      headline: sql<BacktestHeadline | null>`case when ${backtests.result} is null then null else jsonb_build_object(
        'totalReturn', ${metrics}->'totalReturn', 'buyAndHoldReturn', ${metrics}->'buyAndHoldReturn',
        'maxDrawdown', ${metrics}->'maxDrawdown', 'trades', ${metrics}->'trades') end`,
    })
    .from(backtests)
    .where(query.strategyId ? eq(backtests.strategyId, query.strategyId) : undefined)
    .orderBy(desc(backtests.createdAt), desc(backtests.id))
    .limit(query.limit);
}
