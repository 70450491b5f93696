import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, Bot, GrammyError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelegramBotApi, type TelegramBotApi } from './telegram-bot-api';

// The Bot API imitation itself, driven by grammY as our bot will drive it, so tests built on it (linking a
// chat with /start CODE, commands, delivery) rest on an imitation that behaves like Telegram.

const TOKEN = '111222:imitation-TOKEN';
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function imitation(longPollMaxMs?: number): Promise<TelegramBotApi> {
  const api = await startTelegramBotApi({ token: TOKEN, ...(longPollMaxMs ? { longPollMaxMs } : {}) });
  running.push(api);
  return api;
}

const clientOf = (api: TelegramBotApi, token = TOKEN) => new Api(token, { apiRoot: api.url });

async function grammyError(call: Promise<unknown>): Promise<GrammyError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

/** A bot's webhook endpoint on loopback; `first` resolves with the first update posted to it. */
async function startWebhookReceiver() {
  let arrive: (delivery: { headers: IncomingHttpHeaders; body: string }) => void = () => undefined;
  const first = new Promise<{ headers: IncomingHttpHeaders; body: string }>((resolve) => (arrive = resolve));
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.end();
      arrive({ headers: req.headers, body });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.push({ close: () => new Promise<void>((done) => server.close(() => done())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`, first };
}

describe('Telegram Bot API imitation', () => {
  it('lets a grammY bot receive /start CODE by long polling and answer it', async () => {
    const api = await imitation(200);
    const bot = new Bot(TOKEN, { client: { apiRoot: api.url } });
    const answered = new Promise<void>((resolve) => {
      bot.command('start', async (ctx) => {
        await ctx.reply(`linked with code ${ctx.match}`);
        resolve();
      });
    });
    void bot.start();
    api.injectMessage(777, '/start ABC123', { username: 'trader' });
    await answered;
    await bot.stop();

    expect(api.messages.map((m) => [m.chatId, m.text])).toEqual([['777', 'linked with code ABC123']]);
    expect(bot.botInfo.id, 'getMe answers with the id from the token').toBe(111222);
  });

  it('hands out updates until they are confirmed with offset', async () => {
    const api = await imitation();
    const client = clientOf(api);
    const first = api.injectMessage(1, 'hello');
    const second = api.injectMessage(2, '/help');

    const updates = await client.getUpdates({ timeout: 0 });
    expect(updates.map((u) => [u.update_id, u.message?.chat.id, u.message?.text])).toEqual([
      [first, 1, 'hello'],
      [second, 2, '/help'],
    ]);
    expect(updates[1]?.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 5 }]);
    expect((await client.getUpdates({ offset: first + 1, timeout: 0 })).map((u) => u.update_id)).toEqual([second]);
    expect(await client.getUpdates({ offset: second + 1, timeout: 0 })).toEqual([]);
  });

  it('answers a waiting long poll when a message arrives', async () => {
    // The long-poll cap is far beyond the test timeout: only the message can end this poll.
    const api = await imitation(600_000);
    const poll = clientOf(api).getUpdates({ timeout: 600 });
    api.injectMessage(5, 'ping');
    expect((await poll).map((u) => u.message?.text)).toEqual(['ping']);
  });

  it('answers an empty long poll with no updates when its timeout elapses', async () => {
    const api = await imitation(20);
    expect(await clientOf(api).getUpdates({ timeout: 30 })).toEqual([]);
  });

  it('ends a long poll with 409 when a second bot instance polls', async () => {
    const api = await imitation(600_000);
    const client = clientOf(api);
    const first = grammyError(client.getUpdates({ timeout: 600 }));
    await expect.poll(() => api.isPolling).toBe(true); // the first poll has reached the imitation
    const second = client.getUpdates({ timeout: 600 });
    expect((await first).error_code).toBe(409);
    api.injectMessage(1, 'x');
    expect((await second).map((u) => u.message?.text)).toEqual(['x']);
  });

  it('refuses a wrong token with 401 Unauthorized', async () => {
    const api = await imitation();
    const error = await grammyError(clientOf(api, '111222:wrong').getMe());
    expect([error.error_code, error.description]).toEqual([401, 'Unauthorized']);
  });

  it('rejects MarkdownV2 that Telegram could not parse, and delivers nothing', async () => {
    const api = await imitation();
    const error = await grammyError(clientOf(api).sendMessage(1, 'price 43.5', { parse_mode: 'MarkdownV2' }));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe(
      "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(api.messages).toEqual([]);
  });

  it('rejects a message longer than 4096 characters', async () => {
    const api = await imitation();
    const error = await grammyError(clientOf(api).sendMessage(1, 'a'.repeat(4097)));
    expect(error.description).toBe('Bad Request: message is too long');
    await clientOf(api).sendMessage(1, 'a'.repeat(4096));
    expect(api.messages).toHaveLength(1);
  });

  it('answers 429 with retry_after exactly as many times as asked', async () => {
    const api = await imitation();
    const client = clientOf(api);
    api.failNext(2, 3);
    for (const attempt of [1, 2]) {
      const error = await grammyError(client.sendMessage(1, 'hi'));
      expect([error.error_code, error.parameters.retry_after], `attempt ${attempt}`).toEqual([429, 3]);
    }
    await client.sendMessage(1, 'hi');
    expect(api.messages).toHaveLength(1);
  });

  it('answers 403 for a chat that blocked the bot', async () => {
    const api = await imitation();
    api.block(9);
    const error = await grammyError(clientOf(api).sendMessage(9, 'hi'));
    expect([error.error_code, error.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
  });

  it('records commands, and in webhook mode posts updates with the secret instead of serving getUpdates', async () => {
    const api = await imitation();
    const client = clientOf(api);
    await client.setMyCommands([{ command: 'status', description: 'Engine and feeds' }]);
    expect(api.commands).toEqual([{ command: 'status', description: 'Engine and feeds' }]);

    const receiver = await startWebhookReceiver();
    await client.setWebhook(receiver.url, { secret_token: 's3cret' });
    expect((await grammyError(client.getUpdates({ timeout: 0 }))).error_code).toBe(409);

    api.injectMessage(3, '/status');
    const delivery = await receiver.first;
    expect(delivery.headers['x-telegram-bot-api-secret-token']).toBe('s3cret');
    expect(JSON.parse(delivery.body)).toMatchObject({ message: { chat: { id: 3 }, text: '/status' } });
  });

  it('refuses a webhook outside loopback', async () => {
    const api = await imitation();
    const error = await grammyError(clientOf(api).setWebhook('https://example.com/hook'));
    expect(error.error_code).toBe(400);
    expect(api.webhook).toBeUndefined();
  });
});
