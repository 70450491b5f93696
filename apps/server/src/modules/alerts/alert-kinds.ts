import type { z } from 'zod';
import type { AppContext } from '../../context';

// Alert rule kinds. Each module that has something worth alerting on plugs a kind in (price and regime and
// forecast here; screener membership and token risk come with those modules): its params schema, the state
// it starts from (so a new rule never fires on history), and its evaluation over what arrived since.

/** One alert a rule raises: unique per rule by `key` (usually the bar), so a re-run never raises it twice. */
export interface AlertTrigger {
  key: string;
  /** Time of the data that triggered it (ms). */
  at: number;
  message: string;
  values: Record<string, unknown>;
}

export interface AlertRuleInput<P> {
  symbol: string;
  timeframe: string;
  params: P;
  state: Record<string, unknown> | null;
}

export interface AlertKind<P = unknown> {
  /** Validates a rule's params when it is saved (400 naming the field). */
  params: z.ZodType<P>;
  /** A one-line description for lists: "close crosses above 45,000". */
  describe(params: P): string;
  /** What the rule knows when it is created: the newest data, so only what comes after can fire it. */
  initialState(ctx: AppContext, rule: Omit<AlertRuleInput<P>, 'state'>): Promise<Record<string, unknown>>;
  /** Raised alerts since `state`, and the state to keep. */
  evaluate(
    ctx: AppContext,
    rule: AlertRuleInput<P>,
  ): Promise<{ triggers: AlertTrigger[]; state: Record<string, unknown> }>;
}

const kindsByContext = new WeakMap<AppContext, Map<string, AlertKind>>();

export function alertKinds(ctx: AppContext): Map<string, AlertKind> {
  let kinds = kindsByContext.get(ctx);
  if (!kinds) kindsByContext.set(ctx, (kinds = new Map()));
  return kinds;
}

export function defineAlertKind<P>(ctx: AppContext, name: string, kind: AlertKind<P>): void {
  alertKinds(ctx).set(name, kind as AlertKind);
}
