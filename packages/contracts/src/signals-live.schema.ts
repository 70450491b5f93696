import { z } from 'zod';
import { isoDateTime, timeframeSchema } from './common.schema';
import { symbolSchema } from './market-data.schema';

export const signalActionSchema = z.enum(['enter_long', 'exit_long', 'enter_short', 'exit_short']);
export type SignalAction = z.infer<typeof signalActionSchema>;

/** A signal as the API and the live feed send it. `barTs` is the open time of the bar whose close fired it. */
export const signalSchema = z.object({
  id: z.uuid(),
  strategyId: z.uuid(),
  version: z.number().int(),
  symbol: z.string(),
  timeframe: z.string(),
  barTs: isoDateTime,
  action: signalActionSchema,
  reason: z.string(),
  price: z.number(),
  evidence: z.object({
    rule: z.string().nullable(),
    indicators: z.record(z.string(), z.number().nullable()),
    filters: z.record(z.string(), z.unknown()),
  }),
  lagMs: z.number().int().nullable(),
  createdAt: isoDateTime,
});
export type Signal = z.infer<typeof signalSchema>;

export const signalListQuerySchema = z.object({
  symbol: symbolSchema.optional(),
  strategyId: z.uuid().optional(),
  action: signalActionSchema.optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const signalListSchema = z.object({ signals: z.array(signalSchema), nextCursor: z.string().nullable() });

/** Running a strategy version live on one series (admins). */
export const createDeploymentRequestSchema = z.object({
  strategyId: z.uuid(),
  /** Defaults to the strategy's latest version. */
  version: z.number().int().min(1).optional(),
  symbol: symbolSchema,
  /** Defaults to the strategy's own timeframe. */
  timeframe: timeframeSchema.optional(),
});
export const updateDeploymentRequestSchema = z.object({ enabled: z.boolean() });

export const paperPositionSchema = z.object({
  side: z.enum(['long', 'short']),
  entryTs: isoDateTime,
  entryPrice: z.number(),
});

export const deploymentSchema = z.object({
  id: z.uuid(),
  strategyId: z.uuid(),
  strategyName: z.string(),
  version: z.number().int(),
  symbol: z.string(),
  timeframe: z.string(),
  enabled: z.boolean(),
  createdAt: isoDateTime,
  /** Open time of the last bar the engine processed; null before its first live bar. */
  lastBarTs: isoDateTime.nullable(),
  lastError: z.string().nullable(),
  /** The paper account as a multiple of its start: closed trades only, and marked at the last close. */
  realisedEquity: z.number(),
  markedEquity: z.number(),
  position: paperPositionSchema.nullable(),
});
export type Deployment = z.infer<typeof deploymentSchema>;
export const deploymentListSchema = z.object({ deployments: z.array(deploymentSchema) });

export const paperTradeSchema = z.object({
  side: z.enum(['long', 'short']),
  entryTs: isoDateTime,
  entryPrice: z.number(),
  exitTs: isoDateTime,
  exitPrice: z.number(),
  returnPct: z.number(),
  exitReason: z.string(),
});
export const paperTradeListSchema = z.object({ trades: z.array(paperTradeSchema) });

/**
 * Replaying a stored series into the live path (admins): job `signals.replay` writes its bars, one by one at
 * `speed` x real time, as closed bars of `storeAs`, and the live engine runs on them as on live data.
 */
export const createReplayRequestSchema = z
  .object({
    /** The stored series to replay. */
    symbol: symbolSchema,
    timeframe: timeframeSchema.default('1m'),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    /** The instrument that receives the bars (created when missing); never the source itself. */
    storeAs: symbolSchema,
    /** Pace relative to the bars' own time: 60 replays 1m bars once a second; 0 as fast as possible. */
    speed: z.number().min(0).max(1e9).default(60),
    /** Resample on the fly to this coarser timeframe (complete buckets only). */
    resampleTo: timeframeSchema.optional(),
  })
  .strict();
export type CreateReplayRequest = z.infer<typeof createReplayRequestSchema>;
export const replayAcceptedSchema = z.object({
  /** The job run (GET /jobs/runs?name=signals.replay shows its status). */
  id: z.string(),
  job: z.literal('signals.replay'),
});
