import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

// Meme Radar (modules/memecoins): watched ERC-20 tokens, their transfers and social posts as collected, each
// collector's runs, and risk assessments kept over time so the page can say why a score changed.

export const memeTokens = pgTable('meme_tokens', {
  /** Lower-case contract address. */
  address: text('address').primaryKey(),
  chain: text('chain').notNull().default('ethereum'),
  symbol: text('symbol').notNull(),
  name: text('name'),
  decimals: integer('decimals').notNull().default(18),
  /** Base units; numeric(78) holds any uint256. Null until known (token info, or a history from creation). */
  totalSupply: numeric('total_supply', { precision: 78, scale: 0 }),
  /** The transfers start at the token's creation, so balances and holders are exact. */
  fromCreation: boolean('from_creation').notNull().default(false),
  /** Instrument symbol holding the token's price bars. */
  instrumentSymbol: text('instrument_symbol'),
  /** What the X collector searches for; null = "$SYMBOL". */
  searchQuery: text('search_query'),
  synthetic: boolean('synthetic').notNull().default(false),
  /** Collection cursors: the next Etherscan block to read and the newest post id seen on X. */
  nextBlock: bigint('next_block', { mode: 'number' }),
  xSinceId: text('x_since_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const tokenTransfers = pgTable(
  'token_transfers',
  {
    token: text('token')
      .notNull()
      .references(() => memeTokens.address, { onDelete: 'cascade' }),
    txHash: text('tx_hash').notNull(),
    logIndex: integer('log_index').notNull(),
    block: bigint('block', { mode: 'number' }).notNull(),
    from: text('from_address').notNull(),
    to: text('to_address').notNull(),
    value: numeric('value', { precision: 78, scale: 0 }).notNull(),
    ts: timestamp('ts', { withTimezone: true }),
  },
  // (hash, log index) identifies a log: re-collecting or re-importing a range adds nothing twice.
  (t) => [
    primaryKey({ columns: [t.token, t.txHash, t.logIndex] }),
    index('token_transfers_block_idx').on(t.token, t.block),
  ],
);

export const socialPosts = pgTable(
  'social_posts',
  {
    token: text('token')
      .notNull()
      .references(() => memeTokens.address, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    id: text('id').notNull(),
    author: text('author'),
    text: text('text').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    url: text('url'),
    synthetic: boolean('synthetic').notNull().default(false),
    /** Scored once on arrival by the shipped sentiment model (packages/quant/src/sentiment). */
    label: text('label', { enum: ['positive', 'negative', 'neutral'] }).notNull(),
    score: doublePrecision('score').notNull(),
    collectedAt: timestamp('collected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.token, t.source, t.id] }), index('social_posts_time_idx').on(t.token, t.postedAt)],
);

export const collectorRuns = pgTable(
  'collector_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    collector: text('collector').notNull(),
    /** Null for runs that are not about one token (the listing scraper). */
    token: text('token'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['ok', 'error', 'skipped'] }).notNull(),
    items: integer('items').notNull().default(0),
    /** In words, never a stack trace or a secret. */
    error: text('error'),
    /** { limit, remaining, resetAt } after the run. */
    quota: jsonb('quota').$type<{ limit: number | null; remaining: number | null; resetAt: number | null }>(),
  },
  (t) => [index('collector_runs_recent_idx').on(t.collector, t.finishedAt)],
);

export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    token: text('token')
      .notNull()
      .references(() => memeTokens.address, { onDelete: 'cascade' }),
    /** The time the assessment describes: the newest data it saw (demo history) or when it ran. */
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull(),
    riskScore: integer('risk_score').notNull(),
    trigger: text('trigger', { enum: ['collect', 'import', 'manual', 'demo'] }).notNull(),
    trusted: text('trusted'),
    /** RiskFlag[] heaviest first, as quant's assessToken returns them. */
    flags: jsonb('flags').$type<unknown[]>().notNull(),
    /** RiskMetrics with bigints as decimal strings, plus post and bar counts. */
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('risk_assessments_token_time_idx').on(t.token, t.assessedAt)],
);
