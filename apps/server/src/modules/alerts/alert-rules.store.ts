import { and, desc, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { alertEvents, alertRules } from '../../db/schema';

export type AlertRuleRow = typeof alertRules.$inferSelect;
export type AlertEventRow = typeof alertEvents.$inferSelect;

export async function insertRule(orm: Orm, row: typeof alertRules.$inferInsert): Promise<AlertRuleRow> {
  const [created] = await orm.insert(alertRules).values(row).returning();
  return created!;
}

/** A user's rules, or everyone's (userId undefined), newest first. */
export async function listRules(orm: Orm, userId?: string): Promise<AlertRuleRow[]> {
  return orm
    .select()
    .from(alertRules)
    .where(userId === undefined ? undefined : eq(alertRules.userId, userId))
    .orderBy(desc(alertRules.createdAt));
}

export async function findRule(orm: Orm, id: string): Promise<AlertRuleRow | undefined> {
  const [row] = await orm.select().from(alertRules).where(eq(alertRules.id, id));
  return row;
}

export async function updateRule(
  orm: Orm,
  id: string,
  patch: Partial<Pick<AlertRuleRow, 'name' | 'enabled' | 'params' | 'state' | 'cooldownMinutes' | 'lastError'>>,
): Promise<AlertRuleRow | undefined> {
  const [row] = await orm.update(alertRules).set(patch).where(eq(alertRules.id, id)).returning();
  return row;
}

export async function deleteRule(orm: Orm, id: string): Promise<void> {
  await orm.delete(alertRules).where(eq(alertRules.id, id));
}

/** Enabled rules to evaluate: on one symbol (any timeframe), or all. */
export async function enabledRules(orm: Orm, symbol?: string): Promise<AlertRuleRow[]> {
  return orm
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.enabled, true), symbol === undefined ? undefined : eq(alertRules.symbol, symbol)))
    .orderBy(alertRules.createdAt);
}

/** An event, once per (rule, key); false when it was raised before. */
export async function insertAlertEvent(
  tx: Orm,
  row: typeof alertEvents.$inferInsert,
): Promise<AlertEventRow | undefined> {
  const [created] = await tx.insert(alertEvents).values(row).onConflictDoNothing().returning();
  return created;
}

export async function saveEvaluation(
  tx: Orm,
  id: string,
  state: Record<string, unknown>,
  lastTriggeredAt: Date | null,
): Promise<void> {
  await tx
    .update(alertRules)
    .set({
      state,
      lastError: null,
      ...(lastTriggeredAt ? { lastTriggeredAt } : {}),
    })
    .where(eq(alertRules.id, id));
}

/** Events of a user's rules (or of one rule), newest first. */
export async function listEvents(
  orm: Orm,
  filter: { userId?: string; ruleId?: string; limit: number },
): Promise<Array<AlertEventRow & { ruleName: string; symbol: string }>> {
  const rows = await orm
    .select({ event: alertEvents, ruleName: alertRules.name, symbol: alertRules.symbol })
    .from(alertEvents)
    .innerJoin(alertRules, eq(alertRules.id, alertEvents.ruleId))
    .where(
      and(
        filter.userId === undefined ? undefined : eq(alertRules.userId, filter.userId),
        filter.ruleId === undefined ? undefined : eq(alertEvents.ruleId, filter.ruleId),
      ),
    )
    .orderBy(desc(alertEvents.createdAt), desc(alertEvents.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.event, ruleName: r.ruleName, symbol: r.symbol }));
}

/** Rules whose last evaluation failed keep the reason, for the rules list. */
export async function recordRuleError(orm: Orm, id: string, error: string): Promise<void> {
  await orm
    .update(alertRules)
    .set({ lastError: error.slice(0, 1000) })
    .where(eq(alertRules.id, id));
}
