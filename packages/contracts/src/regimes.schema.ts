import { z } from 'zod';
import { isoDateTime, timeframeSchema } from './common.schema';
import { symbolSchema } from './market-data.schema';

/**
 * Features computed from bars with no look-ahead (row t uses data up to t only):
 * logret = ln c_t - ln c_{t-1}; absret = |logret|; volN = sample sd (ddof 1) of the last N log returns;
 * range = ln(high/low); volzN = z-score of volume against the previous N bars.
 */
export const REGIME_FEATURES = ['logret', 'absret', 'vol5', 'vol10', 'vol20', 'vol60', 'range', 'volz20'] as const;
export const regimeFeatureSchema = z.enum(REGIME_FEATURES);
export type RegimeFeature = z.infer<typeof regimeFeatureSchema>;

export const covarianceTypeSchema = z.enum(['full', 'diag', 'spherical', 'tied']);
export const MIN_STATES = 2;
export const MAX_STATES = 8;
export const statesSchema = z.union([z.literal('auto'), z.number().int().min(MIN_STATES).max(MAX_STATES)]);

/** Fit options shared by the JSON request, the upload request (as query strings) and the CLI. */
export const regimeFitOptionsSchema = z.object({
  features: z.array(regimeFeatureSchema).min(1).max(6).default(['logret', 'vol20']),
  // 3, not "auto": with slow features such as vol20, BIC keeps rewarding extra states (docs/regimes.md).
  states: statesSchema.default(3),
  covarianceType: covarianceTypeSchema.default('diag'),
  restarts: z.number().int().min(1).max(50).default(5),
  seed: z.number().int().min(0).default(0),
  maxIter: z.number().int().min(1).max(5000).default(200),
  tol: z.number().default(1e-4),
  /** Refit on a schedule and update `current` as bars arrive. */
  tracked: z.boolean().default(false),
});
export type RegimeFitOptions = z.infer<typeof regimeFitOptionsSchema>;

export const createRegimeFitRequestSchema = regimeFitOptionsSchema.extend({
  symbol: symbolSchema,
  timeframe: timeframeSchema.default('1d'),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});
export type CreateRegimeFitRequest = z.infer<typeof createRegimeFitRequestSchema>;

export const regimeStateSchema = z.object({
  index: z.number().int(),
  /** Canonical name from mean return and volatility, e.g. "bull / low vol". */
  name: z.string(),
  /** Mean of the first feature (log return per bar when it is logret), and its annualised value. */
  meanReturn: z.number().nullable(),
  meanReturnAnnualised: z.number().nullable(),
  /** Standard deviation of log returns per bar inside the state, and annualised. */
  volatility: z.number().nullable(),
  volatilityAnnualised: z.number().nullable(),
  /** Expected duration in bars: 1 / (1 - A[k,k]). */
  expectedDuration: z.number(),
  /** Average length of the state's runs in the Viterbi path, in bars. */
  averageRunLength: z.number(),
  /** Share of time in the state along the Viterbi path. */
  share: z.number(),
  stationary: z.number(),
  /** Feature means of the state, in the order of the fit's features (unstandardised). */
  featureMeans: z.array(z.number()),
});
export type RegimeState = z.infer<typeof regimeStateSchema>;

export const bicByKSchema = z.array(
  z.object({ states: z.number().int(), logLikelihood: z.number(), aic: z.number(), bic: z.number() }),
);

export const regimeFitSummarySchema = z.object({
  logLikelihood: z.number(),
  aic: z.number(),
  bic: z.number(),
  nStates: z.number().int(),
  nObservations: z.number().int(),
  nIter: z.number().int(),
  converged: z.boolean(),
  fitSeconds: z.number(),
  states: z.array(regimeStateSchema),
  transmat: z.array(z.array(z.number())),
  /** Present when states was "auto": the candidates that were compared. */
  bicByK: bicByKSchema.nullable(),
  /** Latest filtered probabilities P(state | data up to ts). */
  current: z.object({ ts: isoDateTime, probs: z.array(z.number()) }),
});
export type RegimeFitSummary = z.infer<typeof regimeFitSummarySchema>;

export const regimeFitStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const regimeFitSchema = z.object({
  id: z.uuid(),
  symbol: z.string(),
  timeframe: timeframeSchema,
  /** csv when fitted from an upload (symbol then names the file's series). */
  source: z.enum(['bars', 'csv']),
  synthetic: z.boolean(),
  status: regimeFitStatusSchema,
  /** 0..1 while running. */
  progress: z.number(),
  error: z.string().nullable(),
  options: regimeFitOptionsSchema,
  from: isoDateTime.nullable(),
  to: isoDateTime.nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  result: regimeFitSummarySchema.nullable(),
});
export type RegimeFit = z.infer<typeof regimeFitSchema>;
export const regimeFitListSchema = z.object({ fits: z.array(regimeFitSchema) });
export const regimeFitListQuerySchema = z.object({
  symbol: symbolSchema.optional(),
  limit: z.coerce.number().int().positive().max(200).default(50),
});

/** Series for charts: aligned arrays, downsampled to at most maxPoints rows (every n-th row, last kept). */
export const regimeSeriesQuerySchema = z.object({
  maxPoints: z.coerce.number().int().min(10).max(100_000).default(2000),
});
export const regimeSeriesSchema = z.object({
  fitId: z.uuid(),
  /** Rows in the fit before downsampling. */
  totalRows: z.number().int(),
  dates: z.array(isoDateTime),
  close: z.array(z.number()),
  /** Viterbi state per row. */
  path: z.array(z.number().int()),
  /** Posterior (smoothed) probabilities per row, one entry per state. */
  probs: z.array(z.array(z.number())),
});
export type RegimeSeries = z.infer<typeof regimeSeriesSchema>;

export const currentRegimeSchema = z.object({
  symbol: z.string(),
  fitId: z.uuid(),
  ts: isoDateTime,
  states: z.array(z.object({ index: z.number().int(), name: z.string(), prob: z.number() })),
});
export type CurrentRegime = z.infer<typeof currentRegimeSchema>;

/** Query string of POST /regimes/fits/upload (multipart CSV): options as strings. */
export const regimeUploadQuerySchema = z.object({
  symbol: symbolSchema.default('UPLOAD'),
  column: z.string().min(1).max(64).default('close'),
  features: z
    .string()
    .default('logret,vol20')
    .transform((s) => s.split(',').map((f) => f.trim()))
    .pipe(z.array(regimeFeatureSchema).min(1).max(6)),
  states: z
    .string()
    .default('3')
    .transform((s) => (s === 'auto' ? ('auto' as const) : Number(s)))
    .pipe(statesSchema),
  covarianceType: covarianceTypeSchema.default('diag'),
  restarts: z.coerce.number().int().min(1).max(50).default(5),
  seed: z.coerce.number().int().min(0).default(0),
});
