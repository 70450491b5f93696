import { z } from 'zod';
import { isoDateTime } from './common.schema';

// Experiment tracking and the model registry (/api/v1/experiments, /runs, /models).

/** Model names are URL path segments: letters, digits and . _ - only. */
export const modelNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits and . _ - only (1-100 characters)');
/** `champion`, `challenger` or a free name. */
export const aliasNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -, starting with a letter (max 40)');
/** Artifact names inside a run: `/`-separated segments of letters, digits and . _ - */
export const artifactNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!.*(^|\/)\.{1,2}(\/|$))[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'segments of letters, digits and . _ -');

export const runStatusSchema = z.enum(['running', 'succeeded', 'failed']);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const experimentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: isoDateTime,
  runCount: z.number().int(),
  lastRunAt: isoDateTime.nullable(),
});
export type Experiment = z.infer<typeof experimentSchema>;
export const experimentListSchema = z.object({ experiments: z.array(experimentSchema) });

export const runSourceSchema = z.object({
  codeVersion: z.string(),
  dataset: z
    .object({
      symbol: z.string().optional(),
      timeframe: z.string().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      rows: z.number().int(),
      sha256: z.string(),
    })
    .optional(),
});
export type RunSource = z.infer<typeof runSourceSchema>;

export const runSummarySchema = z.object({
  id: z.uuid(),
  experimentId: z.uuid(),
  experimentName: z.string(),
  name: z.string().nullable(),
  status: runStatusSchema,
  userId: z.uuid().nullable(),
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  tags: z.record(z.string(), z.string()),
  error: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runListQuerySchema = z.object({
  status: runStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const runListSchema = z.object({ runs: z.array(runSummarySchema) });

export const metricPointSchema = z.object({ step: z.number().int(), value: z.number(), at: isoDateTime });
/** The last step of a metric: what a table shows. */
export const latestMetricSchema = metricPointSchema.extend({ key: z.string(), steps: z.number().int() });
export type LatestMetric = z.infer<typeof latestMetricSchema>;

export const artifactSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uri: z.string(),
  createdAt: isoDateTime,
});
export type Artifact = z.infer<typeof artifactSchema>;

export const runDetailSchema = runSummarySchema.extend({
  source: runSourceSchema,
  params: z.record(z.string(), z.string()),
  metrics: z.array(latestMetricSchema),
  artifacts: z.array(artifactSchema),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const metricKeyParamsSchema = z.object({ id: z.uuid(), key: z.string().min(1).max(200) });
export const metricSeriesSchema = z.object({
  runId: z.uuid(),
  key: z.string(),
  points: z.array(metricPointSchema),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

export const MIN_COMPARE_RUNS = 2;
export const MAX_COMPARE_RUNS = 5;
export const runCompareQuerySchema = z.object({
  ids: z
    .string()
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.uuid()).min(MIN_COMPARE_RUNS).max(MAX_COMPARE_RUNS)),
});
export const runCompareSchema = z.object({
  runs: z.array(runSummarySchema),
  /** One row per param key in any run; values in `runs` order (null: the run has no such param). */
  params: z.array(z.object({ key: z.string(), values: z.array(z.string().nullable()), differs: z.boolean() })),
  /** Latest value of each metric key, in `runs` order. */
  metrics: z.array(z.object({ key: z.string(), values: z.array(z.number().nullable()) })),
  /** Metric keys with more than one step in some run: curves to overlay (GET /runs/:id/metrics/:key). */
  seriesKeys: z.array(z.string()),
});
export type RunCompare = z.infer<typeof runCompareSchema>;

export const artifactParamsSchema = z.object({ id: z.uuid(), name: artifactNameSchema });

export const modelVersionStatusSchema = z.enum(['active', 'archived']);
export const modelVersionSchema = z.object({
  version: z.number().int(),
  runId: z.uuid(),
  artifactName: z.string(),
  status: modelVersionStatusSchema,
  description: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: isoDateTime,
  /** Aliases pointing at this version. */
  aliases: z.array(z.string()),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const registeredModelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: isoDateTime,
  latestVersion: z.number().int().nullable(),
  /** alias -> version */
  aliases: z.record(z.string(), z.number().int()),
});
export type RegisteredModel = z.infer<typeof registeredModelSchema>;
export const modelListSchema = z.object({ models: z.array(registeredModelSchema) });

export const aliasHistoryEntrySchema = z.object({
  alias: z.string(),
  /** Null when the alias was first set. */
  fromVersion: z.number().int().nullable(),
  /** Null when the alias was removed. */
  toVersion: z.number().int().nullable(),
  userId: z.uuid().nullable(),
  reason: z.string(),
  at: isoDateTime,
});
export type AliasHistoryEntry = z.infer<typeof aliasHistoryEntrySchema>;

export const modelDetailSchema = registeredModelSchema.extend({
  /** Newest first. */
  versions: z.array(modelVersionSchema),
  /** Alias changes, newest first: who moved which alias from which version to which, and why. */
  history: z.array(aliasHistoryEntrySchema),
});
export type ModelDetail = z.infer<typeof modelDetailSchema>;

export const modelParamsSchema = z.object({ name: modelNameSchema });
export const modelAliasParamsSchema = z.object({ name: modelNameSchema, alias: aliasNameSchema });
export const modelVersionParamsSchema = z.object({
  name: modelNameSchema,
  version: z.coerce.number().int().positive(),
});

const reasonSchema = z.string().trim().min(1, 'say why (it is kept in the history)').max(500);
/** Promote (a newer version) or roll back (an older one): the alias moves to `version`. */
export const setAliasRequestSchema = z.object({ version: z.number().int().positive(), reason: reasonSchema });
export type SetAliasRequest = z.infer<typeof setAliasRequestSchema>;
export const archiveVersionRequestSchema = z.object({ reason: reasonSchema });
export const deleteAliasQuerySchema = z.object({ reason: reasonSchema.optional() });
