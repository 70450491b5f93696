import { and, asc, count, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { artifacts, experiments, runMetrics, runParams, runs } from '../../db/schema';

export type ExperimentRow = typeof experiments.$inferSelect;
export type RunRow = typeof runs.$inferSelect;
export type RunWithExperiment = RunRow & { experimentName: string };
export type ArtifactRow = typeof artifacts.$inferSelect;
export type MetricRow = typeof runMetrics.$inferSelect;

/** The experiment's id, creating it on first use (concurrent first uses agree on one row). */
export async function ensureExperiment(orm: Orm, name: string): Promise<string> {
  await orm.insert(experiments).values({ name }).onConflictDoNothing({ target: experiments.name });
  const [row] = await orm.select({ id: experiments.id }).from(experiments).where(eq(experiments.name, name));
  if (!row) throw new Error(`ensureExperiment: experiment ${name} vanished after insert`);
  return row.id;
}

export async function listExperimentsWithStats(orm: Orm) {
  return orm
    .select({
      id: experiments.id,
      name: experiments.name,
      createdAt: experiments.createdAt,
      runCount: count(runs.id),
      lastRunAt: max(runs.startedAt),
    })
    .from(experiments)
    .leftJoin(runs, eq(runs.experimentId, experiments.id))
    .groupBy(experiments.id)
    .orderBy(asc(experiments.name));
}

export async function findExperiment(orm: Orm, id: string): Promise<ExperimentRow | undefined> {
  const [row] = await orm.select().from(experiments).where(eq(experiments.id, id));
  return row;
}

export async function insertRun(orm: Orm, row: typeof runs.$inferInsert): Promise<RunRow> {
  const [created] = await orm.insert(runs).values(row).returning();
  if (!created) throw new Error('insertRun: the insert returned no row');
  return created;
}

export async function insertParams(orm: Orm, runId: string, params: Record<string, string>): Promise<void> {
  const rows = Object.entries(params).map(([key, value]) => ({ runId, key, value }));
  if (rows.length > 0) await orm.insert(runParams).values(rows);
}

export async function updateRun(orm: Orm, id: string, patch: Partial<typeof runs.$inferInsert>): Promise<void> {
  await orm.update(runs).set(patch).where(eq(runs.id, id));
}

const runColumns = { ...getRunColumns(), experimentName: experiments.name };
function getRunColumns() {
  const { id, experimentId, name, status, userId, startedAt, endedAt, source, tags, error } = runs;
  return { id, experimentId, name, status, userId, startedAt, endedAt, source, tags, error };
}

export async function findRuns(orm: Orm, ids: readonly string[]): Promise<RunWithExperiment[]> {
  if (ids.length === 0) return [];
  return orm
    .select(runColumns)
    .from(runs)
    .innerJoin(experiments, eq(experiments.id, runs.experimentId))
    .where(inArray(runs.id, [...ids]));
}

export async function findRun(orm: Orm, id: string): Promise<RunWithExperiment | undefined> {
  return (await findRuns(orm, [id]))[0];
}

export async function listRunsOf(
  orm: Orm,
  experimentId: string,
  query: { status?: RunRow['status']; limit: number },
): Promise<RunWithExperiment[]> {
  return orm
    .select(runColumns)
    .from(runs)
    .innerJoin(experiments, eq(experiments.id, runs.experimentId))
    .where(and(eq(runs.experimentId, experimentId), query.status ? eq(runs.status, query.status) : undefined))
    .orderBy(desc(runs.startedAt))
    .limit(query.limit);
}

/** A later log of the same (key, step) replaces the value: re-logging a step is a correction, not a duplicate. */
export async function upsertMetrics(
  orm: Orm,
  rows: { runId: string; key: string; step: number; value: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await orm
    .insert(runMetrics)
    .values(rows)
    .onConflictDoUpdate({
      target: [runMetrics.runId, runMetrics.key, runMetrics.step],
      set: { value: sql`excluded.value`, at: sql`excluded.at` },
    });
}

/** The next step of each key (one past the highest logged), for metrics logged without a step. */
export async function nextSteps(orm: Orm, runId: string, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await orm
    .select({ key: runMetrics.key, last: max(runMetrics.step) })
    .from(runMetrics)
    .where(and(eq(runMetrics.runId, runId), inArray(runMetrics.key, [...keys])))
    .groupBy(runMetrics.key);
  return new Map(rows.map((r) => [r.key, (r.last ?? -1) + 1]));
}

export async function paramsOf(orm: Orm, runIds: readonly string[]) {
  if (runIds.length === 0) return [];
  return orm
    .select()
    .from(runParams)
    .where(inArray(runParams.runId, [...runIds]))
    .orderBy(asc(runParams.key));
}

/** Latest step of every metric key of the runs, with the number of steps logged. */
export async function latestMetricsOf(orm: Orm, runIds: readonly string[]) {
  if (runIds.length === 0) return [];
  return orm
    .selectDistinctOn([runMetrics.runId, runMetrics.key], {
      runId: runMetrics.runId,
      key: runMetrics.key,
      step: runMetrics.step,
      value: runMetrics.value,
      at: runMetrics.at,
      steps: sql<number>`count(*) over (partition by ${runMetrics.runId}, ${runMetrics.key})`.mapWith(Number),
    })
    .from(runMetrics)
    .where(inArray(runMetrics.runId, [...runIds]))
    .orderBy(asc(runMetrics.runId), asc(runMetrics.key), desc(runMetrics.step));
}

export async function metricSeries(orm: Orm, runId: string, key: string): Promise<MetricRow[]> {
  return orm
    .select()
    .from(runMetrics)
    .where(and(eq(runMetrics.runId, runId), eq(runMetrics.key, key)))
    .orderBy(asc(runMetrics.step));
}

/** Artifacts are immutable: a second log of the same name in a run is a unique violation (caller maps it). */
export async function insertArtifact(orm: Orm, row: typeof artifacts.$inferInsert): Promise<ArtifactRow> {
  const [created] = await orm.insert(artifacts).values(row).returning();
  if (!created) throw new Error('insertArtifact: the insert returned no row');
  return created;
}

export async function findArtifact(orm: Orm, runId: string, name: string): Promise<ArtifactRow | undefined> {
  const [row] = await orm
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.runId, runId), eq(artifacts.name, name)));
  return row;
}

export async function artifactsOf(orm: Orm, runId: string): Promise<ArtifactRow[]> {
  return orm.select().from(artifacts).where(eq(artifacts.runId, runId)).orderBy(asc(artifacts.name));
}

/** Deletes a run with its params, metrics and artifact records (cascade); a run with a version is refused by its key. */
export async function deleteRun(orm: Orm, id: string): Promise<void> {
  await orm.delete(runs).where(eq(runs.id, id));
}
