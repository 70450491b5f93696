import type { AlertRule } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { alertKinds } from './alert-kinds';
import type { AlertEventRow, AlertRuleRow } from './alert-rules.store';

export function toAlertRule(ctx: AppContext, row: AlertRuleRow): AlertRule {
  const kind = alertKinds(ctx).get(row.kind);
  let description = row.kind;
  try {
    if (kind) description = kind.describe(kind.params.parse(row.params));
  } catch {
    // Params saved under an older schema: the kind's name says enough.
  }
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    symbol: row.symbol,
    timeframe: row.timeframe,
    params: row.params,
    description,
    enabled: row.enabled,
    cooldownMinutes: row.cooldownMinutes,
    lastTriggeredAt: row.lastTriggeredAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAlertEvent(row: AlertEventRow & { ruleName: string; symbol: string }) {
  return {
    id: row.id,
    ruleId: row.ruleId,
    rule: row.ruleName,
    symbol: row.symbol,
    message: row.message,
    values: row.values,
    at: row.at.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}
