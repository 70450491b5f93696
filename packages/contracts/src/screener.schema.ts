import { z } from 'zod';
import { isoDateTime } from './common.schema';
import { symbolSchema } from './market-data.schema';

// Screener (/api/v1/screener): universes built from a listing file plus rules, dated snapshots of every
// member's screen metrics, screens (filter + sort + page) over a snapshot, diffs between two snapshots, saved
// screens and watchlists (each user's own). Metric values are fractions (0.05 = 5%), null when not computable.

/** YYYY-MM-DD (a trading date, UTC). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** Which listing rows a universe admits. Defaults: market cap $300M-$2B, price >= $1, no ETFs. */
export const universeRulesSchema = z
  .object({
    minMarketCap: z.number().nonnegative().nullable().default(3e8),
    maxMarketCap: z.number().positive().nullable().default(2e9),
    minPrice: z.number().nonnegative().nullable().default(1),
    excludeEtfs: z.boolean().default(true),
  })
  .strict()
  .refine((r) => r.minMarketCap === null || r.maxMarketCap === null || r.minMarketCap <= r.maxMarketCap, {
    message: 'minMarketCap must not exceed maxMarketCap',
  });
export type UniverseRules = z.infer<typeof universeRulesSchema>;

/** Why a listing row is not a member (the first rule it fails). */
export const EXCLUSION_REASONS = [
  'etf',
  'market_cap_unknown',
  'market_cap_below',
  'market_cap_above',
  'price_unknown',
  'price_below',
] as const;
export const exclusionReasonSchema = z.enum(EXCLUSION_REASONS);
export type ExclusionReason = z.infer<typeof exclusionReasonSchema>;

const optionalNumber = z.coerce.number().nonnegative().optional();
const optionalBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** POST /screener/universes (multipart, field `file`): the rules come in the query string. */
export const universeImportQuerySchema = z
  .object({
    /** Default: the file's name without its extension. Importing under an existing name replaces its listing. */
    name: z.string().trim().min(1).max(120).optional(),
    minMarketCap: optionalNumber,
    maxMarketCap: optionalNumber,
    minPrice: optionalNumber,
    excludeEtfs: optionalBoolean.optional(),
    /** Relative-strength benchmark (rs3m); default IWM when it has bars. */
    benchmark: symbolSchema.optional(),
  })
  .strict();
export type UniverseImportQuery = z.infer<typeof universeImportQuerySchema>;

export const listingRowSchema = z.object({
  symbol: z.string(),
  name: z.string().nullable(),
  sector: z.string().nullable(),
  industry: z.string().nullable(),
  exchange: z.string().nullable(),
  marketCap: z.number().nullable(),
  lastSale: z.number().nullable(),
  ipoYear: z.number().int().nullable(),
  isEtf: z.boolean(),
  included: z.boolean(),
  excludedBy: exclusionReasonSchema.nullable(),
  /** The rule in words: "market cap 2.5e9 above the maximum 2e9". Null for members. */
  reason: z.string().nullable(),
});
export type ListingRow = z.infer<typeof listingRowSchema>;

export const snapshotSummarySchema = z.object({
  id: z.number().int(),
  universeId: z.uuid(),
  asOf: isoDateSchema,
  memberCount: z.number().int(),
  benchmark: z.string().nullable(),
  builtAt: isoDateTime,
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

export const universeSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  source: z.string(),
  rules: universeRulesSchema,
  benchmark: z.string().nullable(),
  /** The demo universe: generated data, never a market. */
  synthetic: z.boolean(),
  listed: z.number().int(),
  members: z.number().int(),
  rejected: z.number().int(),
  latestSnapshot: snapshotSummarySchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type UniverseSummary = z.infer<typeof universeSummarySchema>;
export const universeListSchema = z.object({ universes: z.array(universeSummarySchema) });

/** A line of the listing file that could not be read at all (no symbol, bad quoting ...). */
export const listingProblemSchema = z.object({ line: z.number().int(), reason: z.string() });

export const universeDetailSchema = universeSummarySchema.extend({
  /** Members: rows the rules admit. */
  listing: z.array(listingRowSchema),
  /** Rows the rules left out, each with the rule that did. */
  rejectedRows: z.array(listingRowSchema),
});
export type UniverseDetail = z.infer<typeof universeDetailSchema>;

export const universeImportResultSchema = z.object({
  universe: universeSummarySchema,
  /** The listing layout recognised: nasdaq-companylist or nasdaq-listed. */
  layout: z.string(),
  rows: z.number().int(),
  problems: z.array(listingProblemSchema),
});
export type UniverseImportResult = z.infer<typeof universeImportResultSchema>;

export const universeIdParamSchema = z.object({ universeId: z.uuid() });
export const universeDateParamSchema = z.object({ universeId: z.uuid(), asOf: isoDateSchema });

export const snapshotListSchema = z.object({ snapshots: z.array(snapshotSummarySchema) });

/** A value of a screen field: a number, a text (symbol, sector, regime ...) or null. */
export const screenValueSchema = z.union([z.number(), z.string(), z.null()]);
export const snapshotRowSchema = z.object({
  symbol: z.string(),
  name: z.string().nullable(),
  sector: z.string().nullable(),
  industry: z.string().nullable(),
  exchange: z.string().nullable(),
  marketCap: z.number().nullable(),
  metrics: z.record(z.string(), screenValueSchema),
});
export const snapshotDetailSchema = snapshotSummarySchema.extend({ rows: z.array(snapshotRowSchema) });

export const SCREEN_VIEW_NAMES = ['overview', 'performance', 'technical', 'fundamental'] as const;
export const screenViewSchema = z.enum(SCREEN_VIEW_NAMES);

/** Run a screen: filter (the screen language), sort ("-ret3m" = descending), page, and the columns to return. */
export const screenQuerySchema = z
  .object({
    /** Default: the universe with the most recently built snapshot. */
    universeId: z.uuid().optional(),
    /** Default: the universe's latest snapshot. */
    asOf: isoDateSchema.optional(),
    filter: z.string().max(4000).default(''),
    sort: z.string().max(64).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(100),
    view: screenViewSchema.default('overview'),
    /** Columns to return instead of the view's (symbol always comes first). */
    fields: z.array(z.string().min(1).max(64)).max(100).optional(),
  })
  .strict();
export type ScreenQuery = z.infer<typeof screenQuerySchema>;

export const screenResultSchema = z.object({
  universeId: z.uuid(),
  asOf: isoDateSchema,
  filter: z.string(),
  sort: z.string().nullable(),
  /** Rows that pass the filter (all pages). */
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  fields: z.array(z.string()),
  rows: z.array(z.record(z.string(), screenValueSchema)),
  /** Server time spent screening (ms), without the database lookup of the snapshot. */
  tookMs: z.number(),
});
export type ScreenResult = z.infer<typeof screenResultSchema>;

/** `details` of a 400 INVALID_SCREEN_FILTER / INVALID_SCREEN_SORT: where the text went wrong. */
export const screenFilterErrorDetailsSchema = z.object({
  /** 0-based character offset into the text. */
  position: z.number().int(),
  expected: z.string(),
  /** What was there instead: `"and"`, `the end of the filter`. */
  found: z.string(),
  /** The field name meant, for a misspelt one. */
  suggestion: z.string().optional(),
  text: z.string(),
});

/** GET /screener/export: the whole result in sort order, as CSV. */
export const screenExportQuerySchema = z
  .object({
    universeId: z.uuid().optional(),
    asOf: isoDateSchema.optional(),
    filter: z.string().max(4000).default(''),
    sort: z.string().max(64).optional(),
    view: screenViewSchema.default('overview'),
    /** Comma-separated columns instead of the view's. */
    fields: z.string().max(4000).optional(),
  })
  .strict();

export const screenFieldSchema = z.object({
  name: z.string(),
  type: z.enum(['number', 'text']),
  label: z.string(),
  unit: z.string().optional(),
  description: z.string(),
});
export const screenPresetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  filter: z.string(),
  sort: z.string(),
  view: z.string(),
});
export const screenCatalogSchema = z.object({
  fields: z.array(screenFieldSchema),
  views: z.record(z.string(), z.array(z.string())),
  presets: z.array(screenPresetSchema),
  /** Weights of the composite score (`score`), shown next to it. */
  compositeWeights: z.record(z.string(), z.number()),
});

export const savedScreenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  universeId: z.uuid().nullable(),
  filter: z.string(),
  sort: z.string().nullable(),
  view: screenViewSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type SavedScreen = z.infer<typeof savedScreenSchema>;
export const savedScreenListSchema = z.object({ screens: z.array(savedScreenSchema) });
export const createSavedScreenSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    universeId: z.uuid().nullable().default(null),
    filter: z.string().max(4000).default(''),
    sort: z.string().max(64).nullable().default(null),
    view: screenViewSchema.default('overview'),
  })
  .strict();
export const updateSavedScreenSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    universeId: z.uuid().nullable().optional(),
    filter: z.string().max(4000).optional(),
    sort: z.string().max(64).nullable().optional(),
    view: screenViewSchema.optional(),
  })
  .strict();

export const watchlistSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  symbols: z.array(z.object({ symbol: z.string(), addedAt: isoDateTime })),
  createdAt: isoDateTime,
});
export type Watchlist = z.infer<typeof watchlistSchema>;
export const watchlistListSchema = z.object({ watchlists: z.array(watchlistSchema) });
export const createWatchlistSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    symbols: z.array(symbolSchema).max(1000).default([]),
  })
  .strict();
export const renameWatchlistSchema = z.object({ name: z.string().trim().min(1).max(120) }).strict();
export const watchlistSymbolsSchema = z.object({ symbols: z.array(symbolSchema).min(1).max(1000) }).strict();
export const watchlistSymbolParamSchema = z.object({ id: z.uuid(), symbol: symbolSchema });

/** Diff of two snapshots under one screen: who entered, who left, who moved most in rank. */
export const screenDiffQuerySchema = z
  .object({
    universeId: z.uuid().optional(),
    /** Default: the snapshot before `to`. */
    from: isoDateSchema.optional(),
    /** Default: the latest snapshot. */
    to: isoDateSchema.optional(),
    /** A saved screen (yours) gives filter, sort and universe; otherwise filter and sort below. */
    screenId: z.uuid().optional(),
    filter: z.string().max(4000).optional(),
    sort: z.string().max(64).optional(),
    movers: z.coerce.number().int().min(0).max(500).default(20),
  })
  .strict();
export const diffMemberSchema = z.object({
  symbol: z.string(),
  name: z.string().nullable(),
  sector: z.string().nullable(),
  /** 1-based rank under the screen's sort in the snapshot it belongs to. */
  rank: z.number().int(),
});
export const diffMoverSchema = z.object({
  symbol: z.string(),
  name: z.string().nullable(),
  fromRank: z.number().int(),
  toRank: z.number().int(),
  /** fromRank - toRank: positive = moved up. */
  change: z.number().int(),
});
export const screenDiffSchema = z.object({
  universeId: z.uuid(),
  from: isoDateSchema,
  to: isoDateSchema,
  filter: z.string(),
  sort: z.string(),
  screenId: z.uuid().nullable(),
  fromTotal: z.number().int(),
  toTotal: z.number().int(),
  entered: z.array(diffMemberSchema),
  left: z.array(diffMemberSchema),
  movers: z.array(diffMoverSchema),
});
export type ScreenDiff = z.infer<typeof screenDiffSchema>;

/** The stock drawer: a symbol's metrics in each snapshot, and where its bars are. */
export const symbolHistoryQuerySchema = z
  .object({
    universeId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(260),
  })
  .strict();
export const symbolHistorySchema = z.object({
  symbol: z.string(),
  universeId: z.uuid(),
  name: z.string().nullable(),
  sector: z.string().nullable(),
  industry: z.string().nullable(),
  /** Oldest first. */
  points: z.array(z.object({ asOf: isoDateSchema, metrics: z.record(z.string(), screenValueSchema) })),
  /** GET this for the price chart (instruments API); null when no bars are stored for the symbol. */
  barsUrl: z.string().nullable(),
});

/** Rebuild snapshots for past dates from stored bars (job screener.rebuild). */
export const snapshotRebuildRequestSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    /** Every trading day, or the last trading day of each week. */
    every: z.enum(['day', 'week']).default('week'),
    /** Replace snapshots that exist for those dates (default: keep them). */
    replace: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] });
export const snapshotRebuildAcceptedSchema = z.object({
  jobId: z.string(),
  universeId: z.uuid(),
  from: isoDateSchema,
  to: isoDateSchema,
  every: z.enum(['day', 'week']),
});
export const snapshotTakeRequestSchema = z
  .object({ asOf: isoDateSchema.optional(), replace: z.boolean().default(false) })
  .strict();
export const rebuildProgressSchema = z.object({
  universeId: z.uuid(),
  state: z.enum(['idle', 'running', 'succeeded', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  built: z.number().int(),
  skipped: z.number().int(),
  error: z.string().nullable(),
  updatedAt: isoDateTime.nullable(),
});

/** GET /screener/quota: the Alpha Vantage request budget of today. */
export const quotaStatusSchema = z.object({
  provider: z.string(),
  /** The budget day (YYYY-MM-DD) in the configured time zone. */
  day: isoDateSchema,
  used: z.number().int(),
  quota: z.number().int(),
  remaining: z.number().int(),
  /** Alpha Vantage's limit answer when it ended the day early; null otherwise. */
  exhaustedReason: z.string().nullable(),
  /** False without an API key: prices come from Yahoo, nothing is spent. */
  configured: z.boolean(),
});
