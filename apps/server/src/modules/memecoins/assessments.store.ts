import { and, asc, desc, eq, getTableColumns, gte, lt, lte, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { riskAssessments } from '../../db/schema';

export type AssessmentRow = typeof riskAssessments.$inferSelect;
export type NewAssessmentRow = typeof riskAssessments.$inferInsert;

export async function insertAssessment(orm: Orm, row: NewAssessmentRow): Promise<AssessmentRow> {
  const [created] = await orm.insert(riskAssessments).values(row).returning();
  return created!;
}

export async function findAssessment(orm: Orm, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await orm.select().from(riskAssessments).where(eq(riskAssessments.id, id));
  return row;
}

/** A token's assessments newest first; `before` keeps those strictly older (the one before a given one). */
export async function listAssessments(
  orm: Orm,
  token: string,
  options: { limit: number; before?: Date },
): Promise<AssessmentRow[]> {
  return orm
    .select()
    .from(riskAssessments)
    .where(
      and(
        eq(riskAssessments.token, token),
        options.before ? lt(riskAssessments.assessedAt, options.before) : undefined,
      ),
    )
    .orderBy(desc(riskAssessments.assessedAt), desc(riskAssessments.createdAt))
    .limit(options.limit);
}

/** A token's assessments at or after `from`, oldest first. */
export async function assessmentsSince(orm: Orm, token: string, from: Date): Promise<AssessmentRow[]> {
  return orm
    .select()
    .from(riskAssessments)
    .where(and(eq(riskAssessments.token, token), gte(riskAssessments.assessedAt, from)))
    .orderBy(asc(riskAssessments.assessedAt), asc(riskAssessments.createdAt));
}

/**
 * The newest two assessments of every token (latest first), in one query: the list page needs each token's
 * score and the one before it, and a query per token grows with the watch list.
 */
export async function latestTwoPerToken(orm: Orm): Promise<Map<string, AssessmentRow[]>> {
  const ranked = orm.$with('ranked').as(
    orm
      .select({
        ...getTableColumns(riskAssessments),
        rank: sql<number>`row_number() over (partition by ${riskAssessments.token}
          order by ${riskAssessments.assessedAt} desc, ${riskAssessments.createdAt} desc)`.as('rank'),
      })
      .from(riskAssessments),
  );
  const rows = await orm
    .with(ranked)
    .select()
    .from(ranked)
    .where(lte(ranked.rank, 2))
    .orderBy(ranked.token, ranked.rank);
  const byToken = new Map<string, AssessmentRow[]>();
  for (const { rank: _rank, ...row } of rows) {
    const list = byToken.get(row.token) ?? [];
    list.push(row);
    byToken.set(row.token, list);
  }
  return byToken;
}
