import { and, desc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { bars, instruments, strategies, strategyDeployments, strategyVersions } from '../../db/schema';

export type DeploymentRow = typeof strategyDeployments.$inferSelect;

/** A deployment with what the engine needs to run it: the strategy document and the series' symbol. */
export interface DeploymentToRun {
  id: string;
  strategyId: string;
  strategyName: string;
  version: number;
  definition: unknown;
  instrumentId: number;
  symbol: string;
  timeframe: string;
  enabled: boolean;
  createdAt: Date;
  lastBarTs: Date | null;
  state: unknown;
}

const toRun = {
  id: strategyDeployments.id,
  strategyId: strategyDeployments.strategyId,
  strategyName: strategies.name,
  version: strategyDeployments.version,
  definition: strategyVersions.definition,
  instrumentId: strategyDeployments.instrumentId,
  symbol: instruments.symbol,
  timeframe: strategyDeployments.timeframe,
  enabled: strategyDeployments.enabled,
  createdAt: strategyDeployments.createdAt,
  lastBarTs: strategyDeployments.lastBarTs,
  state: strategyDeployments.state,
};

function withRunInfo(orm: Orm) {
  return orm
    .select(toRun)
    .from(strategyDeployments)
    .innerJoin(strategies, eq(strategies.id, strategyDeployments.strategyId))
    .innerJoin(
      strategyVersions,
      and(
        eq(strategyVersions.strategyId, strategyDeployments.strategyId),
        eq(strategyVersions.version, strategyDeployments.version),
      ),
    )
    .innerJoin(instruments, eq(instruments.id, strategyDeployments.instrumentId));
}

export async function listEnabledDeployments(orm: Orm): Promise<DeploymentToRun[]> {
  return withRunInfo(orm).where(eq(strategyDeployments.enabled, true)).orderBy(strategyDeployments.createdAt);
}

export async function getDeploymentToRun(orm: Orm, id: string): Promise<DeploymentToRun | undefined> {
  const [row] = await withRunInfo(orm).where(eq(strategyDeployments.id, id));
  return row;
}

/**
 * Locks one deployment's row for this transaction, or returns undefined when another engine holds it:
 * replicas partition the work row by row (FOR UPDATE SKIP LOCKED) and never run one deployment twice at once.
 */
export async function lockDeployment(
  tx: Orm,
  id: string,
): Promise<{ lastBarTs: Date | null; enabled: boolean } | undefined> {
  const [row] = await tx
    .select({ lastBarTs: strategyDeployments.lastBarTs, enabled: strategyDeployments.enabled })
    .from(strategyDeployments)
    .where(eq(strategyDeployments.id, id))
    .for('update', { skipLocked: true });
  return row;
}

export async function saveDeploymentState(
  tx: Orm,
  id: string,
  values: { lastBarTs: Date; state: unknown; realisedEquity: number; markedEquity: number },
): Promise<void> {
  await tx
    .update(strategyDeployments)
    .set({ ...values, lastError: null, updatedAt: new Date() })
    .where(eq(strategyDeployments.id, id));
}

export async function recordDeploymentError(orm: Orm, id: string, error: string): Promise<void> {
  await orm
    .update(strategyDeployments)
    .set({ lastError: error, updatedAt: new Date() })
    .where(eq(strategyDeployments.id, id));
}

export async function insertDeployment(
  orm: Orm,
  row: {
    strategyId: string;
    version: number;
    instrumentId: number;
    timeframe: string;
    enabledBy: string | null;
    /** The newest stored bar at enable time: the engine warms up to it and runs live after it. */
    lastBarTs: Date | null;
  },
): Promise<DeploymentRow | undefined> {
  const [created] = await orm.insert(strategyDeployments).values(row).onConflictDoNothing().returning();
  return created;
}

export async function setDeploymentEnabled(
  orm: Orm,
  id: string,
  enabled: boolean,
  by: string | null,
): Promise<boolean> {
  const updated = await orm
    .update(strategyDeployments)
    .set({ enabled, enabledBy: by, updatedAt: new Date() })
    .where(eq(strategyDeployments.id, id))
    .returning({ id: strategyDeployments.id });
  return updated.length > 0;
}

/** Every deployment (enabled or not) with its strategy name and symbol, newest first. */
export async function listDeployments(
  orm: Orm,
): Promise<Array<DeploymentRow & { strategyName: string; symbol: string }>> {
  const rows = await orm
    .select({ d: strategyDeployments, strategyName: strategies.name, symbol: instruments.symbol })
    .from(strategyDeployments)
    .innerJoin(strategies, eq(strategies.id, strategyDeployments.strategyId))
    .innerJoin(instruments, eq(instruments.id, strategyDeployments.instrumentId))
    .orderBy(desc(strategyDeployments.createdAt));
  return rows.map((r) => ({ ...r.d, strategyName: r.strategyName, symbol: r.symbol }));
}

/** One deployment as the scrape-time gauges see it. */
export interface DeploymentGaugeRow {
  strategy: string;
  symbol: string;
  timeframe: string;
  enabled: boolean;
  markedEquity: number;
  /** Open time of the newest stored bar of the series; only looked up for enabled deployments. */
  newestBarTs: Date | null;
}

/**
 * Every deployment with its paper equity and, when enabled, the newest bar of its series: one statement for a
 * scrape. The newest bar is `ORDER BY ts DESC LIMIT 1` on the bars primary key (instrument_id, timeframe, ts),
 * one index probe per enabled deployment however long the series (chunk by chunk on a hypertable).
 */
export async function listDeploymentGaugeRows(orm: Orm): Promise<DeploymentGaugeRow[]> {
  const newestBar = orm
    .select({ ts: bars.ts })
    .from(bars)
    .where(
      and(eq(bars.instrumentId, strategyDeployments.instrumentId), eq(bars.timeframe, strategyDeployments.timeframe)),
    )
    .orderBy(desc(bars.ts))
    .limit(1);
  return orm
    .select({
      strategy: strategies.name,
      symbol: instruments.symbol,
      timeframe: strategyDeployments.timeframe,
      enabled: strategyDeployments.enabled,
      markedEquity: strategyDeployments.markedEquity,
      newestBarTs: sql<Date | null>`case when ${strategyDeployments.enabled} then (${newestBar}) end`.mapWith(bars.ts),
    })
    .from(strategyDeployments)
    .innerJoin(strategies, eq(strategies.id, strategyDeployments.strategyId))
    .innerJoin(instruments, eq(instruments.id, strategyDeployments.instrumentId));
}
