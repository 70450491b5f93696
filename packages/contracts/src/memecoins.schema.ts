import { z } from 'zod';
import { isoDateTime } from './common.schema';

// Meme Radar (/api/v1/memecoins): watched ERC-20 tokens, their transfers and social posts as collected, and
// risk assessments stored over time (score 0-100, flags with evidence, what changed since the previous one).
// Token amounts are decimal strings of base units (they exceed 2^53); shares are fractions (0.25 = 25%).

/** An Ethereum address or transaction hash: 0x + hex, compared lower-case. */
export const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'an address as 0x followed by 40 hex digits')
  .transform((s) => s.toLowerCase());
export const addressParamSchema = z.object({ address: addressSchema });

export const FLAG_CODE_VALUES = [
  'PUMP_PATTERN',
  'WASH_CYCLE',
  'HOLDER_CONCENTRATION',
  'MINT_EVENT',
  'FRESH_WALLET_CLUSTER',
  'WHALE_TRANSFER',
  'TRANSFER_BURST',
  'SENTIMENT_SPIKE',
] as const;
export const flagCodeSchema = z.enum(FLAG_CODE_VALUES);
export const flagLevelSchema = z.enum(['danger', 'warn', 'info']);

export const flagEvidenceSchema = z.object({
  transactions: z.array(z.string()),
  blocks: z.array(z.number()),
  /** Bar or post-bucket times, epoch ms. */
  bars: z.array(z.number()),
  posts: z.array(z.string()),
  addresses: z.array(z.string()),
});

export const riskFlagSchema = z.object({
  code: flagCodeSchema,
  level: flagLevelSchema,
  /** Share of the score this flag adds before combining: the code's weight x 1 (danger), 0.5 (warn), 0 (info). */
  weight: z.number(),
  message: z.string(),
  evidence: flagEvidenceSchema,
  suppressedBy: z.literal('TRUSTED_TOKEN').optional(),
});
export type RiskFlagDto = z.infer<typeof riskFlagSchema>;

export const riskMetricsSchema = z.object({
  transfers: z.number().int(),
  firstBlock: z.number().int().nullable(),
  lastBlock: z.number().int().nullable(),
  /** complete: the transfers start at the token's creation, so supply and holders are known. */
  history: z.enum(['complete', 'partial']),
  supply: z.string().nullable(),
  minted: z.string(),
  burned: z.string(),
  burns: z.number().int(),
  holders: z.number().int().nullable(),
  topShare: z.number().nullable(),
  hhi: z.number().nullable(),
  receivers: z.number().int(),
  peakNewHolders: z.number().int(),
  posts: z.number().int(),
  bars: z.number().int(),
});

export const flagChangeSchema = z.object({
  code: flagCodeSchema,
  change: z.enum(['new', 'cleared', 'raised', 'lowered']),
  from: flagLevelSchema.nullable(),
  to: flagLevelSchema.nullable(),
  message: z.string(),
});

/** What changed since the token's previous assessment (null previous = the first one). */
export const assessmentDiffSchema = z.object({
  previousId: z.uuid().nullable(),
  previousScore: z.number().int().nullable(),
  scoreChange: z.number().int().nullable(),
  changes: z.array(flagChangeSchema),
  /** One sentence: "Score 35 -> 72: new WASH_CYCLE (danger), TRANSFER_BURST cleared." */
  summary: z.string(),
});

export const ASSESSMENT_TRIGGERS = ['collect', 'import', 'manual', 'demo'] as const;

export const assessmentSummarySchema = z.object({
  id: z.uuid(),
  assessedAt: isoDateTime,
  riskScore: z.number().int().min(0).max(100),
  trigger: z.enum(ASSESSMENT_TRIGGERS),
  /** Codes and levels only; the full flags are in the assessment. */
  flags: z.array(z.object({ code: flagCodeSchema, level: flagLevelSchema })),
});
export type AssessmentSummary = z.infer<typeof assessmentSummarySchema>;

export const assessmentSchema = assessmentSummarySchema.extend({
  token: z.string(),
  trusted: z.string().nullable(),
  flags: z.array(riskFlagSchema),
  metrics: riskMetricsSchema,
  diff: assessmentDiffSchema,
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const tokenSchema = z.object({
  address: z.string(),
  chain: z.literal('ethereum'),
  symbol: z.string(),
  name: z.string().nullable(),
  decimals: z.number().int(),
  /** Base units, when known (Etherscan token info, or a history from the creation). */
  totalSupply: z.string().nullable(),
  synthetic: z.boolean(),
  /** Symbol on the trusted list (stablecoins, wrapped ETH), whose flags are informational only. */
  trusted: z.string().nullable(),
  /** The instrument whose bars are the token's price, when there is one. */
  instrumentSymbol: z.string().nullable(),
  /** What the X collector searches for; default "$SYMBOL". */
  searchQuery: z.string().nullable(),
  /** The transfers start at the token's creation (complete history). */
  fromCreation: z.boolean(),
  riskScore: z.number().int().nullable(),
  previousScore: z.number().int().nullable(),
  /** Direction of the last change of score: up means riskier. */
  trend: z.enum(['up', 'down', 'flat']).nullable(),
  lastAssessedAt: isoDateTime.nullable(),
  alarms: z.object({ danger: z.number().int(), warn: z.number().int() }),
  transferCount: z.number().int(),
  postCount: z.number().int(),
  createdAt: isoDateTime,
});
export type MemeToken = z.infer<typeof tokenSchema>;

export const tokenListResponseSchema = z.object({ tokens: z.array(tokenSchema) });

export const tokenDetailResponseSchema = z.object({
  token: tokenSchema,
  latest: assessmentSchema.nullable(),
});

export const tokenCreateSchema = z
  .object({
    address: addressSchema,
    symbol: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,20}$/, 'a symbol of 1-20 letters, digits, dots, dashes or underscores'),
    name: z.string().trim().min(1).max(120).optional(),
    decimals: z.number().int().min(0).max(36).default(18),
    /** Instrument symbol holding the token's price bars (imported or ingested). */
    instrumentSymbol: z.string().trim().min(1).max(40).optional(),
    searchQuery: z.string().trim().min(1).max(512).optional(),
    fromCreation: z.boolean().default(false),
  })
  .strict();
export type TokenCreate = z.infer<typeof tokenCreateSchema>;

export const assessmentListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const assessmentListResponseSchema = z.object({ assessments: z.array(assessmentSummarySchema) });

export const assessmentParamSchema = z.object({ id: z.uuid() });

/** One line of the token page's timeline: price, sentiment, risk score and flags on one time axis (epoch ms). */
export const timelineResponseSchema = z.object({
  price: z.array(z.object({ t: z.number(), close: z.number(), volume: z.number() })),
  /** Hourly post buckets. */
  sentiment: z.array(z.object({ t: z.number(), posts: z.number().int(), meanSentiment: z.number() })),
  risk: z.array(z.object({ t: z.number(), riskScore: z.number().int(), assessmentId: z.uuid() })),
  /** Flags at the time their evidence points to (a bar, post bucket or transaction), else at their assessment. */
  flags: z.array(
    z.object({
      t: z.number(),
      code: flagCodeSchema,
      level: flagLevelSchema,
      message: z.string(),
      assessmentId: z.uuid(),
    }),
  ),
});
export type Timeline = z.infer<typeof timelineResponseSchema>;

export const holdersQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(10) }).strict();
export const holdersResponseSchema = z.object({
  /** complete: balances are exact; partial: only net flows over the collected window are known. */
  history: z.enum(['complete', 'partial']),
  holders: z.number().int().nullable(),
  topShare: z.number().nullable(),
  hhi: z.number().nullable(),
  top: z.array(z.object({ address: z.string(), balance: z.string(), share: z.number().nullable() })),
});

export const SENTIMENT_LABEL_VALUES = ['positive', 'negative', 'neutral'] as const;
export const postSchema = z.object({
  source: z.string(),
  id: z.string(),
  author: z.string().nullable(),
  text: z.string(),
  postedAt: isoDateTime,
  url: z.string().nullable(),
  synthetic: z.boolean(),
  label: z.enum(SENTIMENT_LABEL_VALUES),
  /** -1 (negative) .. 1 (positive). */
  score: z.number(),
});
export type MemePost = z.infer<typeof postSchema>;

export const postsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Posts strictly before this time (keyset paging). */
    before: isoDateTime.optional(),
  })
  .strict();
export const postsResponseSchema = z.object({ posts: z.array(postSchema) });

export const transferSchema = z.object({
  txHash: z.string(),
  logIndex: z.number().int(),
  block: z.number().int(),
  from: z.string(),
  to: z.string(),
  /** Base units as a decimal string. */
  value: z.string(),
  timestamp: isoDateTime.nullable(),
});
export const transfersQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** Transfers strictly before this block (keyset paging, newest first). */
    beforeBlock: z.coerce.number().int().positive().optional(),
  })
  .strict();
export const transfersResponseSchema = z.object({ transfers: z.array(transferSchema) });

/** Result of a CSV / JSONL import of transfers or posts. */
export const memeImportResponseSchema = z.object({
  rows: z.number().int(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  /** Rejected lines with the reason (the first 100; rejectedTotal counts them all). */
  rejected: z.array(z.object({ line: z.number().int(), message: z.string() })),
  rejectedTotal: z.number().int(),
  /** Rows about other tokens (a multi-token file), left out. */
  ignored: z.number().int(),
  /** Id of the assess job queued after the import, when anything new arrived. */
  assessJobId: z.string().nullable(),
});

export const COLLECTOR_NAMES = ['x', 'etherscan', 'prices', 'scrape'] as const;
export const collectorStatusSchema = z.object({
  name: z.enum(COLLECTOR_NAMES),
  /** False when its key or URL is not configured; the reason says which setting. */
  configured: z.boolean(),
  reason: z.string().nullable(),
  lastRunAt: isoDateTime.nullable(),
  lastStatus: z.enum(['ok', 'error', 'skipped']).nullable(),
  /** The last error in words (never a stack trace or a secret). */
  lastError: z.string().nullable(),
  itemsLastRun: z.number().int().nullable(),
  /** Requests left in the provider's current window, from its rate-limit headers or its configured rate. */
  quota: z
    .object({ limit: z.number().nullable(), remaining: z.number().nullable(), resetAt: isoDateTime.nullable() })
    .nullable(),
});
export const collectorsResponseSchema = z.object({ collectors: z.array(collectorStatusSchema) });

export const collectRequestSchema = z
  .object({
    /** One token; default every watched token. */
    address: addressSchema.optional(),
  })
  .strict();
/** 202: the work runs as a job; follow it under /jobs/runs?name=<job>. */
export const memeJobQueuedSchema = z.object({
  status: z.literal('queued'),
  job: z.enum(['memecoins.collect', 'memecoins.assess']),
  jobId: z.string(),
});
