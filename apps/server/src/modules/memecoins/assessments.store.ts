import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
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
