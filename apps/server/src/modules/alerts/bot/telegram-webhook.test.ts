import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser } from '../../../../test/auth-fixtures';
import { describeEachApp } from '../../../../test/describe-each-app';
import { startTelegramBotApi, type TelegramBotApi } from '../../../../test/telegram-bot-api';
import { buildOpsApp } from '../../../ops-app';
import { createTelegramLinkCode } from '../telegram-link.service';
import { webhookSecretOf } from './bot-secrets';
import { startTelegramBot, type RunningTelegramBot } from './bot-runner';
import { NOT_LINKED } from './linked-chat';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookRoutes } from './telegram-webhook.routes';

// Webhook mode: the bot sets its webhook (with a secret token) on the Bot API imitation, which then posts each
// update to POST /telegram/webhook on the bot role's ops app, as Telegram would.

/** A port nothing listens on right now, so the webhook URL can be set before the app listens on it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeEachApp('telegram bot (webhook mode)', (getApp) => {
  let api: TelegramBotApi;
  let bot: RunningTelegramBot;
  let ops: FastifyInstance;
  let webhookUrl: string;

  const reply = async (chatId: number, text: string) => {
    const seen = api.messages.length;
    api.injectMessage(chatId, text);
    return waitFor(`the reply to "${text}"`, () => api.messages.slice(seen).find((m) => m.chatId === String(chatId)));
  };

  beforeAll(async () => {
    const { ctx } = getApp();
    api = await startTelegramBotApi();
    const port = await freePort();
    // Telegram only posts to HTTPS, and the config says so; the imitation posts to loopback HTTP.
    webhookUrl = `http://127.0.0.1:${port}${TELEGRAM_WEBHOOK_PATH}`;
    Object.assign(ctx.config.telegram, { botToken: api.token, apiRoot: api.url, mode: 'webhook', webhookUrl });
    bot = startTelegramBot(ctx);
    ops = await buildOpsApp(ctx);
    await ops.register(telegramWebhookRoutes(bot));
    await ops.listen({ host: '127.0.0.1', port });
    await bot.ready;
  });
  afterAll(async () => {
    await bot?.stop();
    await ops?.close();
    await api?.close();
  });

  it('sets its webhook with a secret token derived from the bot token, and its commands', () => {
    expect(bot.mode).toBe('webhook');
    expect(api.webhook).toEqual({ url: webhookUrl, secretToken: webhookSecretOf(api.token) });
    expect(bot.webhookSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(bot.webhookSecret, 'reveals nothing of the token').not.toContain(api.token.split(':')[1]);
    expect(api.commands).toHaveLength(10);
  });

  it('answers the updates Telegram posts: the refusal for an unlinked chat, the link with /start CODE', async () => {
    const { ctx } = getApp();
    expect((await reply(501, '/status')).shownText).toBe(NOT_LINKED);
    const viewer = await createFixtureUser(ctx, 'viewer');
    const { code } = await createTelegramLinkCode(ctx, viewer.user.id);
    expect((await reply(502, `/start ${code}`)).shownText).toContain(`belongs to ${viewer.user.email}`);
    expect((await reply(502, '/list')).shownText).toBe(
      'This chat has no subscriptions yet: /subscribe SYMBOL adds one.',
    );
  });

  it('refuses a post without the secret token, or with another, and a body that is no update', async () => {
    const before = api.messages.length;
    const update = {
      update_id: 999,
      message: { message_id: 1, date: 0, chat: { id: 503, type: 'private' }, text: '/help' },
    };
    const post = (headers: Record<string, string>, payload: object) =>
      ops.inject({ method: 'POST', url: TELEGRAM_WEBHOOK_PATH, headers, payload });
    const missing = await post({}, update);
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ error: { code: 'TELEGRAM_SECRET_MISMATCH' } });
    const wrong = await post({ 'x-telegram-bot-api-secret-token': webhookSecretOf('other:token') }, update);
    expect(wrong.statusCode).toBe(401);
    const noUpdate = await post({ 'x-telegram-bot-api-secret-token': bot.webhookSecret }, { hello: 'world' });
    expect(noUpdate.statusCode).toBe(400);
    expect(noUpdate.json()).toMatchObject({ error: { code: 'INVALID_TELEGRAM_UPDATE' } });
    expect(api.messages.length, 'the bot answered none of them').toBe(before);

    const genuine = await post({ 'x-telegram-bot-api-secret-token': bot.webhookSecret }, update);
    expect(genuine.statusCode).toBe(200);
    expect(api.messages.at(-1)).toMatchObject({ chatId: '503', shownText: NOT_LINKED });
  });

  it('leaves the webhook set when it stops, so Telegram keeps the updates for the next start', async () => {
    await bot.stop();
    expect(api.webhook?.url).toBe(webhookUrl);
  });
});
