import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser } from '../../test/auth-fixtures';
import { describeEachApp } from '../../test/describe-each-app';
import { insertChannel, insertSubscription, startSmtpReceiver } from '../../test/notify-fixtures';
import { deliveries, outbox } from '../db/schema';
import type { ChannelKind, ChannelSender } from './channel';
import { createEmailSender } from './channels/email.channel';
import { buildDigests } from './digest';
import { NotificationDispatcher } from './dispatcher';
import { writeOutbox } from './outbox';

// Digest subscriptions: their deliveries are held, gathered once a day into one email per channel (the
// held ones marked digested in the same transaction), and that email is delivered like any other.

describeEachApp('daily digest', (getApp) => {
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('holds digest deliveries, sends one email listing them, and never lists one twice', async () => {
    const { ctx } = getApp();
    const user = await createFixtureUser(ctx, 'viewer');
    const mail = await insertChannel(ctx, user.user.id, 'email', { address: 'trader@example.test' });
    await insertSubscription(ctx, user.user.id, mail, 'symbol', 'DIG', 'on', 'digest');
    const senders = new Map<ChannelKind, ChannelSender>([
      [
        'email',
        createEmailSender({
          smtpUrl: smtp.url,
          from: 'MarketLens <ml@example.test>',
          timeoutMs: 5000,
        }) as ChannelSender,
      ],
    ]);
    const settings = {
      pollMs: 60_000,
      batchSize: 50,
      leaseMs: 30_000,
      maxAttempts: 3,
      backoffMs: 1000,
      maxBackoffMs: 10_000,
      publicUrl: 'http://ml.test',
    };
    const dispatcher = new NotificationDispatcher(ctx, { senders, settings });
    for (let i = 0; i < 3; i++) {
      await ctx.db.orm.transaction((tx) =>
        writeOutbox(tx, {
          idempotencyKey: `dig:${i}`,
          topic: 'signal',
          payload: { strategy: 'dig', version: 1, symbol: 'DIG', action: 'enter_long', price: 10 + i, timeframe: '1d' },
        }),
      );
    }
    await dispatcher.runOnce();
    const statuses = async () =>
      (await ctx.db.orm.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.channelId, mail)))
        .map((r) => r.status)
        .sort();
    expect(await statuses(), 'held, not sent').toEqual(['held', 'held', 'held']);
    expect(smtp.mails).toHaveLength(0);

    expect(await buildDigests(ctx, new Date('2026-12-04T07:00:00Z'))).toEqual({ channels: 1, items: 3 });
    expect(await buildDigests(ctx, new Date('2026-12-04T07:00:01Z')), 'nothing held any more').toEqual({
      channels: 0,
      items: 0,
    });
    expect(await statuses()).toEqual(['digested', 'digested', 'digested', 'pending']);
    await dispatcher.runOnce();
    expect(smtp.mails).toHaveLength(1);
    const raw = smtp.mails[0]!.raw.replace(/=\r?\n/g, '');
    expect(smtp.mails[0]!.to).toEqual(['trader@example.test']);
    expect(raw).toMatch(/Subject: MarketLens digest: 3 notifications, 2026-12-04/);
    for (const price of [10, 11, 12]) expect(raw).toContain(`dig v1: enter long DIG 1d at ${price}`);
    const [digest] = await ctx.db.orm
      .select()
      .from(outbox)
      .where(sql`${outbox.topic} = 'digest'`);
    expect(digest).toMatchObject({ status: 'routed', payload: { day: '2026-12-04', count: 3 } });
    await senders.get('email')!.close?.();
  });
});
