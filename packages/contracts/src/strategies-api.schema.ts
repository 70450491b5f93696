import { z } from 'zod';
import { isoDateTime, timeframeSchema } from './common.schema';
import { strategyDefinitionSchema, strategySideSchema } from './strategy.schema';

// The strategies API (/api/v1/strategies): a strategy is a name and a list of immutable versions, each a
// strategy document; every edit is a new version and signals and backtests name the version they used.

/** One problem of a strategy document: a dotted path, the words, and for a rule the 0-based column. */
export const strategyProblemSchema = z.object({
  path: z.string(),
  message: z.string(),
  position: z.number().int().min(0).optional(),
});
export type StrategyProblem = z.infer<typeof strategyProblemSchema>;

/**
 * POST /strategies/validate: always 200, so an editor can show every problem inline while the user types.
 * `warmUpBars`: bars before every rule can be known (indicator warm-ups, offsets), when the document is valid.
 */
export const strategyValidationSchema = z.object({
  valid: z.boolean(),
  problems: z.array(strategyProblemSchema),
  warmUpBars: z.number().int().nullable(),
});
export type StrategyValidation = z.infer<typeof strategyValidationSchema>;

export const strategySummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** From the latest version's document. */
  description: z.string().nullable(),
  timeframe: timeframeSchema,
  side: strategySideSchema,
  latestVersion: z.number().int(),
  createdBy: z.uuid().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Archived strategies are read-only: no new versions, no new backtests. */
  archivedAt: isoDateTime.nullable(),
});
export type StrategySummary = z.infer<typeof strategySummarySchema>;

export const strategyVersionSummarySchema = z.object({
  version: z.number().int(),
  /** The document's name at that version (a later version may rename the strategy). */
  name: z.string(),
  createdBy: z.uuid().nullable(),
  createdAt: isoDateTime,
});
export type StrategyVersionSummary = z.infer<typeof strategyVersionSummarySchema>;

export const strategyVersionSchema = strategyVersionSummarySchema.extend({
  strategyId: z.uuid(),
  /** The document as stored: validated, defaults filled. */
  definition: strategyDefinitionSchema,
});
export type StrategyVersion = z.infer<typeof strategyVersionSchema>;

/** GET /strategies/:id: the strategy, its latest document and every version, newest first. */
export const strategyDetailSchema = strategySummarySchema.extend({
  definition: strategyDefinitionSchema,
  versions: z.array(strategyVersionSummarySchema),
});
export type StrategyDetail = z.infer<typeof strategyDetailSchema>;

export const strategyListQuerySchema = z.object({
  /** exclude (default): active strategies; include: all; only: archived ones. */
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  limit: z.coerce.number().int().positive().max(500).default(200),
});
export type StrategyListQuery = z.infer<typeof strategyListQuerySchema>;
export const strategyListSchema = z.object({ strategies: z.array(strategySummarySchema) });

export const strategyVersionListSchema = z.object({ versions: z.array(strategyVersionSummarySchema) });
export const strategyVersionParamsSchema = z.object({
  id: z.uuid(),
  /** Versions are PostgreSQL integers: a larger number is a 400, not a failing query. */
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});
