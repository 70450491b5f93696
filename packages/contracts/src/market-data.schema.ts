import { z } from 'zod';
import { isoDateTime, timeframeSchema } from './common.schema';

export const instrumentKindSchema = z.enum(['equity', 'index', 'crypto', 'token', 'etf', 'fx', 'other']);
export const symbolSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9^._=-]+$/, 'may contain letters, digits and ^ . _ = - only')
  .transform((s) => s.toUpperCase());

export const instrumentSchema = z.object({
  id: z.number().int(),
  symbol: z.string(),
  name: z.string().nullable(),
  kind: instrumentKindSchema,
  source: z.string(),
  synthetic: z.boolean(),
  timeframes: z.array(
    z.object({ timeframe: timeframeSchema, bars: z.number().int(), first: isoDateTime, last: isoDateTime }),
  ),
});
export type Instrument = z.infer<typeof instrumentSchema>;
export const instrumentListSchema = z.object({ instruments: z.array(instrumentSchema) });

export const barSchema = z.object({
  /** Bar open time, ISO 8601 UTC. */
  ts: isoDateTime,
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type Bar = z.infer<typeof barSchema>;

export const barsQuerySchema = z.object({
  timeframe: timeframeSchema.default('1d'),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().positive().max(100_000).default(5_000),
});
export type BarsQuery = z.infer<typeof barsQuerySchema>;
export const barsResponseSchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  synthetic: z.boolean(),
  bars: z.array(barSchema),
});
export type BarsResponse = z.infer<typeof barsResponseSchema>;
export const symbolParamSchema = z.object({ symbol: symbolSchema });

export const rejectedLineSchema = z.object({ line: z.number().int(), reason: z.string() });
export type RejectedLine = z.infer<typeof rejectedLineSchema>;

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone the runtime knows; an unknown one is a 400 that says so, not a failed import. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .refine(isKnownTimeZone, 'must be an IANA time zone such as UTC or America/New_York');

/** Query string of POST /instruments/:symbol/import (the body is multipart with one `file`). */
export const importQuerySchema = z.object({
  timeframe: timeframeSchema.default('1d'),
  /** IANA zone for timestamps that carry no offset (e.g. America/New_York); default UTC. */
  timezone: timeZoneSchema.default('UTC'),
  name: z.string().max(200).optional(),
  kind: instrumentKindSchema.optional(),
});
export type ImportQuery = z.infer<typeof importQuerySchema>;

export const importSummarySchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(rejectedLineSchema),
  /** Rejected lines beyond the ones listed. */
  rejectedTotal: z.number().int(),
  layout: z.string(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const uploadSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  sizeBytes: z.number().int(),
  symbol: z.string().nullable(),
  timeframe: z.string(),
  status: z.enum(['succeeded', 'failed']),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedCount: z.number().int(),
  error: z.string().nullable(),
  createdAt: isoDateTime,
});
export const uploadListSchema = z.object({ uploads: z.array(uploadSchema) });
