import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTelegramBotApi, type TelegramBotApi } from '../../../test/telegram-bot-api';
import type { Notification } from '../channel';
import { createTelegramSender, renderTelegramMessage, TELEGRAM_MAX_TEXT } from './telegram.channel';

// The sender against the local Bot API imitation: real grammY client, real HTTP, Telegram's error shapes.

const CHAT = { kind: 'telegram', chatId: '4242' } as const;

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    idempotencyKey: 'signal:17:telegram',
    topic: 'signal',
    title: 'ema-cross: enter long BTC-USD 1m at 43,210.5',
    lines: ['evidence: rsi(14)=28.4 < 30 (p=0.91)'],
    url: 'https://ml.example/signals?id=17',
    payload: {},
    createdAt: Date.UTC(2024, 0, 1),
    silent: false,
    ...overrides,
  };
}

let api: TelegramBotApi;
beforeEach(async () => {
  api = await startTelegramBotApi({ token: '987654:secret-TOKEN' });
});
afterEach(() => api.close());

const senderFor = (bot: TelegramBotApi, timeoutMs = 10_000) =>
  createTelegramSender({ token: bot.token, apiRoot: bot.url, timeoutMs });

describe('Telegram sender: delivery', () => {
  it('sends the title in bold, the lines and a link, as MarkdownV2 without a link preview', async () => {
    const outcome = await senderFor(api).send(CHAT, notification());

    expect(outcome).toEqual({ status: 'sent', detail: 'message 1' });
    expect(api.messages).toHaveLength(1);
    const [sent] = api.messages;
    expect(sent).toMatchObject({
      chatId: '4242',
      parseMode: 'MarkdownV2',
      disableNotification: false,
      linkPreviewDisabled: true,
    });
    expect(sent?.text).toBe(
      [
        String.raw`*ema\-cross: enter long BTC\-USD 1m at 43,210\.5*`,
        String.raw`evidence: rsi\(14\)\=28\.4 < 30 \(p\=0\.91\)`,
        '[Open in MarketLens](https://ml.example/signals?id=17)',
      ].join('\n'),
    );
    expect(sent?.shownText).toBe(
      'ema-cross: enter long BTC-USD 1m at 43,210.5\nevidence: rsi(14)=28.4 < 30 (p=0.91)\nOpen in MarketLens',
    );
    expect(sent?.entities.map((e) => e.type)).toEqual(['bold', 'text_link']);
  });

  it('sends a silent notification without sound', async () => {
    expect(await senderFor(api).send(CHAT, notification({ silent: true }))).toMatchObject({ status: 'sent' });
    expect(api.messages[0]?.disableNotification).toBe(true);
  });

  it('sends only the title when there are no lines and no link', async () => {
    await senderFor(api).send(CHAT, notification({ lines: [], url: undefined, title: 'test message.' }));
    expect(api.messages[0]?.text).toBe(String.raw`*test message\.*`);
  });

  it('keeps a very long message within 4096 characters, cutting the lines and keeping the link', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `bar ${i}: close 1.5 (+2.5%) [ok]`);
    const outcome = await senderFor(api).send(CHAT, notification({ title: 'x.'.repeat(500), lines }));

    expect(outcome.status, 'Telegram accepted it: no half escape, within the limit').toBe('sent');
    const sent = api.messages[0]!;
    expect(sent.text.length).toBeLessThanOrEqual(TELEGRAM_MAX_TEXT);
    expect(sent.shownText).toMatch(/…\nOpen in MarketLens$/);
    expect(sent.shownText.startsWith('x.x.'), 'the title is cut, not dropped').toBe(true);
    expect(sent.shownText).toContain('bar 0: close 1.5 (+2.5%) [ok]');
  });

  it('drops a link too long to fit rather than cutting it', () => {
    const text = renderTelegramMessage(notification({ url: `https://ml.example/${'a'.repeat(5000)}` }));
    expect(text).not.toContain('](');
    expect(text).toContain('evidence');
  });
});

describe('Telegram sender: failures', () => {
  it('asks to retry after retry_after when Telegram answers 429', async () => {
    api.failNext(1, 7);
    const sender = senderFor(api);

    const outcome = await sender.send(CHAT, notification());
    expect(outcome).toEqual({
      status: 'retry',
      error: 'Telegram answered 429: Too Many Requests: retry after 7',
      retryAfterMs: 7000,
    });
    expect(api.messages, 'nothing was delivered').toHaveLength(0);
    expect(await sender.send(CHAT, notification()), 'the flood limit was for one call').toMatchObject({
      status: 'sent',
    });
  });

  it('fails for good when the user blocked the bot, and other chats still get theirs', async () => {
    api.block('4242');
    const sender = senderFor(api);

    expect(await sender.send(CHAT, notification())).toEqual({
      status: 'failed',
      error: 'Telegram answered 403: Forbidden: bot was blocked by the user',
    });
    expect(await sender.send({ kind: 'telegram', chatId: '5151' }, notification())).toMatchObject({ status: 'sent' });
    expect(api.messages.map((m) => m.chatId)).toEqual(['5151']);
  });

  it('fails for good on a bad request', async () => {
    api.failNextWithStatus(1, 400);
    expect(await senderFor(api).send(CHAT, notification())).toEqual({
      status: 'failed',
      error: 'Telegram answered 400: Error 400',
    });
  });

  it('fails for good with a wrong token', async () => {
    const sender = createTelegramSender({ token: '987654:wrong', apiRoot: api.url, timeoutMs: 10_000 });
    expect(await sender.send(CHAT, notification())).toEqual({
      status: 'failed',
      error: 'Telegram answered 401: Unauthorized',
    });
    expect(api.messages).toHaveLength(0);
  });

  it('retries when Telegram answers a server error', async () => {
    api.failNextWithStatus(1, 500);
    const outcome = await senderFor(api).send(CHAT, notification());
    expect(outcome).toEqual({ status: 'retry', error: 'Telegram answered 500: Internal Server Error' });
  });

  it('retries when a proxy answers 502 with an HTML page, without leaking the token', async () => {
    api.failNextWithStatus(1, 502, 'html');
    const outcome = await senderFor(api).send(CHAT, notification());
    expect(outcome.status).toBe('retry');
    expect(outcome, 'no retry_after to honour').not.toHaveProperty('retryAfterMs');
    expect(JSON.stringify(outcome)).not.toContain(api.token);
  });

  it('retries when the Bot API cannot be reached, without leaking the token', async () => {
    const sender = senderFor(api);
    await api.close();

    const outcome = await sender.send(CHAT, notification());
    expect(outcome.status).toBe('retry');
    expect(outcome.status !== 'sent' && outcome.error).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(outcome)).not.toContain(api.token);
  });

  it('retries when Telegram does not answer in time', async () => {
    api.holdNext(1);
    const outcome = await senderFor(api, 100).send(CHAT, notification());
    expect(outcome.status).toBe('retry');
    expect(outcome.status !== 'sent' && outcome.error).toMatch(/timed out/);
  });

  it('retries, without sending, when the dispatcher has cancelled the send', async () => {
    const cancel = new AbortController();
    cancel.abort();
    const outcome = await senderFor(api).send(CHAT, notification(), cancel.signal);
    expect(outcome).toEqual({ status: 'retry', error: 'Telegram send cancelled' });
    expect(api.messages).toHaveLength(0);
  });
});
