import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// One schema for PGlite and PostgreSQL; migrations in apps/server/drizzle are generated from it
// (npm run db:generate -w apps/server) and run unchanged on both.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'analyst', 'viewer'] }).notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** First characters of the key, shown in lists so a user can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the full key: keys are long random strings, so a fast hash is enough and lookups stay O(1). */
    keyHash: text('key_hash').notNull().unique(),
    /** Highest role the key acts as; never above its owner's role. */
    role: text('role', { enum: ['admin', 'analyst', 'viewer'] }).notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    /** Tokens rotated from one login share a family; reuse of a rotated token revokes the whole family. */
    familyId: uuid('family_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    replacedBy: uuid('replaced_by'),
  },
  (t) => [index('refresh_tokens_user_idx').on(t.userId), index('refresh_tokens_family_idx').on(t.familyId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    /** e.g. auth.login, auth.login_failed, users.create, apikeys.revoke */
    action: text('action').notNull(),
    target: text('target'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action, t.at)],
);

export const instruments = pgTable('instruments', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  symbol: text('symbol').notNull().unique(),
  name: text('name'),
  kind: text('kind', { enum: ['equity', 'index', 'crypto', 'token', 'etf', 'fx', 'other'] })
    .notNull()
    .default('other'),
  currency: text('currency'),
  exchange: text('exchange'),
  sector: text('sector'),
  marketCap: doublePrecision('market_cap'),
  chain: text('chain'),
  contract: text('contract'),
  /** Where the bars come from: csv, yahoo, synthetic ... Synthetic data is labelled as such everywhere. */
  source: text('source').notNull().default('csv'),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: createdAt(),
});

export const bars = pgTable(
  'bars',
  {
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    ts: timestamp('ts', { withTimezone: true }).notNull(),
    open: doublePrecision('open').notNull(),
    high: doublePrecision('high').notNull(),
    low: doublePrecision('low').notNull(),
    close: doublePrecision('close').notNull(),
    volume: doublePrecision('volume').notNull(),
  },
  // The primary key doubles as the range-read index: WHERE instrument_id = ? AND timeframe = ? AND ts BETWEEN ...
  (t) => [primaryKey({ columns: [t.instrumentId, t.timeframe, t.ts] })],
);

export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** As requested, kept even when a failed import left no instrument behind. */
    symbol: text('symbol').notNull(),
    instrumentId: integer('instrument_id').references(() => instruments.id, { onDelete: 'cascade' }),
    timeframe: text('timeframe').notNull(),
    status: text('status', { enum: ['succeeded', 'failed'] }).notNull(),
    rows: integer('rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: jsonb('rejected').$type<{ line: number; reason: string }[]>().notNull().default([]),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('uploads_created_idx').on(t.createdAt)],
);

export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Same key, same work: a handler that sees a succeeded run with its key does nothing. */
    idempotencyKey: text('idempotency_key'),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    attempt: integer('attempt').notNull().default(1),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    result: jsonb('result').$type<unknown>(),
    error: text('error'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('job_runs_name_queued_idx').on(t.name, t.queuedAt),
    uniqueIndex('job_runs_succeeded_key_idx')
      .on(t.name, t.idempotencyKey)
      .where(sql`status = 'succeeded' and idempotency_key is not null`),
  ],
);

export const featureFlags = pgTable('feature_flags', {
  key: text('key').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  description: text('description'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Columnar rows of a fit, aligned by feature row (epoch-ms dates; probs row-major, nStates per row). */
export interface RegimeSeriesColumns {
  nStates: number;
  dates: number[];
  close: number[];
  path: number[];
  probs: number[];
}

/** OHLCV columns of an uploaded CSV, kept only while its fit waits for a job (cleared when it finishes). */
export interface RegimeInputColumns {
  ts: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

export const regimeFits = pgTable(
  'regime_fits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for fits of an uploaded CSV; a deleted instrument takes its fits with it. */
    instrumentId: integer('instrument_id').references(() => instruments.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    source: text('source', { enum: ['bars', 'csv'] }).notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    progress: doublePrecision('progress').notNull().default(0),
    error: text('error'),
    /** The request's fit options (regimeFitOptionsSchema), stored whole so a refit repeats them. */
    options: jsonb('options').$type<Record<string, unknown>>().notNull(),
    fromTs: timestamp('from_ts', { withTimezone: true }),
    toTs: timestamp('to_ts', { withTimezone: true }),
    tracked: boolean('tracked').notNull().default(false),
    /** Versioned model JSON (toModelJson): parameters, standardiser, features. */
    model: jsonb('model').$type<unknown>(),
    /** regimeFitSummarySchema. */
    summary: jsonb('summary').$type<unknown>(),
    series: jsonb('series').$type<RegimeSeriesColumns>(),
    input: jsonb('input').$type<RegimeInputColumns>(),
    /** Latest filtered probabilities (ts epoch ms), moved forward by online filtering as bars arrive;
     * firstBarTs is where the filter replays from. */
    current: jsonb('current').$type<{ ts: number; probs: number[]; firstBarTs?: number }>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('regime_fits_created_idx').on(t.createdAt),
    index('regime_fits_symbol_created_idx').on(t.symbol, t.createdAt),
    index('regime_fits_tracked_idx')
      .on(t.instrumentId, t.timeframe)
      .where(sql`tracked and status = 'succeeded'`),
  ],
);

// --- Experiment tracking and model registry (modules/registry) ---------------------------------------------

/** Where a run's data came from: code version and a fingerprint of the dataset it was trained on. */
export interface RunSource {
  codeVersion: string;
  dataset?: { symbol?: string; timeframe?: string; from?: string; to?: string; rows: number; sha256: string };
}

export const experiments = pgTable('experiments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
});

export const runs = pgTable(
  'runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    experimentId: uuid('experiment_id')
      .notNull()
      .references(() => experiments.id, { onDelete: 'cascade' }),
    name: text('name'),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    source: jsonb('source').$type<RunSource>().notNull(),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    error: text('error'),
  },
  (t) => [index('runs_experiment_started_idx').on(t.experimentId, t.startedAt)],
);

export const runParams = pgTable(
  'run_params',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.key] })],
);

export const runMetrics = pgTable(
  'run_metrics',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    step: integer('step').notNull(),
    value: doublePrecision('value').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The primary key (run, key, step) is also the series read: WHERE run_id = ? AND key = ? ORDER BY step.
  (t) => [primaryKey({ columns: [t.runId, t.key, t.step] })],
);

export const artifacts = pgTable(
  'artifacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uri: text('uri').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('artifacts_run_name_idx').on(t.runId, t.name)],
);

export const registeredModels = pgTable('registered_models', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  description: text('description'),
  createdAt: createdAt(),
});

export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    // A registered version pins its run: deleting the run must not leave a version pointing nowhere.
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'restrict' }),
    artifactName: text('artifact_name').notNull(),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    description: text('description'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    archivedBy: uuid('archived_by').references(() => users.id, { onDelete: 'set null' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archiveReason: text('archive_reason'),
  },
  (t) => [
    uniqueIndex('model_versions_model_version_idx').on(t.modelId, t.version),
    index('model_versions_run_idx').on(t.runId),
  ],
);

export const modelAliases = pgTable(
  'model_aliases',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    version: integer('version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.alias] })],
);

export const modelAliasHistory = pgTable(
  'model_alias_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => registeredModels.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    /** Null when the alias was first set; toVersion null when it was removed. */
    fromVersion: integer('from_version'),
    toVersion: integer('to_version'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('model_alias_history_model_at_idx').on(t.modelId, t.at)],
);

// --- Forecasts (modules/forecasts) ------------------------------------------------------------------------

/**
 * One stored forecast of the serving model, made when a new bar arrived; `realised` is joined in when the
 * bar `horizon` bars later arrives, which is what rolling accuracy is computed from.
 */
export const predictions = pgTable(
  'predictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instrumentId: integer('instrument_id')
      .notNull()
      .references(() => instruments.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    timeframe: text('timeframe').notNull(),
    horizon: integer('horizon').notNull(),
    /** Registered model name and version that made the forecast. */
    model: text('model').notNull(),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['regression', 'direction'] }).notNull(),
    /** Open time of the bar the forecast was made from. */
    asOf: timestamp('as_of', { withTimezone: true }).notNull(),
    basePrice: doublePrecision('base_price').notNull(),
    /** Log return (regression) or P(up) (direction). */
    forecast: doublePrecision('forecast').notNull(),
    /** Interval bounds as log returns (regression only). */
    lower: doublePrecision('lower'),
    upper: doublePrecision('upper'),
    realised: doublePrecision('realised'),
    realisedAt: timestamp('realised_at', { withTimezone: true }),
    hit: boolean('hit'),
    createdAt: createdAt(),
  },
  (t) => [
    // One forecast per model version, series and bar: the predict job is idempotent.
    uniqueIndex('predictions_unique_idx').on(t.instrumentId, t.timeframe, t.horizon, t.model, t.version, t.asOf),
    index('predictions_series_as_of_idx').on(t.instrumentId, t.horizon, t.asOf),
  ],
);

export * from './signals.schema';
export * from './notify.schema';
export * from './alerts.schema';
export * from './providers.schema';
export * from './screener.schema';
export * from './memecoins.schema';
