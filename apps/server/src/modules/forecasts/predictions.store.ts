import { and, desc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { predictions } from '../../db/schema';

export type PredictionRow = typeof predictions.$inferSelect;
export type NewPredictionRow = typeof predictions.$inferInsert;

/** Stores a prediction once: the same model version, series and bar again is a no-op (idempotent job). */
export async function insertPrediction(orm: Orm, row: NewPredictionRow): Promise<boolean> {
  const inserted = await orm.insert(predictions).values(row).onConflictDoNothing().returning({ id: predictions.id });
  return inserted.length > 0;
}

/** Predictions of a series still waiting for their realised value, made at or before `asOfAtMost`. */
export async function listUnrealised(
  orm: Orm,
  key: { instrumentId: number; timeframe: string },
): Promise<PredictionRow[]> {
  return orm
    .select()
    .from(predictions)
    .where(
      and(
        eq(predictions.instrumentId, key.instrumentId),
        eq(predictions.timeframe, key.timeframe),
        isNull(predictions.realised),
      ),
    )
    .orderBy(predictions.asOf);
}

export async function setRealised(
  orm: Orm,
  id: string,
  values: { realised: number; realisedAt: Date; hit: boolean },
): Promise<void> {
  await orm.update(predictions).set(values).where(eq(predictions.id, id));
}

/** Newest first. */
export async function listPredictions(
  orm: Orm,
  key: { instrumentId: number; horizon: number; limit: number; realisedOnly?: boolean; asOfAtMost?: Date },
): Promise<PredictionRow[]> {
  const conditions = [eq(predictions.instrumentId, key.instrumentId), eq(predictions.horizon, key.horizon)];
  if (key.realisedOnly) conditions.push(isNotNull(predictions.realised));
  if (key.asOfAtMost) conditions.push(lte(predictions.asOf, key.asOfAtMost));
  return orm
    .select()
    .from(predictions)
    .where(and(...conditions))
    .orderBy(desc(predictions.asOf))
    .limit(key.limit);
}
