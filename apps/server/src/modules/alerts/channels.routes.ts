import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createChannelRequestSchema,
  createdChannelSchema,
  notificationChannelListSchema,
  testSendAcceptedSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { callerOf, errorAnswers } from './caller';
import { createChannel, deleteChannel, listOwnChannels, sendTestNotification } from './channels.service';

/** /notifications/channels: every user manages their own channels (another user's are "not found"). */
export function channelsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];

    app.get(
      '/notifications/channels',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: "The caller's channels. A webhook's secret is never shown again after it was created.",
          response: { 200: notificationChannelListSchema, ...errorAnswers(401) },
        },
      },
      async (request) => ({ channels: await listOwnChannels(ctx, callerOf(request).userId) }),
    );

    app.post(
      '/notifications/channels',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Add an email address (stored unverified; a verification link valid 24 h is emailed at once; the same ' +
            'unverified address again sends a fresh link, 200) or a webhook (201 with its signing `secret`, shown ' +
            'this once). Telegram chats are linked with POST /notifications/telegram/link-code. 400 ' +
            'EMAIL_NOT_CONFIGURED, WEBHOOK_URL_REFUSED; 409 CHANNEL_EXISTS; 502 EMAIL_SEND_FAILED (nothing stored).',
          body: createChannelRequestSchema,
          response: {
            200: createdChannelSchema,
            201: createdChannelSchema,
            ...errorAnswers(400, 401, 409, 502),
          },
        },
      },
      async (request, reply) => {
        const { created, body } = await createChannel(ctx, callerOf(request).userId, request.body);
        return reply.status(created ? 201 : 200).send(body);
      },
    );

    app.delete(
      '/notifications/channels/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: 'Remove one of your channels, with its subscriptions and delivery log.',
          params: uuidParamSchema,
          response: { 204: z.null().describe('Removed'), ...errorAnswers(400, 401, 404) },
        },
      },
      async (request, reply) => {
        await deleteChannel(ctx, callerOf(request).userId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/notifications/channels/:id/test',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Send a test notification to one of your verified channels: 202 with the delivery to follow in ' +
            'GET /notifications/deliveries. 409 CHANNEL_NOT_VERIFIED.',
          params: uuidParamSchema,
          response: { 202: testSendAcceptedSchema, ...errorAnswers(400, 401, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(202).send(await sendTestNotification(ctx, callerOf(request).userId, request.params.id)),
    );
  };
}
