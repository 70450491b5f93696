import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDeploymentRequestSchema,
  createReplayRequestSchema,
  deploymentListSchema,
  deploymentSchema,
  errorResponseSchema,
  paperTradeListSchema,
  replayAcceptedSchema,
  updateDeploymentRequestSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { createDeployment, getDeployment, listAllDeployments, paperTrades, setEnabled } from './deployments.service';
import { SIGNALS_REPLAY_JOB, startReplay } from './replays.service';

const idParamSchema = z.object({ id: z.uuid() });
const errors = { 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

/** Live deployments: viewers read them and their paper trades; admins start, stop and restart them, and replay. */
export function deploymentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/replays',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['signals'],
          description:
            'Replay a stored series into the live path: job signals.replay writes its bars one by one, at speed x ' +
            'their own pace (0: as fast as possible), as closed bars of storeAs (created when missing), and the ' +
            'deployments on storeAs run on them as on live data. 202 with the job run id (GET /jobs/runs?name=' +
            'signals.replay). 400 REPLAY_INTO_ITSELF, BAD_RANGE, BAD_RESAMPLE, NO_BARS_TO_REPLAY; 404 unknown symbol.',
          body: createReplayRequestSchema,
          response: { 202: replayAcceptedSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { id } = await startReplay(ctx, request.body);
        return reply.status(202).send({ id, job: SIGNALS_REPLAY_JOB });
      },
    );

    app.get(
      '/deployments',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description: 'Strategies running live, with their paper accounts.',
          response: { 200: deploymentListSchema },
        },
      },
      async () => ({ deployments: await listAllDeployments(ctx) }),
    );

    app.post(
      '/deployments',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['signals'],
          description:
            'Run a strategy version live on one series. Its indicators warm up on the stored bars; every bar stored afterwards is live.',
          body: createDeploymentRequestSchema,
          response: { 201: deploymentSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createDeployment(ctx, request.body, request.principal?.userId)),
    );

    app.get(
      '/deployments/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          params: idParamSchema,
          response: { 200: deploymentSchema, 404: errorResponseSchema },
        },
      },
      async (request) => getDeployment(ctx, request.params.id),
    );

    app.patch(
      '/deployments/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags: ['signals'],
          description: 'Enable or disable; a re-enabled deployment continues from its last processed bar.',
          params: idParamSchema,
          body: updateDeploymentRequestSchema,
          response: { 200: deploymentSchema, ...errors },
        },
      },
      async (request) => setEnabled(ctx, request.params.id, request.body.enabled, request.principal?.userId),
    );

    app.get(
      '/deployments/:id/trades',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description: 'Closed paper trades, newest first.',
          params: idParamSchema,
          response: { 200: paperTradeListSchema, 404: errorResponseSchema },
        },
      },
      async (request) => ({ trades: await paperTrades(ctx, request.params.id) }),
    );
  };
}
