import type { AppContext } from '../../context';
import { withAdvisoryLocks } from '../../db/advisory-locks';
import { BadRequestError, NotFoundError } from '../../http/http-errors';
import { writeOutbox } from '../../notify/outbox';
import { getInstrumentInfo } from '../instruments/instruments.service';
import { alertKinds, type AlertKind, type AlertTrigger } from './alert-kinds';
import * as store from './alert-rules.store';

export interface AlertRuleInput {
  name: string;
  kind: string;
  symbol: string;
  timeframe: string;
  params: Record<string, unknown>;
  cooldownMinutes: number;
  enabled: boolean;
}

function kindOf(ctx: AppContext, kind: string): AlertKind {
  const found = alertKinds(ctx).get(kind);
  if (!found) {
    throw new BadRequestError(
      'UNKNOWN_ALERT_KIND',
      `There is no alert kind "${kind}"; the kinds are ${[...alertKinds(ctx).keys()].join(', ')}`,
      { kinds: [...alertKinds(ctx).keys()] },
    );
  }
  return found;
}

/** The params checked by the kind's schema; 400 naming the field and what is wrong with it. */
function checkParams(kind: string, found: AlertKind, params: unknown): Record<string, unknown> {
  const parsed = found.params.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `params.${issue.path.join('.')}` : 'params';
    throw new BadRequestError('INVALID_ALERT_PARAMS', `${kind}: ${where}: ${issue.message}`, {
      issues: parsed.error.issues.map((i) => ({ path: ['params', ...i.path].join('.'), message: i.message })),
    });
  }
  return parsed.data as Record<string, unknown>;
}

/** A new rule starts from the newest data, so only what arrives after it can fire it. */
export async function createRule(ctx: AppContext, userId: string, input: AlertRuleInput): Promise<store.AlertRuleRow> {
  const kind = kindOf(ctx, input.kind);
  const params = checkParams(input.kind, kind, input.params);
  const instrument = await getInstrumentInfo(ctx, input.symbol);
  const rule = { symbol: instrument.symbol, timeframe: input.timeframe, params };
  const state = await kind.initialState(ctx, rule);
  return store.insertRule(ctx.db.orm, {
    userId,
    name: input.name,
    kind: input.kind,
    ...rule,
    state,
    cooldownMinutes: input.cooldownMinutes,
    enabled: input.enabled,
  });
}

/** The user's own rule, or 404 (another user's rule is not revealed to exist). */
export async function ownRule(ctx: AppContext, userId: string, id: string): Promise<store.AlertRuleRow> {
  const row = await store.findRule(ctx.db.orm, id);
  if (!row || row.userId !== userId) throw new NotFoundError(`Alert rule ${id}`, 'ALERT_RULE_NOT_FOUND');
  return row;
}

export async function updateRule(
  ctx: AppContext,
  userId: string,
  id: string,
  patch: { name?: string; enabled?: boolean; params?: Record<string, unknown>; cooldownMinutes?: number },
): Promise<store.AlertRuleRow> {
  const row = await ownRule(ctx, userId, id);
  const kind = kindOf(ctx, row.kind);
  const params = patch.params === undefined ? undefined : checkParams(row.kind, kind, patch.params);
  // New params or a rule switched back on start again from the newest data, never from what passed meanwhile.
  const restart = params !== undefined || (patch.enabled === true && !row.enabled);
  const state = restart
    ? await kind.initialState(ctx, { symbol: row.symbol, timeframe: row.timeframe, params: params ?? row.params })
    : undefined;
  const updated = await store.updateRule(ctx.db.orm, id, {
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
    ...(patch.cooldownMinutes === undefined ? {} : { cooldownMinutes: patch.cooldownMinutes }),
    ...(params === undefined ? {} : { params }),
    ...(state === undefined ? {} : { state }),
  });
  return updated!;
}

export async function deleteRule(ctx: AppContext, userId: string, id: string): Promise<void> {
  await ownRule(ctx, userId, id);
  await store.deleteRule(ctx.db.orm, id);
}

/** Triggers at least `cooldownMinutes` apart in data time, after the last one raised. */
function outsideCooldown(triggers: AlertTrigger[], lastAt: Date | null, cooldownMinutes: number): AlertTrigger[] {
  if (cooldownMinutes <= 0) return triggers;
  const gap = cooldownMinutes * 60_000;
  let last = lastAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return triggers.filter((t) => {
    if (t.at < last + gap) return false;
    last = t.at;
    return true;
  });
}

/**
 * `alerts.evaluate`: every enabled rule (of one symbol, or all) looks at what arrived since its last run. Each
 * raised alert is stored once per (rule, key) with its values, and its outbox row is written in the same
 * transaction as the event and the rule's new state, so a crash leaves either all of it or none. Replicas
 * split the rules with an advisory lock per rule.
 */
export async function evaluateRules(
  ctx: AppContext,
  filter: { symbol?: string } = {},
): Promise<{ rules: number; events: number }> {
  const rules = await store.enabledRules(ctx.db.orm, filter.symbol?.toUpperCase());
  let events = 0;
  let evaluated = 0;
  await withAdvisoryLocks(ctx.db, 'alerts.evaluate', async (locks) => {
    for (const listed of rules) {
      if (!(await locks.tryLock(listed.id))) continue;
      try {
        // Read again under the lock: another replica may have moved it on since the list was read.
        const rule = await store.findRule(ctx.db.orm, listed.id);
        if (!rule?.enabled) continue;
        const kind = alertKinds(ctx).get(rule.kind);
        if (!kind) {
          await store.recordRuleError(ctx.db.orm, rule.id, `no alert kind "${rule.kind}" is defined in this process`);
          continue;
        }
        evaluated += 1;
        events += await evaluateOne(ctx, rule, kind);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        ctx.log.warn({ err, rule: listed.id }, 'alert rule evaluation failed');
        await store.recordRuleError(ctx.db.orm, listed.id, message).catch(() => undefined);
      } finally {
        await locks.unlock(listed.id);
      }
    }
  });
  return { rules: evaluated, events };
}

async function evaluateOne(ctx: AppContext, rule: store.AlertRuleRow, kind: AlertKind): Promise<number> {
  const { triggers, state } = await kind.evaluate(ctx, {
    symbol: rule.symbol,
    timeframe: rule.timeframe,
    params: rule.params,
    state: rule.state ?? null,
  });
  const kept = outsideCooldown(triggers, rule.lastTriggeredAt, rule.cooldownMinutes);
  return ctx.db.orm.transaction(async (tx) => {
    let raised = 0;
    let lastAt: Date | null = null;
    for (const t of kept) {
      const event = await store.insertAlertEvent(tx, {
        ruleId: rule.id,
        key: t.key,
        message: t.message,
        values: t.values,
        at: new Date(t.at),
      });
      if (!event) continue;
      raised += 1;
      lastAt = event.at;
      await writeOutbox(tx, {
        idempotencyKey: `alert:${rule.id}:${t.key}`,
        topic: 'alert',
        payload: {
          eventId: event.id,
          ruleId: rule.id,
          rule: rule.name,
          kind: rule.kind,
          symbol: rule.symbol,
          timeframe: rule.timeframe,
          message: t.message,
          values: t.values,
          at: event.at.toISOString(),
        },
      });
    }
    await store.saveEvaluation(tx, rule.id, state, lastAt);
    return raised;
  });
}
