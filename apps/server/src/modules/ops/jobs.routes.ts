import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  enqueueJobResponseSchema,
  errorResponseSchema,
  jobNameParamSchema,
  jobRunListSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { listRuns } from '../../jobs/job-runs.store';
import { NotFoundError } from '../../http/http-errors';

const runsQuerySchema = z.object({
  name: z.string().max(100).optional(),
  limit: z.coerce.number().int().positive().max(500).default(50),
});

/** Job history and manual runs, for the Ops page. */
export function jobsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/jobs/runs',
      {
        config: { access: 'analyst' },
        schema: { tags: ['ops'], querystring: runsQuerySchema, response: { 200: jobRunListSchema } },
      },
      async (request) => {
        const runs = await listRuns(ctx.db, { name: request.query.name, limit: request.query.limit });
        return {
          runs: runs.map((r) => ({
            id: r.id,
            name: r.name,
            status: r.status,
            attempt: r.attempt,
            error: r.error,
            queuedAt: r.queuedAt.toISOString(),
            startedAt: r.startedAt?.toISOString() ?? null,
            finishedAt: r.finishedAt?.toISOString() ?? null,
          })),
        };
      },
    );

    app.post(
      '/jobs/:name/run',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['ops'],
          params: jobNameParamSchema,
          response: { 202: enqueueJobResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => {
        if (!ctx.jobs.has(request.params.name)) throw new NotFoundError(`Job ${request.params.name}`, 'JOB_NOT_FOUND');
        const { id } = await ctx.jobs.enqueue(request.params.name, {});
        return reply.status(202).send({ id });
      },
    );
  };
}
