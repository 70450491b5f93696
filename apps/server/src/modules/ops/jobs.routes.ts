import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  enqueueJobResponseSchema,
  errorResponseSchema,
  jobNameParamSchema,
  jobRetriedSchema,
  jobRunIdParamSchema,
  jobRunListQuerySchema,
  jobRunListSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { listRuns } from '../../jobs/job-runs.store';
import { auditMetaOf } from '../auth/request-meta';
import { retryFailedRun, runJobNow, toJobRunDto } from './job-runs.service';

/** Job history, manual runs and retries of failed runs, for the Ops page. */
export function jobsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/jobs/runs',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['ops'],
          description: 'Job runs, newest first, with the error of a failed one; filter by job name and status.',
          querystring: jobRunListQuerySchema,
          response: { 200: jobRunListSchema },
        },
      },
      async (request) => ({ runs: (await listRuns(ctx.db, request.query)).map(toJobRunDto) }),
    );

    app.post(
      '/jobs/:name/run',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['ops'],
          description: 'Run a job now with an empty payload (audited as jobs.run). 404 JOB_NOT_FOUND.',
          params: jobNameParamSchema,
          response: { 202: enqueueJobResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request, reply) => reply.status(202).send(await runJobNow(ctx, request.params.name, auditMetaOf(request))),
    );

    app.post(
      '/jobs/runs/:id/retry',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['ops'],
          description:
            'Run a failed run again with its payload, as a new run (audited as jobs.retry). 404 JOB_RUN_NOT_FOUND, 409 JOB_RUN_NOT_FAILED.',
          params: jobRunIdParamSchema,
          response: { 202: jobRetriedSchema, 404: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const { id } = await retryFailedRun(ctx, request.params.id, auditMetaOf(request));
        return reply.status(202).send({ id, retryOf: request.params.id });
      },
    );
  };
}
