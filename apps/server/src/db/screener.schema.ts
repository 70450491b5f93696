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
import { users } from './schema';

// Screener (modules/screener): universes built from a listing file plus rules, dated snapshots of every member's
// screen metrics, saved screens and watchlists.

export const universes = pgTable('universes', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** The listing file it was built from (its name), or "synthetic" for the demo universe. */
  source: text('source').notNull(),
  /** Membership rules (market cap range, minimum price, ETFs excluded ...), as in contracts' universeRulesSchema. */
  rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
  /** Benchmark symbol for relative strength (rs3m); null uses the configured default (IWM when present). */
  benchmark: text('benchmark'),
  synthetic: boolean('synthetic').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every row of the listing, with whether the rules admit it (rejected rows are kept so the page can say why). */
export const universeListings = pgTable(
  'universe_listings',
  {
    universeId: uuid('universe_id')
      .notNull()
      .references(() => universes.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    name: text('name'),
    sector: text('sector'),
    industry: text('industry'),
    exchange: text('exchange'),
    marketCap: doublePrecision('market_cap'),
    lastSale: doublePrecision('last_sale'),
    ipoYear: integer('ipo_year'),
    isEtf: boolean('is_etf').notNull().default(false),
    /** True when the universe's rules admit the row; excludedBy names the first rule that did not. */
    included: boolean('included').notNull(),
    excludedBy: text('excluded_by'),
  },
  (t) => [primaryKey({ columns: [t.universeId, t.symbol] })],
);

export const universeSnapshots = pgTable(
  'universe_snapshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    universeId: uuid('universe_id')
      .notNull()
      .references(() => universes.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD: metrics use each symbol's bars up to and including this date. */
    asOf: text('as_of').notNull(),
    memberCount: integer('member_count').notNull(),
    benchmark: text('benchmark'),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('universe_snapshots_universe_as_of_idx').on(t.universeId, t.asOf)],
);

/** One member of one snapshot: its descriptive fields and every metric (null where history is too short). */
export const universeSnapshotRows = pgTable(
  'universe_snapshot_rows',
  {
    snapshotId: bigint('snapshot_id', { mode: 'number' })
      .notNull()
      .references(() => universeSnapshots.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    name: text('name'),
    sector: text('sector'),
    industry: text('industry'),
    exchange: text('exchange'),
    marketCap: doublePrecision('market_cap'),
    /** Metric name -> value (numbers, null when not computable; regime as text). */
    metrics: jsonb('metrics').$type<Record<string, number | string | null>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.symbol] })],
);

export const savedScreens = pgTable(
  'saved_screens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    universeId: uuid('universe_id').references(() => universes.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    filter: text('filter').notNull(),
    /** A metric, "-" first for descending (e.g. -ret3m). */
    sort: text('sort'),
    view: text('view').notNull().default('overview'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_screens_user_name_idx').on(t.userId, t.name)],
);

export const watchlists = pgTable(
  'watchlists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('watchlists_user_name_idx').on(t.userId, t.name)],
);

export const watchlistSymbols = pgTable(
  'watchlist_symbols',
  {
    watchlistId: uuid('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    symbol: text('symbol').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.watchlistId, t.symbol] }), index('watchlist_symbols_symbol_idx').on(t.symbol)],
);
