import { and, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { strategies, strategyDeployments, strategyVersions } from '../../db/schema';

export type StrategyRow = typeof strategies.$inferSelect;
export type StrategyVersionRow = typeof strategyVersions.$inferSelect;
/** A version without its document: what version lists show. */
export interface StrategyVersionHead {
  version: number;
  name: string;
  createdBy: string | null;
  createdAt: Date;
}
/** A strategy and its latest version's document. */
export interface StrategyWithLatest {
  strategy: StrategyRow;
  definition: unknown;
}

export async function insertStrategy(orm: Orm, row: { name: string; createdBy: string | null }): Promise<StrategyRow> {
  const [created] = await orm
    .insert(strategies)
    .values({ ...row, latestVersion: 1 })
    .returning();
  if (!created) throw new Error('insertStrategy: the insert returned no row');
  return created;
}

export async function insertVersion(
  orm: Orm,
  row: { strategyId: string; version: number; definition: unknown; createdBy: string | null },
): Promise<StrategyVersionRow> {
  const [created] = await orm.insert(strategyVersions).values(row).returning();
  if (!created) throw new Error('insertVersion: the insert returned no row');
  return created;
}

/** The strategy row, locked for the rest of the transaction: new versions of one strategy serialise on it. */
export async function lockStrategy(orm: Orm, id: string): Promise<StrategyRow | undefined> {
  const [row] = await orm.select().from(strategies).where(eq(strategies.id, id)).for('update');
  return row;
}

export async function updateStrategy(
  orm: Orm,
  id: string,
  patch: Partial<Pick<StrategyRow, 'name' | 'latestVersion' | 'updatedAt' | 'archivedAt'>>,
): Promise<StrategyRow | undefined> {
  const [row] = await orm.update(strategies).set(patch).where(eq(strategies.id, id)).returning();
  return row;
}

export async function findVersion(
  orm: Orm,
  strategyId: string,
  version: number,
): Promise<StrategyVersionRow | undefined> {
  const [row] = await orm
    .select()
    .from(strategyVersions)
    .where(and(eq(strategyVersions.strategyId, strategyId), eq(strategyVersions.version, version)))
    .limit(1);
  return row;
}

/** Every version of a strategy, newest first, without the documents (but with the name each one had). */
export async function listVersions(orm: Orm, strategyId: string): Promise<StrategyVersionHead[]> {
  return orm
    .select({
      version: strategyVersions.version,
      name: sql<string>`${strategyVersions.definition}->>'name'`,
      createdBy: strategyVersions.createdBy,
      createdAt: strategyVersions.createdAt,
    })
    .from(strategyVersions)
    .where(eq(strategyVersions.strategyId, strategyId))
    .orderBy(desc(strategyVersions.version));
}

function selectWithLatest(orm: Orm, where: SQL | undefined) {
  return orm
    .select({ strategy: strategies, definition: strategyVersions.definition })
    .from(strategies)
    .innerJoin(
      strategyVersions,
      and(eq(strategyVersions.strategyId, strategies.id), eq(strategyVersions.version, strategies.latestVersion)),
    )
    .where(where);
}

export async function findStrategyWithLatest(orm: Orm, id: string): Promise<StrategyWithLatest | undefined> {
  const [row] = await selectWithLatest(orm, eq(strategies.id, id)).limit(1);
  return row;
}

export async function listStrategies(
  orm: Orm,
  query: { archived: 'exclude' | 'include' | 'only'; limit: number },
): Promise<StrategyWithLatest[]> {
  const archived = {
    exclude: isNull(strategies.archivedAt),
    include: undefined,
    only: isNotNull(strategies.archivedAt),
  };
  return selectWithLatest(orm, archived[query.archived])
    .orderBy(desc(strategies.updatedAt), strategies.name)
    .limit(query.limit);
}

/** Whether any live deployment of the strategy is enabled (archiving one would orphan a running strategy). */
export async function hasEnabledDeployment(orm: Orm, strategyId: string): Promise<boolean> {
  const [row] = await orm
    .select({ id: strategyDeployments.id })
    .from(strategyDeployments)
    .where(and(eq(strategyDeployments.strategyId, strategyId), eq(strategyDeployments.enabled, true)))
    .limit(1);
  return row !== undefined;
}
