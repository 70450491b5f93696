import { z } from 'zod';
import { isoDateTime, timeframeSchema } from './common.schema';
import { symbolSchema } from './market-data.schema';

// Alert rules (/api/v1/alerts): a condition on one symbol's data, evaluated by job alerts.evaluate as data
// arrives. Each kind has its own params (GET /alerts/kinds describes them); amounts are fractions (0.05 = 5%).

export const createAlertRuleRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** price_cross, price_move, regime_change, forecast_band (GET /alerts/kinds). */
    kind: z.string().min(1).max(64),
    symbol: symbolSchema,
    timeframe: timeframeSchema.default('1d'),
    params: z.record(z.string(), z.unknown()),
    /** No second alert within this many minutes (of data time) of the last one. */
    cooldownMinutes: z.number().int().min(0).max(525_600).default(0),
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateAlertRuleRequest = z.infer<typeof createAlertRuleRequestSchema>;

export const updateAlertRuleRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    cooldownMinutes: z.number().int().min(0).max(525_600).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const alertRuleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** The condition in words: "close crosses above 45000". */
  description: z.string(),
  enabled: z.boolean(),
  cooldownMinutes: z.number().int(),
  lastTriggeredAt: isoDateTime.nullable(),
  /** Why the last evaluation failed, until one succeeds. */
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
});
export type AlertRule = z.infer<typeof alertRuleSchema>;
export const alertRuleListSchema = z.object({ rules: z.array(alertRuleSchema) });

export const alertEventSchema = z.object({
  id: z.number().int(),
  ruleId: z.uuid(),
  rule: z.string(),
  symbol: z.string(),
  message: z.string(),
  values: z.record(z.string(), z.unknown()),
  /** Time of the data that raised it. */
  at: isoDateTime,
  createdAt: isoDateTime,
});
export const alertEventListQuerySchema = z.object({
  ruleId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const alertEventListSchema = z.object({ events: z.array(alertEventSchema) });

export const alertKindListSchema = z.object({
  kinds: z.array(z.object({ kind: z.string(), params: z.record(z.string(), z.unknown()) })),
});
