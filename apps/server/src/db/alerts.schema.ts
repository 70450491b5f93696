import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './schema';

// Alert rules (modules/alerts): conditions on a symbol's data that other modules plug kinds into (price,
// regime, forecast; screener membership and token risk later), and the events they produced. Each event is
// written once, with the values that triggered it, in the transaction that writes its outbox row.

export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** price_cross, price_move, regime_change, forecast_band ... (the kind's evaluator reads params). */
    kind: text('kind').notNull(),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull().default('1d'),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** What the evaluator remembers between runs (the last bar it judged, the side of a level ...). */
    state: jsonb('state').$type<Record<string, unknown>>(),
    /** No second event within this many minutes of the last one. */
    cooldownMinutes: integer('cooldown_minutes').notNull().default(0),
    lastTriggeredAt: timestamp('last_triggered_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('alert_rules_symbol_idx')
      .on(t.symbol, t.timeframe)
      .where(sql`enabled`),
    index('alert_rules_user_idx').on(t.userId),
  ],
);

export const alertEvents = pgTable(
  'alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    /** What made it unique: the rule and the bar (or snapshot) that triggered it. */
    key: text('key').notNull(),
    message: text('message').notNull(),
    /** The values that triggered it (price, level, probability ...). */
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    /** Time of the data that triggered it (bar open time). */
    at: timestamp('at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alert_events_rule_key_idx').on(t.ruleId, t.key),
    index('alert_events_rule_created_idx').on(t.ruleId, t.createdAt),
  ],
);
