import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { modelAliasHistory, modelAliases, modelVersions, registeredModels } from '../../db/schema';

export type RegisteredModelRow = typeof registeredModels.$inferSelect;
export type ModelVersionRow = typeof modelVersions.$inferSelect;
export type AliasHistoryRow = typeof modelAliasHistory.$inferSelect;

/** The model row, locked for the rest of the transaction: version numbers and alias moves serialise on it. */
export async function lockModel(orm: Orm, name: string): Promise<RegisteredModelRow | undefined> {
  const [row] = await orm.select().from(registeredModels).where(eq(registeredModels.name, name)).for('update');
  return row;
}

/** Creates the model on first registration (concurrent first registrations agree on one row), then locks it. */
export async function ensureLockedModel(orm: Orm, name: string, description?: string): Promise<RegisteredModelRow> {
  await orm
    .insert(registeredModels)
    .values({ name, description: description ?? null })
    .onConflictDoNothing({ target: registeredModels.name });
  const row = await lockModel(orm, name);
  if (!row) throw new Error(`ensureLockedModel: model ${name} vanished after insert`);
  return row;
}

export async function findModel(orm: Orm, name: string): Promise<RegisteredModelRow | undefined> {
  const [row] = await orm.select().from(registeredModels).where(eq(registeredModels.name, name));
  return row;
}

export async function listModels(orm: Orm): Promise<RegisteredModelRow[]> {
  return orm.select().from(registeredModels).orderBy(asc(registeredModels.name));
}

export async function nextVersion(orm: Orm, modelId: string): Promise<number> {
  const [row] = await orm
    .select({ last: max(modelVersions.version) })
    .from(modelVersions)
    .where(eq(modelVersions.modelId, modelId));
  return (row?.last ?? 0) + 1;
}

export async function insertVersion(orm: Orm, row: typeof modelVersions.$inferInsert): Promise<ModelVersionRow> {
  const [created] = await orm.insert(modelVersions).values(row).returning();
  if (!created) throw new Error('insertVersion: the insert returned no row');
  return created;
}

export async function findVersion(orm: Orm, modelId: string, version: number): Promise<ModelVersionRow | undefined> {
  const [row] = await orm
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.modelId, modelId), eq(modelVersions.version, version)));
  return row;
}

export async function versionsOf(orm: Orm, modelId: string): Promise<ModelVersionRow[]> {
  return orm
    .select()
    .from(modelVersions)
    .where(eq(modelVersions.modelId, modelId))
    .orderBy(desc(modelVersions.version));
}

export async function latestVersions(orm: Orm): Promise<Map<string, number>> {
  const rows = await orm
    .select({ modelId: modelVersions.modelId, last: max(modelVersions.version) })
    .from(modelVersions)
    .groupBy(modelVersions.modelId);
  return new Map(rows.map((r) => [r.modelId, r.last ?? 0]));
}

export async function archiveVersionRow(
  orm: Orm,
  id: string,
  by: { userId: string | null; reason: string },
): Promise<void> {
  await orm
    .update(modelVersions)
    .set({ status: 'archived', archivedBy: by.userId, archiveReason: by.reason, archivedAt: sql`now()` })
    .where(eq(modelVersions.id, id));
}

export async function aliasesOf(orm: Orm, modelId?: string) {
  return orm
    .select()
    .from(modelAliases)
    .where(modelId ? eq(modelAliases.modelId, modelId) : undefined)
    .orderBy(asc(modelAliases.alias));
}

export async function findAlias(orm: Orm, modelId: string, alias: string) {
  const [row] = await orm
    .select()
    .from(modelAliases)
    .where(and(eq(modelAliases.modelId, modelId), eq(modelAliases.alias, alias)));
  return row;
}

export async function upsertAlias(orm: Orm, modelId: string, alias: string, version: number): Promise<void> {
  await orm
    .insert(modelAliases)
    .values({ modelId, alias, version })
    .onConflictDoUpdate({
      target: [modelAliases.modelId, modelAliases.alias],
      set: { version, updatedAt: sql`now()` },
    });
}

export async function deleteAlias(orm: Orm, modelId: string, alias: string): Promise<void> {
  await orm.delete(modelAliases).where(and(eq(modelAliases.modelId, modelId), eq(modelAliases.alias, alias)));
}

export async function insertHistory(orm: Orm, row: typeof modelAliasHistory.$inferInsert): Promise<void> {
  await orm.insert(modelAliasHistory).values(row);
}

export async function historyOf(orm: Orm, modelId: string): Promise<AliasHistoryRow[]> {
  return orm
    .select()
    .from(modelAliasHistory)
    .where(eq(modelAliasHistory.modelId, modelId))
    .orderBy(desc(modelAliasHistory.at), desc(modelAliasHistory.id));
}

/** What an alias resolves to, in one query (the serving hot path on a cache miss). */
export async function resolveAliasRow(orm: Orm, model: string, alias: string) {
  const [row] = await orm
    .select({ version: modelVersions.version, runId: modelVersions.runId, artifactName: modelVersions.artifactName })
    .from(modelAliases)
    .innerJoin(registeredModels, eq(registeredModels.id, modelAliases.modelId))
    .innerJoin(
      modelVersions,
      and(eq(modelVersions.modelId, modelAliases.modelId), eq(modelVersions.version, modelAliases.version)),
    )
    .where(and(eq(registeredModels.name, model), eq(modelAliases.alias, alias)));
  return row;
}

/** The version registered from a run, with its model's name and the aliases pointing at it; undefined if none. */
export async function versionOfRun(
  orm: Orm,
  runId: string,
): Promise<{ model: string; version: number; aliases: string[] } | undefined> {
  const [row] = await orm
    .select({ modelId: modelVersions.modelId, model: registeredModels.name, version: modelVersions.version })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(eq(modelVersions.runId, runId));
  if (!row) return undefined;
  const aliases = await orm
    .select({ alias: modelAliases.alias })
    .from(modelAliases)
    .where(and(eq(modelAliases.modelId, row.modelId), eq(modelAliases.version, row.version)))
    .orderBy(asc(modelAliases.alias));
  return { model: row.model, version: row.version, aliases: aliases.map((a) => a.alias) };
}
