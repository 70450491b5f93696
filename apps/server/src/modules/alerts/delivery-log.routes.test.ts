import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { startWebhookReceiver } from '../../../test/notify-fixtures';
import { deliveries, outbox } from '../../db/schema';
import type { ChannelKind, ChannelSender } from '../../notify/channel';
import { createWebhookSender } from '../../notify/channels/webhook.channel';
import { markDead } from '../../notify/deliveries.store';
import { NotificationDispatcher } from '../../notify/dispatcher';

// "Send test" and the delivery log through HTTP: a test writes exactly one outbox event and one delivery, the
// dispatcher sends it to a real webhook receiver on loopback, the log shows it to its owner (and admins) with
// the rendered title, and only admins bring a dead-lettered delivery back.

interface DeliveryBody {
  id: number;
  channel: { id: string; kind: string; label: string };
  topic: string;
  title: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

describeEachApp(
  'notification test sends and delivery log API',
  (getApp) => {
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
    let viewer: FixtureUser;
    let other: FixtureUser;
    let analyst: FixtureUser;
    let admin: FixtureUser;
    let channelId: string;
    let deliveryId: number;
    const call = (method: 'GET' | 'POST', url: string, who?: FixtureUser, payload?: object) =>
      getApp().app.inject({
        method,
        url: `/api/v1${url}`,
        headers: who?.authorization ?? {},
        ...(payload === undefined ? {} : { payload }),
      });
    const logOf = async (who: FixtureUser, query = '') => {
      const res = await call('GET', `/notifications/deliveries${query}`, who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ deliveries: DeliveryBody[] }>().deliveries;
    };
    const dispatch = () => {
      const senders = new Map<ChannelKind, ChannelSender>([
        [
          'webhook',
          createWebhookSender({ timeoutMs: 2000, allowPrivateTargets: true, userAgent: 'test' }) as ChannelSender,
        ],
      ]);
      return new NotificationDispatcher(getApp().ctx, {
        senders,
        settings: { ...getApp().ctx.config.notify, maxAttempts: 1 },
      }).runOnce();
    };

    beforeAll(async () => {
      const { ctx } = getApp();
      receiver = await startWebhookReceiver();
      viewer = await createFixtureUser(ctx, 'viewer');
      other = await createFixtureUser(ctx, 'viewer');
      analyst = await createFixtureUser(ctx, 'analyst');
      admin = await createFixtureUser(ctx, 'admin');
      const created = await call('POST', '/notifications/channels', viewer, {
        kind: 'webhook',
        url: receiver.url,
        label: 'my hook',
      });
      expect(created.statusCode, created.body).toBe(201);
      channelId = created.json<{ channel: { id: string } }>().channel.id;
    });
    afterAll(async () => {
      await receiver?.close();
    });

    it('writes exactly one outbox event and one delivery per test send', async () => {
      const { ctx } = getApp();
      const res = await call('POST', `/notifications/channels/${channelId}/test`, viewer);
      expect(res.statusCode, res.body).toBe(202);
      deliveryId = res.json<{ deliveryId: number }>().deliveryId;

      const events = await ctx.db.orm
        .select()
        .from(outbox)
        .where(like(outbox.idempotencyKey, `test:${channelId}:%`));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ topic: 'test', status: 'routed' });
      const rows = await ctx.db.orm.select().from(deliveries).where(eq(deliveries.outboxId, events[0]!.id));
      expect(rows).toEqual([expect.objectContaining({ id: deliveryId, channelId, status: 'pending' })]);
    });

    it('delivers the test through the dispatcher, and logs it for its owner with the rendered title', async () => {
      const { routed, delivered } = await dispatch();
      expect({ routed, delivered }, 'the event was routed with its delivery: nothing left to route').toEqual({
        routed: 0,
        delivered: 1,
      });
      expect(receiver.received).toHaveLength(1);
      const body = JSON.parse(receiver.received[0]!.body) as { title: string; lines: string[] };
      expect(body.title).toBe('MarketLens test notification');
      expect(body.lines.join(' ')).toMatch(/"my hook" \(webhook\)/);

      const [logged] = await logOf(viewer);
      expect(logged).toMatchObject({
        id: deliveryId,
        channel: { id: channelId, kind: 'webhook', label: 'my hook' },
        topic: 'test',
        title: 'MarketLens test notification',
        status: 'sent',
        attempts: 1,
        lastError: null,
      });
      expect(logged!.sentAt).not.toBeNull();
    });

    it("shows users their own deliveries only, admins everyone's, newest first and filtered", async () => {
      const second = (await call('POST', `/notifications/channels/${channelId}/test`, viewer)).json<{
        deliveryId: number;
      }>().deliveryId;
      expect((await logOf(viewer)).map((d) => d.id)).toEqual([second, deliveryId]);
      expect(await logOf(other)).toEqual([]);
      expect(await logOf(other, `?channelId=${channelId}`), 'nor by naming the channel').toEqual([]);
      expect((await logOf(admin)).map((d) => d.id)).toEqual(expect.arrayContaining([second, deliveryId]));
      expect((await logOf(viewer, '?status=sent')).map((d) => d.id)).toEqual([deliveryId]);
      expect((await logOf(viewer, '?status=pending&limit=1')).map((d) => d.id)).toEqual([second]);

      const badStatus = await call('GET', '/notifications/deliveries?status=lost', viewer);
      expect(badStatus.statusCode).toBe(400);
      expect(badStatus.json<{ error: { message: string } }>().error.message).toMatch(/^Invalid querystring: status:/);
      expect((await call('GET', '/notifications/deliveries?limit=0', viewer)).statusCode).toBe(400);
      expect((await call('GET', '/notifications/deliveries')).statusCode).toBe(401);
    });

    it('lets only admins retry a dead delivery, and only a dead one', async () => {
      const { ctx } = getApp();
      const retry = (id: number, who?: FixtureUser) => call('POST', `/notifications/deliveries/${id}/retry`, who);
      const notDead = await retry(deliveryId, admin);
      expect(notDead.statusCode).toBe(409);
      expect(notDead.json<{ error: { code: string; message: string } }>().error).toMatchObject({
        code: 'DELIVERY_NOT_DEAD',
        message: expect.stringMatching(/is sent/) as unknown,
      });

      await markDead(ctx.db.orm, deliveryId, 'receiver said 410 Gone');
      expect((await retry(deliveryId)).statusCode).toBe(401);
      expect((await retry(deliveryId, viewer)).statusCode).toBe(403);
      expect((await retry(deliveryId, analyst)).statusCode).toBe(403);
      expect((await logOf(viewer, '?status=dead'))[0]).toMatchObject({
        id: deliveryId,
        lastError: 'receiver said 410 Gone',
      });

      const revived = await retry(deliveryId, admin);
      expect(revived.statusCode, revived.body).toBe(202);
      expect(revived.json()).toEqual({ id: deliveryId, status: 'pending' });
      expect((await logOf(viewer)).find((d) => d.id === deliveryId)).toMatchObject({ status: 'pending', attempts: 0 });
      expect((await retry(deliveryId, admin)).statusCode, 'pending now, not dead').toBe(409);

      const unknown = await retry(987654321, admin);
      expect(unknown.statusCode).toBe(404);
      expect((await retry(0, admin)).statusCode).toBe(400);
    });
  },
  // The receiver listens on loopback.
  { webhooks: { allowPrivateTargets: true } },
);
