import { asc, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { featureFlags } from '../../db/schema';

export type FeatureFlagRow = typeof featureFlags.$inferSelect;

export async function listFlags(orm: Orm): Promise<FeatureFlagRow[]> {
  return orm.select().from(featureFlags).orderBy(asc(featureFlags.key));
}

export async function findFlag(orm: Orm, key: string): Promise<FeatureFlagRow | undefined> {
  const [row] = await orm.select().from(featureFlags).where(eq(featureFlags.key, key));
  return row;
}

/** Undefined when the key exists already. */
export async function insertFlag(
  orm: Orm,
  flag: { key: string; enabled: boolean; description: string | null },
): Promise<FeatureFlagRow | undefined> {
  const [row] = await orm.insert(featureFlags).values(flag).onConflictDoNothing().returning();
  return row;
}

/** Undefined when there is no such flag. */
export async function setFlagEnabled(orm: Orm, key: string, enabled: boolean): Promise<FeatureFlagRow | undefined> {
  const [row] = await orm
    .update(featureFlags)
    .set({ enabled, updatedAt: new Date() })
    .where(eq(featureFlags.key, key))
    .returning();
  return row;
}
