import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { telegramLinkCodeSchema, verifyEmailQuerySchema } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { callerOf, errorAnswers } from './caller';
import { verifyEmailToken } from './email-verification.service';
import { createTelegramLinkCode } from './telegram-link.service';
import { verifyEmailPage } from './verify-email-page';

/** How a channel proves it is its user's: the email verification link and the Telegram link code. */
export function channelLinksRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];

    app.post(
      '/notifications/telegram/link-code',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'A single-use code, valid 10 minutes, that links a Telegram chat to you: open `link` (or send ' +
            '`/start <code>` to the bot). 400 TELEGRAM_NOT_CONFIGURED; 502 TELEGRAM_UNAVAILABLE.',
          response: { 200: telegramLinkCodeSchema, ...errorAnswers(400, 401, 502) },
        },
      },
      async (request) => createTelegramLinkCode(ctx, callerOf(request).userId),
    );

    app.get(
      '/notifications/verify-email',
      {
        // Opened from the email, where the reader is not signed in: the token is the credential.
        config: { access: 'public' },
        schema: {
          tags,
          security: [],
          description:
            'The link in a verification email: verifies the address (the link works once, for 24 h) and answers ' +
            'a small HTML page; 400 with a page saying so when the link expired or is unknown.',
          querystring: verifyEmailQuerySchema,
        },
      },
      async (request, reply) => {
        const outcome = await verifyEmailToken(ctx, request.query.token ?? '');
        return reply
          .status(outcome === 'verified' ? 200 : 400)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(verifyEmailPage(outcome));
      },
    );
  };
}
