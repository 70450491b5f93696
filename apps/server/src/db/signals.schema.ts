import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { instruments, users } from './schema';

// Signals module (modules/signals): strategies with versions, live deployments with their engine state,
// signals, paper trades and backtests; and the notification outbox signals write into (delivery: issue 10).

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const strategies = pgTable('strategies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** Every edit is a new version; this is the newest. */
  latestVersion: integer('latest_version').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

export const strategyVersions = pgTable(
  'strategy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    strategyId: uuid('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The validated strategy document (contracts strategyDefinitionSchema), defaults filled. */
    definition: jsonb('definition').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('strategy_versions_strategy_version_idx').on(t.strategyId, t.version)],
);

/**
 * A strategy version running live on one series. The engine's state (indicators, position, last bar) is
 * stored with it, so a restart resumes from `lastBarTs` instead of replaying history.
 */
export const strategyDeployments = pgTable(
  'strategy_deployments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    strategyId: uuid('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    enabledBy: uuid('enabled_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Open time of the last bar the engine processed (null: not started). */
    lastBarTs: timestamp('last_bar_ts', { withTimezone: true }),
    /** Snapshot of the StrategyRunner after lastBarTs. */
    state: jsonb('state'),
    /** Equity of the paper account as a multiple of its start (closed trades), and marked at the last close. */
    realisedEquity: doublePrecision('realised_equity').notNull().default(1),
    markedEquity: doublePrecision('marked_equity').notNull().default(1),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('strategy_deployments_series_idx').on(t.strategyId, t.instrumentId, t.timeframe),
    index('strategy_deployments_enabled_idx').on(t.enabled, t.instrumentId, t.timeframe),
  ],
);

export const signals = pgTable(
  'signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id').references(() => strategyDeployments.id, { onDelete: 'set null' }),
    strategyId: uuid('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    /** Open time of the bar whose close produced the signal; the order fills at the next bar's open. */
    barTs: timestamp('bar_ts', { withTimezone: true }).notNull(),
    action: text('action', { enum: ['enter_long', 'exit_long', 'enter_short', 'exit_short'] }).notNull(),
    reason: text('reason').notNull(),
    /** Close of the signal bar. */
    price: doublePrecision('price').notNull(),
    /** The rule that fired, indicator values, gate model version + prediction, regime probabilities. */
    evidence: jsonb('evidence').notNull(),
    /** Milliseconds from the bar's close to this row being written (engine lag). */
    lagMs: integer('lag_ms'),
    createdAt: createdAt(),
  },
  (t) => [
    // Written once: two engine replicas, or a restart mid-batch, can never store the same signal twice.
    uniqueIndex('signals_unique_idx').on(t.strategyId, t.version, t.instrumentId, t.timeframe, t.barTs, t.action),
    index('signals_created_idx').on(t.createdAt, t.id),
    index('signals_strategy_created_idx').on(t.strategyId, t.createdAt),
    index('signals_symbol_created_idx').on(t.symbol, t.createdAt),
  ],
);

/** Closed paper trades of a deployment (dry run); the open one lives in the deployment's state. */
export const paperTrades = pgTable(
  'paper_trades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => strategyDeployments.id, { onDelete: 'cascade' }),
    side: text('side', { enum: ['long', 'short'] }).notNull(),
    entryTs: timestamp('entry_ts', { withTimezone: true }).notNull(),
    entryPrice: doublePrecision('entry_price').notNull(),
    exitTs: timestamp('exit_ts', { withTimezone: true }).notNull(),
    exitPrice: doublePrecision('exit_price').notNull(),
    returnPct: doublePrecision('return_pct').notNull(),
    exitReason: text('exit_reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('paper_trades_unique_idx').on(t.deploymentId, t.entryTs, t.exitTs)],
);

export const backtests = pgTable(
  'backtests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    strategyId: uuid('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    instrumentId: integer('instrument_id').references(() => instruments.id, { onDelete: 'set null' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    fromTs: timestamp('from_ts', { withTimezone: true }),
    toTs: timestamp('to_ts', { withTimezone: true }),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] })
      .notNull()
      .default('queued'),
    /** 0..1 while running. */
    progress: doublePrecision('progress').notNull().default(0),
    /** Metrics, trades, equity curve, per-regime breakdown, look-ahead report. */
    result: jsonb('result'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('backtests_strategy_created_idx').on(t.strategyId, t.createdAt)],
);

/**
 * Notifications to deliver, written in the same transaction as the event that caused them, once each
 * (unique idempotency key). Delivery, retries and dead letters are the dispatcher's (issue 10).
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').notNull(),
    /** pending: not yet routed to subscribers; routed: its deliveries exist (notify.schema.ts); dead: unroutable. */
    status: text('status', { enum: ['pending', 'routed', 'sent', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.status, t.availableAt)],
);
