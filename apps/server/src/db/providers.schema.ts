import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// What quota-limited providers (Alpha Vantage: 25 requests a day on a free key) have spent and fetched. Kept in
// the database so the budget survives restarts and is shared by every replica, and so a dataset fetched today
// is never fetched again.

/** Requests spent per provider per budget day (the UTC day unless configured); one row per day. */
export const providerRequestBudget = pgTable(
  'provider_request_budget',
  {
    provider: text('provider').notNull(),
    /** YYYY-MM-DD in the provider's budget time zone. */
    day: text('day').notNull(),
    used: integer('used').notNull().default(0),
    /** Set when the provider answered with its limit message: nothing more is spent that day. */
    exhaustedAt: timestamp('exhausted_at', { withTimezone: true }),
    exhaustedReason: text('exhausted_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.day] })],
);

/** The last fetch of each dataset (daily, overview, earnings ...) per symbol: the cache's freshness record. */
export const providerFetches = pgTable(
  'provider_fetches',
  {
    provider: text('provider').notNull(),
    dataset: text('dataset').notNull(),
    symbol: text('symbol').notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
    /** The budget day it was fetched on: "fetched today" compares this, not a clock difference. */
    fetchedDay: text('fetched_day').notNull(),
    /** ok, empty (the provider knows no such symbol) or error (with the message). */
    status: text('status', { enum: ['ok', 'empty', 'error'] }).notNull(),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.dataset, t.symbol] })],
);

/** Latest company fundamentals per symbol and provider, normalised (fields in contracts' fundamentalsSchema). */
export const fundamentals = pgTable(
  'fundamentals',
  {
    symbol: text('symbol').notNull(),
    provider: text('provider').notNull(),
    data: jsonb('data').$type<Record<string, number | string | null>>().notNull(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.provider] })],
);
