import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../test/auth-fixtures';
import { describeEachApp } from '../../test/describe-each-app';
import { insertChannel, insertSubscription, startWebhookReceiver } from '../../test/notify-fixtures';
import type { AppContext } from '../context';
import { deliveries, outbox, users } from '../db/schema';
import type { ChannelKind, ChannelSender } from './channel';
import { createWebhookSender } from './channels/webhook.channel';
import { verifyWebhook } from './channels/webhook-signature';
import { NotificationDispatcher, type DispatcherSettings } from './dispatcher';
import { defineNotificationTopic } from './notification-topics';
import { writeOutbox } from './outbox';

// The dispatcher on a real database with the real webhook sender and a receiver on loopback: routing by
// subscription (levels, verification, roles, one delivery per channel), signed delivery, retry with backoff,
// dead-lettering (permanent failure, attempts used up), and channels this process cannot send on.

const SETTINGS: DispatcherSettings = {
  pollMs: 60_000,
  batchSize: 50,
  leaseMs: 30_000,
  maxAttempts: 3,
  backoffMs: 2000,
  maxBackoffMs: 60_000,
  publicUrl: 'http://marketlens.test',
};
const SECRET = 'whsec-test-0123456789';

describeEachApp('notification dispatcher', (getApp) => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let viewer: FixtureUser;
  let hook = '';
  let dispatcher: NotificationDispatcher;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  const senders = (): Map<ChannelKind, ChannelSender> =>
    new Map([
      [
        'webhook',
        createWebhookSender({ timeoutMs: 2000, allowPrivateTargets: true, userAgent: 'test' }) as ChannelSender,
      ],
    ]);
  const event = (ctx: AppContext, key: string, payload: Record<string, unknown>, topic = 'test-signal') =>
    ctx.db.orm.transaction((tx) => writeOutbox(tx, { idempotencyKey: key, topic, payload }));
  const deliveryOf = async (ctx: AppContext, key: string) => {
    const [row] = await ctx.db.orm
      .select()
      .from(deliveries)
      .where(sql`${deliveries.idempotencyKey} like ${`${key}|%`}`);
    return row;
  };
  const makeDue = (ctx: AppContext, key: string) =>
    ctx.db.orm
      .update(deliveries)
      .set({ dueAt: sql`now()` })
      .where(sql`${deliveries.idempotencyKey} like ${`${key}|%`}`);

  it('routes an event to each subscribed channel once and delivers it signed, with its idempotency key', async () => {
    const { ctx } = getApp();
    defineNotificationTopic(ctx, 'test-signal', {
      audience: (p) => [
        { source: 'strategy', ref: String(p.strategyId) },
        { source: 'symbol', ref: String(p.symbol) },
      ],
      render: (p) => ({ title: `signal on ${String(p.symbol)}`, lines: ['rule: x > 1'], path: '/signals' }),
      readRole: 'viewer',
    });
    defineNotificationTopic(ctx, 'admin-only', {
      audience: (p) => [{ source: 'symbol', ref: String(p.symbol) }],
      render: () => ({ title: 'admin only', lines: [] }),
      readRole: 'admin',
    });
    viewer = await createFixtureUser(ctx, 'viewer');
    hook = await insertChannel(ctx, viewer.user.id, 'webhook', { url: receiver.url }, { secret: SECRET });
    await insertSubscription(ctx, viewer.user.id, hook, 'strategy', 's-1');
    await insertSubscription(ctx, viewer.user.id, hook, 'symbol', 'ACME', 'silent');
    const unverified = await insertChannel(
      ctx,
      viewer.user.id,
      'webhook',
      { url: receiver.url },
      { secret: SECRET, verified: false },
    );
    await insertSubscription(ctx, viewer.user.id, unverified, 'symbol', 'ACME');
    const other = await createFixtureUser(ctx, 'viewer');
    const offChannel = await insertChannel(ctx, other.user.id, 'webhook', { url: receiver.url }, { secret: SECRET });
    await insertSubscription(ctx, other.user.id, offChannel, 'symbol', 'ACME', 'off');

    expect(await event(ctx, 'ev-1', { strategyId: 's-1', symbol: 'ACME' })).toBe(true);
    expect(await event(ctx, 'ev-1', { strategyId: 's-1', symbol: 'ACME' }), 'the same key twice is one event').toBe(
      false,
    );
    await event(ctx, 'ev-admin', { symbol: 'ACME' }, 'admin-only');
    dispatcher = new NotificationDispatcher(ctx, { senders: senders(), settings: SETTINGS, random: () => 0.5 });
    expect(await dispatcher.runOnce()).toEqual({ routed: 2, delivered: 1 });

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({
      id: `ev-1|${hook}`,
      topic: 'test-signal',
      title: 'signal on ACME',
      lines: ['rule: x > 1'],
      url: 'http://marketlens.test/signals',
      payload: { strategyId: 's-1', symbol: 'ACME' },
    });
    expect(got!.headers['x-marketlens-idempotency-key']).toBe(`ev-1|${hook}`);
    const verdict = verifyWebhook({
      secret: SECRET,
      signatureHeader: String(got!.headers['x-marketlens-signature']),
      timestampHeader: String(got!.headers['x-marketlens-timestamp']),
      body: got!.body,
      now: Date.now(),
    });
    expect(verdict).toEqual({ ok: true });
    const row = await deliveryOf(ctx, 'ev-1');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, silent: false, lastError: null });
    const events = await ctx.db.orm.select({ key: outbox.idempotencyKey, status: outbox.status }).from(outbox);
    expect(events).toEqual(
      expect.arrayContaining([
        { key: 'ev-1', status: 'routed' },
        { key: 'ev-admin', status: 'routed' },
      ]),
    );
    expect(await deliveryOf(ctx, 'ev-admin'), 'a viewer is never sent what only admins may read').toBeUndefined();
  });

  it('retries a failing receiver with backoff, then delivers once it recovers', async () => {
    const { ctx } = getApp();
    receiver.received.length = 0;
    receiver.reply.status = 503;
    await event(ctx, 'ev-2', { strategyId: 's-1', symbol: 'OTHER' });
    await dispatcher.runOnce();
    let row = await deliveryOf(ctx, 'ev-2');
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/503/) });
    // Attempt 1 waits backoffMs x 2^0 with half jitter: 1.5 s at random 0.5.
    const wait = row!.dueAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(2000);
    await dispatcher.runOnce();
    expect(receiver.received, 'not due yet: not tried again').toHaveLength(1);

    receiver.reply.status = 200;
    await makeDue(ctx, 'ev-2');
    await dispatcher.runOnce();
    row = await deliveryOf(ctx, 'ev-2');
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(receiver.received).toHaveLength(2);
  });

  it('honours Retry-After, dead-letters a permanent failure at once and a transient one after the last attempt', async () => {
    const { ctx } = getApp();
    receiver.reply.status = 429;
    receiver.reply.headers = { 'Retry-After': '40' };
    await event(ctx, 'ev-3', { strategyId: 's-1', symbol: 'X' });
    await dispatcher.runOnce();
    const limited = await deliveryOf(ctx, 'ev-3');
    expect(limited!.dueAt.getTime() - Date.now(), 'the receiver asked for 40 s').toBeGreaterThan(35_000);

    receiver.reply.status = 404;
    receiver.reply.headers = {};
    await event(ctx, 'ev-4', { strategyId: 's-1', symbol: 'X' });
    await dispatcher.runOnce();
    expect(await deliveryOf(ctx, 'ev-4')).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: expect.stringMatching(/404/),
    });

    receiver.reply.status = 500;
    for (let i = 1; i < SETTINGS.maxAttempts; i++) {
      await makeDue(ctx, 'ev-3');
      await dispatcher.runOnce();
    }
    expect(await deliveryOf(ctx, 'ev-3')).toMatchObject({
      status: 'dead',
      attempts: SETTINGS.maxAttempts,
      lastError: expect.stringMatching(/500.*giving up/),
    });
    receiver.reply.status = 200;
  });

  it('keeps a delivery for a channel this process cannot send on, saying which setting is missing', async () => {
    const { ctx } = getApp();
    const chat = await insertChannel(ctx, viewer.user.id, 'telegram', { chatId: '42' });
    await insertSubscription(ctx, viewer.user.id, chat, 'symbol', 'TG');
    await event(ctx, 'ev-5', { strategyId: 'none', symbol: 'TG' });
    await dispatcher.runOnce();
    expect(await deliveryOf(ctx, 'ev-5')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'the telegram channel is not configured in this process (MARKETLENS_TELEGRAM__BOT_TOKEN)',
    });
  });

  it('sends nothing to a disabled user, and marks an event of an unknown topic dead', async () => {
    const { ctx } = getApp();
    await ctx.db.orm.update(users).set({ disabled: true }).where(eq(users.id, viewer.user.id));
    receiver.received.length = 0;
    await event(ctx, 'ev-6', { strategyId: 's-1', symbol: 'ACME' });
    await event(ctx, 'ev-7', {}, 'nobody-knows');
    await dispatcher.runOnce();
    expect(await deliveryOf(ctx, 'ev-6')).toBeUndefined();
    expect(receiver.received).toHaveLength(0);
    const [unknown] = await ctx.db.orm.select().from(outbox).where(eq(outbox.idempotencyKey, 'ev-7'));
    expect(unknown).toMatchObject({
      status: 'dead',
      lastError: 'no notification topic "nobody-knows" is defined in this process',
    });
  });
});
