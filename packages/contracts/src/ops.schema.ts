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
export const jobRunListSchema = z.object({ runs: z.array(jobRunSchema) });
export const jobNameParamSchema = z.object({ name: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/) });
export const enqueueJobResponseSchema = z.object({ id: z.string() });

export const systemInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['embedded', 'distributed']),
  database: z.enum(['pglite', 'postgres']),
  cache: z.enum(['memory', 'redis']),
  queue: z.enum(['in-process', 'bullmq']),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;
