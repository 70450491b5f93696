import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../../test/auth-fixtures';
import { describeEachApp } from '../../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../../test/regime-fixtures';
import { startTelegramBotApi, type SentMessage, type TelegramBotApi } from '../../../../test/telegram-bot-api';
import type { AppContext } from '../../../context';
import { deliveries, notificationChannels, signals, subscriptions, telegramLinkCodes, users } from '../../../db/schema';
import type { ChannelKind, ChannelSender } from '../../../notify/channel';
import { createWebhookSender } from '../../../notify/channels/webhook.channel';
import { NotificationDispatcher } from '../../../notify/dispatcher';
import { writeOutbox } from '../../../notify/outbox';
import { getInstrumentInfo } from '../../instruments/instruments.service';
import { sendTestNotification } from '../channels.service';
import { sha256Hex } from '../secret-token';
import { createTelegramLinkCode } from '../telegram-link.service';
import { startTelegramBot, type RunningTelegramBot } from './bot-runner';
import { NOT_LINKED } from './linked-chat';

// The bot as it runs: grammY long polling against a local imitation of the Bot API (test/telegram-bot-api.ts),
// which parses every reply as Telegram parses MarkdownV2, so a badly escaped reply never arrives. Each test
// writes as a user would (injectMessage) and reads what the chat shows (shownText).

const STRATEGY = {
  name: 'bot-cross',
  timeframe: '1d',
  side: 'long',
  entry: 'crosses_above(ema(close, 5), sma(close, 20))',
  exit: 'crosses_below(ema(close, 5), sma(close, 20))',
  fees: { rate: 0.001 },
};

/** Polls until `probe` answers; bounded, so a reply that never comes fails the test instead of hanging it. */
async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeEachApp('telegram bot (long polling)', (getApp) => {
  let api: TelegramBotApi;
  let bot: RunningTelegramBot;
  let viewer: FixtureUser;
  let analyst: FixtureUser;
  let admin: FixtureUser;
  let strategyId: string;
  let nextChatId = 7000;

  const call = (method: 'GET' | 'POST', url: string, who: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.authorization,
      ...(payload ? { payload } : {}),
    });

  /** Writes `text` from the chat and waits for the bot's one reply. */
  async function send(chatId: number, text: string): Promise<SentMessage> {
    const seen = api.messages.length;
    api.injectMessage(chatId, text, { username: `trader${chatId}` });
    return waitFor(`the reply to "${text}"`, () => api.messages.slice(seen).find((m) => m.chatId === String(chatId)));
  }
  const shown = async (chatId: number, text: string) => (await send(chatId, text)).shownText;

  /** A fresh chat linked to `who` through the real flow: a code from the API's service, then /start CODE. */
  async function linkedChat(who: FixtureUser): Promise<number> {
    const chatId = nextChatId++;
    const { code } = await createTelegramLinkCode(getApp().ctx, who.user.id);
    expect(await shown(chatId, `/start ${code}`)).toContain(who.user.email);
    return chatId;
  }

  const channelOf = async (ctx: AppContext, chatId: number) => {
    const [row] = await ctx.db.orm
      .select()
      .from(notificationChannels)
      .where(sql`${notificationChannels.target}->>'chatId' = ${String(chatId)}`);
    if (!row) throw new Error(`chat ${chatId} has no channel`);
    return row;
  };

  beforeAll(async () => {
    const { ctx } = getApp();
    api = await startTelegramBotApi({ longPollMaxMs: 200 });
    Object.assign(ctx.config.telegram, { botToken: api.token, apiRoot: api.url, mode: 'polling' });
    viewer = await createFixtureUser(ctx, 'viewer');
    analyst = await createFixtureUser(ctx, 'analyst');
    admin = await createFixtureUser(ctx, 'admin');
    // LIVE: a deployed strategy (status, signals, subscriptions). FC: a regime fit and a forecast model.
    await importRegimeBars(ctx, 'LIVE', regimeBars(300, 3), 'crypto');
    await importRegimeBars(ctx, 'FC', regimeBars(600, 11), 'crypto');
    strategyId = (await call('POST', '/strategies', analyst, STRATEGY)).json<{ id: string }>().id;
    const deployed = await call('POST', '/deployments', admin, { strategyId, symbol: 'LIVE' });
    expect(deployed.statusCode, deployed.body).toBe(201);
    bot = startTelegramBot(ctx);
    await bot.ready;
  });
  afterAll(async () => {
    await bot?.stop();
    await api?.close();
  });

  it('sets its command menu when it starts', () => {
    const names = (api.commands as Array<{ command: string }>).map((c) => c.command);
    expect(names, 'the menu /help shows, in the same order').toEqual([
      'help',
      'status',
      'signals',
      'subscribe',
      'unsubscribe',
      'list',
      'regime',
      'forecast',
      'mute',
      'unmute',
    ]);
  });

  it("links a chat with /start CODE, naming the code's user, and uses each code once", async () => {
    const { ctx } = getApp();
    const chatId = nextChatId++;
    const { code } = await createTelegramLinkCode(ctx, viewer.user.id);
    const linked = await send(chatId, `/start ${code}`);
    expect(linked.shownText).toBe(
      `Linked: this chat now belongs to ${viewer.user.email}.\n` +
        'Subscribe with /subscribe SYMBOL (or a strategy name); /help lists everything I answer.',
    );
    expect(linked.entities, 'the email is shown in bold').toContainEqual(expect.objectContaining({ type: 'bold' }));
    const channel = await channelOf(ctx, chatId);
    expect(channel).toMatchObject({
      userId: viewer.user.id,
      kind: 'telegram',
      verified: true,
      label: `@trader${chatId}`,
    });

    expect(await shown(nextChatId++, `/start ${code}`)).toMatch(/^That link code was already used/);
    expect(await shown(nextChatId++, '/start never-issued-code')).toMatch(/^That link code is not one MarketLens/);
    expect(await shown(nextChatId++, `/start ${'x'.repeat(65)}`)).toMatch(/^That link code is not one MarketLens/);
  });

  it('refuses an expired code and links nothing', async () => {
    const { ctx } = getApp();
    const chatId = nextChatId++;
    const { code } = await createTelegramLinkCode(ctx, viewer.user.id);
    await ctx.db.orm
      .update(telegramLinkCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(telegramLinkCodes.codeHash, sha256Hex(code)));
    expect(await shown(chatId, `/start ${code}`)).toMatch(/^That link code has expired \(codes last 10 minutes\)/);
    expect(await shown(chatId, '/help'), 'still unlinked').toBe(NOT_LINKED);
  });

  it('explains how to link on a bare /start, and names the account once linked', async () => {
    const chatId = nextChatId++;
    expect(await shown(chatId, '/start')).toMatch(/^Hello! .*open Alerts in the MarketLens web app/);
    const linked = await linkedChat(viewer);
    expect(await shown(linked, '/start')).toBe(
      `This chat is linked to ${viewer.user.email}. Send /help to see what I answer.`,
    );
  });

  it('answers an unlinked chat with the refusal only, whatever it asks', async () => {
    const chatId = nextChatId++;
    const asks = [
      '/help',
      '/status',
      '/signals 3',
      '/subscribe LIVE',
      '/list',
      '/regime FC',
      '/forecast FC',
      '/mute',
      'hi',
    ];
    for (const text of asks) expect(await shown(chatId, text), text).toBe(NOT_LINKED);
    expect(
      api.messages.filter((m) => m.chatId === String(chatId)),
      'one reply per message',
    ).toHaveLength(asks.length);
  });

  it("refuses a disabled user's chat like an unlinked one", async () => {
    const { ctx } = getApp();
    const leaving = await createFixtureUser(ctx, 'viewer');
    const chatId = await linkedChat(leaving);
    expect(await shown(chatId, '/help')).toMatch(/^MarketLens bot/);
    await ctx.db.orm.update(users).set({ disabled: true }).where(eq(users.id, leaving.user.id));
    expect(await shown(chatId, '/help')).toBe(NOT_LINKED);
    expect(await shown(chatId, '/signals')).toBe(NOT_LINKED);
  });

  it('lists every command with its arguments on /help, and points unknown input there', async () => {
    const chatId = await linkedChat(viewer);
    const help = await shown(chatId, '/help');
    for (const usage of ['/status', '/signals [n]', '/subscribe SYMBOL [strategy]', '/unsubscribe SYMBOL|strategy']) {
      expect(help).toContain(usage);
    }
    for (const usage of ['/list', '/regime SYMBOL', '/forecast SYMBOL', '/mute [minutes]', '/unmute']) {
      expect(help).toContain(usage);
    }
    expect(await shown(chatId, '/frobnicate')).toBe('I do not know that one. Send /help to see what I answer.');
    expect(await shown(chatId, 'hello there')).toBe('I do not know that one. Send /help to see what I answer.');
  });

  it('reports the engine, the age of each live feed and the notifications waiting on /status', async () => {
    const { ctx } = getApp();
    const chatId = await linkedChat(viewer);
    await sendTestNotification(ctx, viewer.user.id, (await channelOf(ctx, chatId)).id);
    const status = await shown(chatId, '/status');
    expect(status).toMatch(/^MarketLens status\nEngine: 1 deployment enabled, all passing\.\nLive feeds:\n/);
    // The synthetic bars end long ago: an age in days, as the marketlens_feed_last_bar_age_seconds metric would say.
    expect(status).toMatch(/\nLIVE 1d: newest bar \d+ d old\n/);
    expect(status).toMatch(/\nNotifications: [1-9]\d* waiting, the oldest for \d+ (s|min)\.$/);
  });

  it('shows the newest signals on /signals [n], and refuses a count outside 1-20', async () => {
    const { ctx } = getApp();
    const chatId = await linkedChat(viewer);
    const instrument = await getInstrumentInfo(ctx, 'LIVE');
    const base = Date.UTC(2025, 0, 1);
    await ctx.db.orm.insert(signals).values(
      (['enter_long', 'exit_long', 'enter_long'] as const).map((action, i) => ({
        strategyId,
        version: 1,
        instrumentId: instrument.id,
        symbol: 'LIVE',
        timeframe: '1d',
        barTs: new Date(base + i * 86_400_000),
        action,
        reason: 'rule fired',
        price: 100.5 + i,
        evidence: { rule: 'crosses_above(ema(close, 5), sma(close, 20))', indicators: {}, filters: {} },
        createdAt: new Date(base + i * 86_400_000 + 60_000),
      })),
    );
    const all = await shown(chatId, '/signals');
    expect(all.split('\n')).toEqual([
      'The newest 3 signals',
      '2025-01-03 00:00 UTC LIVE 1d enter long at 102.5 (bot-cross v1)',
      '2025-01-02 00:00 UTC LIVE 1d exit long at 101.5 (bot-cross v1)',
      '2025-01-01 00:00 UTC LIVE 1d enter long at 100.5 (bot-cross v1)',
    ]);
    expect((await shown(chatId, '/signals 1')).split('\n')).toEqual([
      'The newest signal',
      '2025-01-03 00:00 UTC LIVE 1d enter long at 102.5 (bot-cross v1)',
    ]);
    for (const bad of ['0', '21', 'five', '2.5', '3 4', '-1']) {
      expect(await shown(chatId, `/signals ${bad}`), bad).toBe(
        'The number of signals must be a whole number from 1 to 20.',
      );
    }
  });

  it("subscribes this chat's channel to a symbol or a strategy, lists and removes them", async () => {
    const { ctx } = getApp();
    const chatId = await linkedChat(viewer);
    const channel = await channelOf(ctx, chatId);
    expect(await shown(chatId, '/list')).toBe('This chat has no subscriptions yet: /subscribe SYMBOL adds one.');
    expect(await shown(chatId, '/subscribe live')).toBe(
      'Subscribed: this chat gets every signal of LIVE. /unsubscribe stops them.',
    );
    expect(await shown(chatId, '/subscribe LIVE')).toBe('This chat already gets the signals of LIVE.');
    expect(await shown(chatId, '/subscribe LIVE bot-cross')).toBe(
      'Subscribed: this chat gets every signal of strategy bot-cross, on every symbol it runs on. /unsubscribe stops them.',
    );
    const rows = await ctx.db.orm.select().from(subscriptions).where(eq(subscriptions.channelId, channel.id));
    expect(rows.map((r) => [r.source, r.sourceRef, r.level, r.userId]).sort()).toEqual([
      ['strategy', strategyId, 'on', viewer.user.id],
      ['symbol', 'LIVE', 'on', viewer.user.id],
    ]);
    expect(await shown(chatId, '/list')).toBe('This chat gets\n• signals on LIVE\n• signals of strategy bot-cross');

    expect(await shown(chatId, '/subscribe NOPE')).toBe('I know no symbol or strategy called "NOPE".');
    expect(await shown(chatId, '/subscribe NOPE bot-cross')).toBe('I know no symbol NOPE.');
    expect(await shown(chatId, '/subscribe LIVE no-such-strategy')).toBe(
      'I know no active strategy called "no-such-strategy".',
    );
    expect(await shown(chatId, '/subscribe BAD$YMBOL')).toBe('I know no symbol or strategy called "BAD$YMBOL".');
    expect(await shown(chatId, '/subscribe BAD$YMBOL bot-cross')).toMatch(/^"BAD\$YMBOL" is not a symbol/);
    expect(await shown(chatId, '/subscribe')).toMatch(/^Say what to subscribe to: \/subscribe SYMBOL/);

    expect(await shown(chatId, '/unsubscribe Bot-Cross')).toBe(
      'Unsubscribed: no more signals of Bot-Cross in this chat.',
    );
    expect(await shown(chatId, '/unsubscribe bot-cross')).toBe(
      'This chat has no subscription to bot-cross. /list shows its subscriptions.',
    );
    expect(await shown(chatId, '/list')).toBe('This chat gets\n• signals on LIVE');
    expect(await shown(chatId, '/subscribe bot-cross'), 'a strategy by its name alone').toBe(
      'Subscribed: this chat gets every signal of strategy bot-cross, on every symbol it runs on. /unsubscribe stops them.',
    );
  });

  it('routes a signal on a symbol subscribed with /subscribe to this chat (a delivery the dispatcher writes)', async () => {
    const { ctx } = getApp();
    const chatId = await linkedChat(analyst);
    const channel = await channelOf(ctx, chatId);
    await shown(chatId, '/subscribe FC');
    const key = `signal:bot-test:${chatId}`;
    await ctx.db.orm.transaction((tx) =>
      writeOutbox(tx, {
        idempotencyKey: key,
        topic: 'signal',
        payload: {
          strategyId,
          strategy: 'bot-cross',
          version: 1,
          symbol: 'FC',
          timeframe: '1d',
          action: 'enter_long',
          price: 1,
        },
      }),
    );
    // Webhooks only: the Telegram delivery is written and stays pending ("not configured"), which is all this checks.
    const senders = new Map<ChannelKind, ChannelSender>([
      [
        'webhook',
        createWebhookSender({ timeoutMs: 2000, allowPrivateTargets: true, userAgent: 'test' }) as ChannelSender,
      ],
    ]);
    await new NotificationDispatcher(ctx, { senders, settings: ctx.config.notify }).runOnce();
    const [delivery] = await ctx.db.orm
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.channelId, channel.id), eq(deliveries.idempotencyKey, `${key}|${channel.id}`)));
    expect(delivery, 'one delivery for this chat').toBeDefined();
    expect(delivery?.silent).toBe(false);
  });

  it('answers /regime with the odds of each regime, and says why when it cannot', async () => {
    const fit = await call('POST', '/regimes/fits', analyst, {
      symbol: 'FC',
      features: ['logret'],
      states: 2,
      restarts: 1,
      seed: 1,
    });
    expect(fit.statusCode, fit.body).toBe(201);
    const chatId = await linkedChat(viewer);
    const regime = (await shown(chatId, '/regime fc')).split('\n');
    expect(regime[0]).toMatch(/^Regime of FC as of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(regime).toHaveLength(3);
    const odds = regime.slice(1).map((line) => Number(/: (\d+)%$/.exec(line)?.[1]));
    expect(odds.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(Math.abs(odds.reduce((a, b) => a + b, 0) - 100), 'the odds add up (to rounding)').toBeLessThanOrEqual(1);

    expect(await shown(chatId, '/regime NOPE')).toBe('I know no symbol NOPE.');
    expect(await shown(chatId, '/regime LIVE')).toBe(
      'LIVE has no regime fit yet: an analyst fits one on the Regimes page.',
    );
    expect(await shown(chatId, '/regime')).toBe('Name a symbol: /regime SYMBOL');
  });

  it('answers /forecast with the champion and its interval beside the baseline, and says why when it cannot', async () => {
    const trained = await call('POST', '/forecasts/train', analyst, {
      symbol: 'FC',
      model: 'ridge',
      horizon: 1,
      interval: 0.9,
    });
    expect(trained.statusCode, trained.body).toBe(201);
    const chatId = await linkedChat(viewer);
    const forecast = (await shown(chatId, '/forecast FC')).split('\n');
    expect(forecast[0]).toBe('Forecast of FC for the next 1d bar');
    expect(forecast[1]).toMatch(/^Champion forecast-FC-h1 v1 \(ridge\): [\d.]+ \(90% interval [\d.]+ to [\d.]+\)$/);
    expect(forecast[2]).toMatch(/^Baseline \(zero\): [\d.]+/);
    expect(forecast[3]).toMatch(/^Last close [\d.]+, bar of \d{4}-\d\d-\d\d 00:00 UTC$/);

    expect(await shown(chatId, '/forecast NOPE')).toBe('I know no symbol NOPE.');
    expect(await shown(chatId, '/forecast LIVE')).toBe(
      'LIVE has no forecast model yet: an analyst trains one on the Forecasts page.',
    );
  });

  it('mutes the chat (sound off until muted_until) with /mute [minutes] and unmutes it with /unmute', async () => {
    const { ctx } = getApp();
    const chatId = await linkedChat(viewer);
    // Minutes from now (the database and this process share the clock here).
    const mutedFor = async () => {
      const { mutedUntil } = await channelOf(ctx, chatId);
      return mutedUntil === null ? null : (mutedUntil.getTime() - Date.now()) / 60_000;
    };
    expect(await shown(chatId, '/mute')).toMatch(
      /^Muted until \d{4}-\d\d-\d\d \d\d:\d\d UTC: notifications still arrive/,
    );
    expect(await mutedFor()).toBeCloseTo(60, 0);
    expect(await shown(chatId, '/list')).toMatch(/\nMuted until .* \(\/unmute ends it\)\.$/);
    await shown(chatId, '/mute 5');
    expect(await mutedFor()).toBeCloseTo(5, 0);
    for (const bad of ['0', '10081', 'soon']) {
      expect(await shown(chatId, `/mute ${bad}`), bad).toBe('Minutes must be a whole number from 1 to 10080.');
    }
    expect(await mutedFor(), 'a refused /mute changes nothing').toBeCloseTo(5, 0);
    expect(await shown(chatId, '/unmute')).toBe('Unmuted: notifications arrive with sound again.');
    expect(await mutedFor()).toBeNull();
  });
});
