import { z } from 'zod';
import { isoDateTime } from './common.schema';

export const healthSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.record(z.string(), z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() })),
});
export type Readiness = z.infer<typeof readinessSchema>;

export const jobRunSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  attempt: z.number().int(),
  error: z.string().nullable(),
  queuedAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});
export type JobRun = z.infer<typeof jobRunSchema>;
export const jobRunListSchema = z.object({ runs: z.array(jobRunSchema) });
/** A job's name, e.g. `ingest.prices`: lower-case words joined by dots (no byte PostgreSQL text refuses, like NUL). */
const jobNameSchema = z
  .string()
  .max(100)
  .regex(/^[a-z]+(\.[a-z_]+)+$/, 'a job name: lower-case words joined by dots, e.g. ingest.prices');
export const jobRunListQuerySchema = z.object({
  // Runs are filtered by exact name, so anything that is not a job name's shape is refused with a 400.
  name: jobNameSchema.optional(),
  status: jobRunSchema.shape.status.optional(),
  limit: z.coerce.number().int().positive().max(500).default(50),
});
export type JobRunListQuery = z.input<typeof jobRunListQuerySchema>;
export const jobNameParamSchema = z.object({ name: jobNameSchema });
export const enqueueJobResponseSchema = z.object({ id: z.string() });

export const systemInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['embedded', 'distributed']),
  database: z.enum(['pglite', 'postgres']),
  cache: z.enum(['memory', 'redis']),
  queue: z.enum(['in-process', 'bullmq']),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

// ---- the Ops page (admins) -----------------------------------------------------------------------------------

const count = z.number().int().nonnegative();

/** One job handler: its jobs by queue state now, and how many of its runs failed lately (from job_runs). */
export const opsJobSchema = z.object({
  name: z.string(),
  /** Null when the queue did not answer (see `queue.error`). */
  waiting: count.nullable(),
  active: count.nullable(),
  delayed: count.nullable(),
  /** Runs that ended failed within `failedWindowHours`; null when the database did not answer. */
  failed: count.nullable(),
});
export type OpsJob = z.infer<typeof opsJobSchema>;

/** A schedule from config (`jobs.schedules`), with when it fires next (UTC). */
export const opsScheduleSchema = z.object({
  name: z.string(),
  cron: z.string(),
  enabled: z.boolean(),
  /** Null when disabled, or when the pattern never fires again. */
  nextRunAt: isoDateTime.nullable(),
  /** False when no handler of that name is registered (the scheduler role would refuse to start). */
  registered: z.boolean(),
});
export type OpsSchedule = z.infer<typeof opsScheduleSchema>;

export const opsOverviewSchema = z.object({
  generatedAt: isoDateTime,
  dependencies: readinessSchema,
  queue: z.object({ kind: z.enum(['in-process', 'bullmq']), error: z.string().nullable() }),
  failedWindowHours: z.number().int().positive(),
  jobs: z.array(opsJobSchema),
  schedules: z.array(opsScheduleSchema),
  /** Dead-lettered notification deliveries (the delivery log lists them and sends them again). */
  deadLetteredDeliveries: count.nullable(),
});
export type OpsOverview = z.infer<typeof opsOverviewSchema>;

export const jobRunIdParamSchema = z.object({ id: z.uuid() });
export const jobRetriedSchema = z.object({
  /** The new run; the failed one stays as it was. */
  id: z.string(),
  retryOf: z.uuid(),
});

export const featureFlagKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*([._-][a-z0-9]+)*$/, 'lower-case words joined by . _ or -')
  .max(100);
export const featureFlagSchema = z.object({
  key: featureFlagKeySchema,
  enabled: z.boolean(),
  description: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type FeatureFlag = z.infer<typeof featureFlagSchema>;
export const featureFlagListSchema = z.object({ flags: z.array(featureFlagSchema) });
export const featureFlagKeyParamSchema = z.object({ key: featureFlagKeySchema });
export const createFeatureFlagSchema = z.object({
  key: featureFlagKeySchema,
  description: z.string().trim().max(300).optional(),
  enabled: z.boolean().default(false),
});
export type CreateFeatureFlagRequest = z.input<typeof createFeatureFlagSchema>;
export const updateFeatureFlagSchema = z.object({ enabled: z.boolean() });

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTime,
  /** Null for an anonymous event (a failed login) or a deleted user. */
  actor: z.object({ id: z.uuid(), email: z.string().nullable() }).nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditLogQuerySchema = z.object({
  /** Part of the actor's email (case-insensitive) or their user id. */
  actor: z.string().trim().min(1).max(200).optional(),
  /** An exact action (`flags.update`) or a family (`flags.`, `auth.`). */
  action: z.string().trim().min(1).max(100).optional(),
  since: isoDateTime.optional(),
  until: isoDateTime.optional(),
  /** The `nextCursor` of the previous page. */
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().positive().max(200).default(50),
});
export type AuditLogQuery = z.input<typeof auditLogQuerySchema>;
export const auditLogSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `cursor` for older entries; null on the last page. */
  nextCursor: z.number().int().nullable(),
  /** Every action the server records, for a filter. */
  actions: z.array(z.string()),
});
