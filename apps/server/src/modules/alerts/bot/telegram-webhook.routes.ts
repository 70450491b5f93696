import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Update } from 'grammy/types';
import { BadRequestError, UnauthorizedError } from '../../../http/http-errors';
import type { RunningTelegramBot } from './bot-runner';

// Webhook mode (telegram.mode=webhook): Telegram posts each update here, on the bot role's ops port (or the
// API's in embedded mode), at the public HTTPS URL set as telegram.webhookUrl. Only a request carrying the
// secret token the bot gave Telegram in setWebhook is fed to the bot.

export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== 'string') return false;
  const [a, b] = [Buffer.from(received), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

function isUpdate(body: unknown): body is Update {
  return typeof body === 'object' && body !== null && Number.isInteger((body as { update_id?: unknown }).update_id);
}

export function telegramWebhookRoutes(bot: RunningTelegramBot): FastifyPluginAsync {
  return async (app) => {
    app.post(
      TELEGRAM_WEBHOOK_PATH,
      // Public: Telegram has no MarketLens credentials; the secret token is its proof. Never rate-limited:
      // an update refused here would only be posted again.
      { config: { access: 'public', rateLimit: false }, schema: { hide: true } },
      async (request, reply) => {
        if (!sameSecret(request.headers[SECRET_HEADER], bot.webhookSecret)) {
          throw new UnauthorizedError('This endpoint takes updates from Telegram only', 'TELEGRAM_SECRET_MISMATCH');
        }
        if (!isUpdate(request.body)) {
          throw new BadRequestError('INVALID_TELEGRAM_UPDATE', 'The body is not a Telegram update (no update_id)');
        }
        // Answered after the bot replied, so Telegram posts this chat's next update only then; a failure is
        // logged and still answered 200: posting the update again would repeat replies already sent.
        await bot.handleUpdate(request.body);
        return reply.status(200).send({});
      },
    );
  };
}
