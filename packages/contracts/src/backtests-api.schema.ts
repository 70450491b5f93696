import { z } from 'zod';
import { isoDateTime, timeframeSchema } from './common.schema';
import { symbolSchema } from './market-data.schema';

// The backtests API (/api/v1/backtests): a backtest is a job (`signals.backtest`) over stored bars with the
// engine live signals use. Amounts are fractions (0.05 = 5%); times are ISO-8601 UTC bar open times.

export const MAX_LOOK_AHEAD_CUTS = 20;
/** The equity curve is downsampled to at most this many points (see backtestEquityCurveSchema). */
export const MAX_EQUITY_POINTS = 2000;

export const createBacktestRequestSchema = z.object({
  strategyId: z.uuid(),
  /** Default: the latest version. */
  version: z.number().int().min(1).optional(),
  symbol: symbolSchema,
  /** Timeframe of the stored bars to read; default the strategy's. */
  timeframe: timeframeSchema.optional(),
  /** Range of bar open times: from inclusive, to exclusive; default every stored bar. */
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  /** Cut points of the look-ahead check (0 skips it). */
  lookAheadCuts: z.number().int().min(0).max(MAX_LOOK_AHEAD_CUTS).default(5),
});
export type CreateBacktestRequest = z.infer<typeof createBacktestRequestSchema>;

export const backtestTradeSchema = z.object({
  side: z.enum(['long', 'short']),
  /** The bar whose close signalled the entry (the per-regime breakdown reads the regime there). */
  signalTime: isoDateTime,
  /** Open time of the bar whose open filled the entry. */
  entryTime: isoDateTime,
  /** Fill price, slippage included. */
  entryPrice: z.number(),
  exitTime: isoDateTime,
  exitPrice: z.number(),
  /** exit*(1 - fee) / (entry*(1 + fee)) - 1 for longs (docs/signals.md). */
  returnPct: z.number(),
  exitReason: z.enum(['exit', 'stop_loss', 'take_profit', 'trailing_stop', 'max_bars', 'end']),
  /** Bar closes the position was open at. */
  bars: z.number().int(),
});
export type BacktestTrade = z.infer<typeof backtestTradeSchema>;

/** The largest fall of equity from a peak. Index -1 is the starting equity before the first bar. */
export const backtestDrawdownSchema = z.object({
  value: z.number(),
  peakIndex: z.number().int(),
  troughIndex: z.number().int(),
  recoveryIndex: z.number().int().nullable(),
  durationBars: z.number().int(),
  /** Times of those bars (the first bar's for index -1); null when there was no drawdown or no recovery. */
  peakTime: isoDateTime.nullable(),
  troughTime: isoDateTime.nullable(),
  recoveryTime: isoDateTime.nullable(),
});

/** Every figure of quant's BacktestMetrics; null where a figure does not apply (no trades, no losses ...). */
export const backtestMetricsSchema = z.object({
  totalReturn: z.number(),
  cagr: z.number().nullable(),
  volatility: z.number().nullable(),
  sharpe: z.number().nullable(),
  sortino: z.number().nullable(),
  calmar: z.number().nullable(),
  maxDrawdown: z.number(),
  drawdown: backtestDrawdownSchema,
  exposure: z.number(),
  trades: z.number().int(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  expectancy: z.number().nullable(),
  avgTrade: z.number().nullable(),
  bestTrade: z.number().nullable(),
  worstTrade: z.number().nullable(),
  maxConsecutiveWins: z.number().int(),
  maxConsecutiveLosses: z.number().int(),
  sqn: z.number().nullable(),
  buyAndHoldReturn: z.number(),
  periodsPerYear: z.number().nullable(),
});
export type BacktestMetricsDto = z.infer<typeof backtestMetricsSchema>;

/**
 * Equity after each bar's close (marked to market, 1 = start) beside buy-and-hold (close / first bar's open,
 * the same span as buyAndHoldReturn), at the same points. Above MAX_EQUITY_POINTS bars the curve is
 * downsampled by min-max buckets: the bars are cut into equal buckets and each keeps its lowest and its
 * highest equity point, so no dip or spike disappears; the first and last bars and the drawdown's peak,
 * trough and recovery are always kept. `totalPoints` is the length before downsampling.
 */
export const backtestEquityCurveSchema = z.object({
  times: z.array(isoDateTime),
  equity: z.array(z.number()),
  buyAndHold: z.array(z.number()),
  totalPoints: z.number().int(),
});
export type BacktestEquityCurve = z.infer<typeof backtestEquityCurveSchema>;

export const backtestRegimeBreakdownSchema = z.object({
  /** Most probable regime (filtered probabilities) at the entry signal's bar; `unknown` while not yet known. */
  regime: z.string(),
  trades: z.number().int(),
  winRate: z.number(),
  totalReturn: z.number(),
  avgReturn: z.number(),
});

export const backtestLookAheadSchema = z.object({
  cutPoints: z.number().int(),
  /** Signals before a cut that differ between the full run and the run truncated there: 0 means none seen. */
  mismatches: z.number().int(),
  firstMismatch: z
    .object({
      cutTime: isoDateTime,
      signalTime: isoDateTime,
      full: z.string().nullable(),
      truncated: z.string().nullable(),
    })
    .nullable(),
});

export const backtestResultSchema = z.object({
  bars: z.number().int(),
  firstBarTime: isoDateTime,
  lastBarTime: isoDateTime,
  /** Signals the engine emitted (entries and exits); the trades are what they became. */
  signals: z.number().int(),
  trades: z.array(backtestTradeSchema),
  metrics: backtestMetricsSchema,
  equityCurve: backtestEquityCurveSchema,
  /** Per regime at entry; empty when the strategy has no regime filter. */
  regimes: z.array(backtestRegimeBreakdownSchema),
  /** The regime fit whose filtered probabilities filtered entries, or null. */
  regimeFitId: z.uuid().nullable(),
  lookAhead: backtestLookAheadSchema,
  /** Seconds of the engine's pass over the bars, and of the look-ahead check's truncated re-runs. */
  engineSeconds: z.number(),
  lookAheadSeconds: z.number(),
});
export type BacktestResultDto = z.infer<typeof backtestResultSchema>;

export const backtestStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);

export const backtestSummarySchema = z.object({
  id: z.uuid(),
  strategyId: z.uuid(),
  version: z.number().int(),
  symbol: z.string(),
  /** Timeframe of the bars the backtest read. */
  timeframe: timeframeSchema,
  from: isoDateTime.nullable(),
  to: isoDateTime.nullable(),
  status: backtestStatusSchema,
  /** 0..1 while running. */
  progress: z.number(),
  /** Why it failed, in words. */
  error: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export type BacktestSummary = z.infer<typeof backtestSummarySchema>;

/** GET /backtests/:id; POST /backtests answers 202 with it (queued, result null). */
export const backtestSchema = backtestSummarySchema.extend({ result: backtestResultSchema.nullable() });
export type Backtest = z.infer<typeof backtestSchema>;

export const backtestListQuerySchema = z.object({
  strategyId: z.uuid().optional(),
  limit: z.coerce.number().int().positive().max(200).default(50),
});
export type BacktestListQuery = z.infer<typeof backtestListQuerySchema>;
/** A list row: the summary and the headline figures of a finished backtest (null until it succeeds). */
export const backtestListItemSchema = backtestSummarySchema.extend({
  headline: z
    .object({
      totalReturn: z.number(),
      buyAndHoldReturn: z.number(),
      maxDrawdown: z.number(),
      trades: z.number().int(),
    })
    .nullable(),
});
export type BacktestListItem = z.infer<typeof backtestListItemSchema>;
export const backtestListSchema = z.object({ backtests: z.array(backtestListItemSchema) });
