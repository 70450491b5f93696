import { and, eq, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { insertChannel, insertSubscription } from '../../../test/notify-fixtures';
import { deliveries, outbox } from '../../db/schema';
import { buildDigests } from '../../notify/digest';
import { NotificationDispatcher } from '../../notify/dispatcher';
import { evaluateRules } from '../alerts/alert-rules.service';
import { D1, D2, seedHandUniverse } from './screener-fixtures';
import { takeSnapshot } from './snapshots.service';

// Alert kind screen_change: a new snapshot compared with the last one the rule saw raises one event for the
// stocks that entered the saved screen and one for those that left, each with its outbox row, and the events
// reach a digest subscription like any other alert.

describeEachApp('screen_change alerts', (getApp) => {
  it('raises entered and left once per snapshot, with outbox rows, and they reach the daily digest', async () => {
    const { ctx, app } = getApp();
    const universeId = await seedHandUniverse(ctx);
    await takeSnapshot(ctx, universeId, { asOf: D1 });
    const analyst = await createFixtureUser(ctx, 'analyst');
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: analyst.authorization, ...(payload ? { payload } : {}) });

    const screen = (
      await call('POST', '/screener/screens', { name: 'up this week', universeId, filter: 'ret1w > 0', sort: '-ret1w' })
    ).json();
    const kinds = (await call('GET', '/alerts/kinds')).json().kinds.map((k: { kind: string }) => k.kind);
    expect(kinds).toContain('screen_change');
    const missing = await call('POST', '/alerts/rules', {
      name: 'x',
      kind: 'screen_change',
      symbol: 'AAA',
      params: { savedScreenId: '00000000-0000-4000-8000-000000000009' },
    });
    expect(missing.statusCode, 'a rule on a screen that does not exist is refused').toBe(404);
    const created = await call('POST', '/alerts/rules', {
      name: 'screen changes',
      kind: 'screen_change',
      symbol: 'AAA',
      params: { savedScreenId: screen.id },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ruleId = created.json().id as string;
    const mail = await insertChannel(ctx, analyst.user.id, 'email', { address: 'screens@example.test' });
    await insertSubscription(ctx, analyst.user.id, mail, 'alert_rule', ruleId, 'on', 'digest');

    expect((await evaluateRules(ctx)).events, 'nothing new since the rule was made').toBe(0);
    await takeSnapshot(ctx, universeId, { asOf: D2 });
    expect((await evaluateRules(ctx)).events).toBe(2);
    expect((await evaluateRules(ctx)).events, 'once per snapshot').toBe(0);

    const events = (await call('GET', `/alerts/events?ruleId=${ruleId}`)).json().events as Array<{
      message: string;
      values: Record<string, unknown>;
    }>;
    const byChange = Object.fromEntries(events.map((e) => [e.values.change, e]));
    expect(byChange.entered!.message).toBe(`1 stock entered "up this week" on ${D2}: CCC`);
    expect(byChange.entered!.values).toMatchObject({ count: 1, from: D1, to: D2, symbols: ['CCC'] });
    expect(byChange.left!.message).toBe(`1 stock left "up this week" on ${D2}: AAA`);

    const rows = await ctx.db.orm
      .select({ key: outbox.idempotencyKey, topic: outbox.topic })
      .from(outbox)
      .where(like(outbox.idempotencyKey, `alert:${ruleId}:%`));
    expect(rows.map((r) => r.key).sort()).toEqual([
      `alert:${ruleId}:screen:${D2}:entered`,
      `alert:${ruleId}:screen:${D2}:left`,
    ]);
    expect(rows.every((r) => r.topic === 'alert')).toBe(true);

    const dispatcher = new NotificationDispatcher(ctx, {
      senders: new Map(),
      settings: {
        pollMs: 60_000,
        batchSize: 50,
        leaseMs: 30_000,
        maxAttempts: 3,
        backoffMs: 1000,
        maxBackoffMs: 10_000,
        publicUrl: 'http://ml.test',
      },
    });
    await dispatcher.runOnce();
    const held = await ctx.db.orm
      .select({ status: deliveries.status })
      .from(deliveries)
      .where(and(eq(deliveries.channelId, mail), eq(deliveries.status, 'held')));
    expect(held, 'digest subscription: both events held for the digest').toHaveLength(2);
    expect(await buildDigests(ctx, new Date('2026-12-04T07:00:00Z'))).toEqual({ channels: 1, items: 2 });
  });
});
