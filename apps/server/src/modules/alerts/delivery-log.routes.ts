import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  deliveryIdParamSchema,
  deliveryListQuerySchema,
  deliveryListSchema,
  deliveryRetriedSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { callerOf, errorAnswers } from './caller';
import { listDeliveryLog, retryDeadDelivery } from './delivery-log.service';

/** /notifications/deliveries: the delivery log (own channels; admins: all) and the dead-letter retry. */
export function deliveryLogRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];

    app.get(
      '/notifications/deliveries',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            "Deliveries to your channels, newest first, with attempts and the last error; admins see everyone's.",
          querystring: deliveryListQuerySchema,
          response: { 200: deliveryListSchema, ...errorAnswers(400, 401) },
        },
      },
      async (request) => ({ deliveries: await listDeliveryLog(ctx, callerOf(request), request.query) }),
    );

    app.post(
      '/notifications/deliveries/:id/retry',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          description:
            'Send a dead-lettered delivery again: pending now, with a fresh count of attempts. 409 DELIVERY_NOT_DEAD.',
          params: deliveryIdParamSchema,
          response: { 202: deliveryRetriedSchema, ...errorAnswers(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await retryDeadDelivery(ctx, request.params.id);
        return reply.status(202).send({ id: request.params.id, status: 'pending' as const });
      },
    );
  };
}
