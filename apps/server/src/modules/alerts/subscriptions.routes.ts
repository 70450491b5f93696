import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSubscriptionRequestSchema,
  subscriptionListSchema,
  subscriptionSchema,
  updateSubscriptionRequestSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { callerOf, errorAnswers } from './caller';
import {
  createSubscription,
  deleteSubscription,
  listOwnSubscriptions,
  updateSubscription,
} from './subscriptions.service';

/** /notifications/subscriptions: what each user wants pushed to their own channels. */
export function subscriptionsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];

    app.get(
      '/notifications/subscriptions',
      {
        config: { access: 'viewer' },
        schema: { tags, response: { 200: subscriptionListSchema, ...errorAnswers(401) } },
      },
      async (request) => ({ subscriptions: await listOwnSubscriptions(ctx, callerOf(request).userId) }),
    );

    app.post(
      '/notifications/subscriptions',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            "Subscribe one of your verified channels to a strategy's signals (ref: strategy id), every signal on " +
            'a symbol (ref: SYMBOL) or an alert rule. 400 DIGEST_EMAIL_ONLY; 404 CHANNEL_NOT_FOUND, ' +
            'STRATEGY_NOT_FOUND, INSTRUMENT_NOT_FOUND; 409 CHANNEL_NOT_VERIFIED, SUBSCRIPTION_EXISTS.',
          body: createSubscriptionRequestSchema,
          response: { 201: subscriptionSchema, ...errorAnswers(400, 401, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createSubscription(ctx, callerOf(request).userId, request.body)),
    );

    app.patch(
      '/notifications/subscriptions/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Change the level (on, silent, off) or the mode (immediate, digest: email only).',
          params: uuidParamSchema,
          body: updateSubscriptionRequestSchema,
          response: { 200: subscriptionSchema, ...errorAnswers(400, 401, 404) },
        },
      },
      async (request) => updateSubscription(ctx, callerOf(request).userId, request.params.id, request.body),
    );

    app.delete(
      '/notifications/subscriptions/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          params: uuidParamSchema,
          response: { 204: z.null().describe('Removed'), ...errorAnswers(400, 401, 404) },
        },
      },
      async (request, reply) => {
        await deleteSubscription(ctx, callerOf(request).userId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
