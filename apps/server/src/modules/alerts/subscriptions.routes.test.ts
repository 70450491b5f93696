import { beforeAll, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { insertChannel } from '../../../test/notify-fixtures';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';

// Subscriptions through HTTP: sources checked against the strategies and instruments that exist, only onto the
// caller's own verified channels, one per (channel, source), and nobody else's visible or changeable.

const STRATEGY = {
  name: 'subs-cross',
  timeframe: '1d',
  side: 'long',
  entry: 'crosses_above(ema(close, 5), sma(close, 20))',
  exit: 'crosses_below(ema(close, 5), sma(close, 20))',
};

interface SubscriptionBody {
  id: string;
  channel: { id: string; kind: string; label: string };
  source: string;
  ref: string;
  level: string;
  mode: string;
}

describeEachApp('notification subscriptions API', (getApp) => {
  let viewer: FixtureUser;
  let other: FixtureUser;
  let webhookId: string;
  let emailId: string;
  let unverifiedId: string;
  let othersChannelId: string;
  let strategyId: string;
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.authorization ?? {},
      ...(payload === undefined ? {} : { payload }),
    });
  const subscribe = (who: FixtureUser, body: object) => call('POST', '/notifications/subscriptions', who, body);
  const errorOf = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string } }).error;
  const listOf = async (who: FixtureUser) =>
    (await call('GET', '/notifications/subscriptions', who)).json<{ subscriptions: SubscriptionBody[] }>()
      .subscriptions;

  beforeAll(async () => {
    const { ctx } = getApp();
    viewer = await createFixtureUser(ctx, 'viewer');
    other = await createFixtureUser(ctx, 'viewer');
    const analyst = await createFixtureUser(ctx, 'analyst');
    webhookId = await insertChannel(
      ctx,
      viewer.user.id,
      'webhook',
      { url: 'https://93.184.216.34/hook' },
      { secret: 's' },
    );
    emailId = await insertChannel(ctx, viewer.user.id, 'email', { address: 'v@example.com' });
    unverifiedId = await insertChannel(ctx, viewer.user.id, 'email', { address: 'u@example.com' }, { verified: false });
    othersChannelId = await insertChannel(ctx, other.user.id, 'webhook', { url: 'https://93.184.216.35/hook' });
    await importRegimeBars(ctx, 'SUBS', regimeBars(30), 'crypto');
    const created = await call('POST', '/strategies', analyst, STRATEGY);
    expect(created.statusCode, created.body).toBe(201);
    strategyId = created.json<{ id: string }>().id;
  });

  it('refuses callers without credentials', async () => {
    expect((await call('GET', '/notifications/subscriptions')).statusCode).toBe(401);
    expect((await call('POST', '/notifications/subscriptions', undefined, {})).statusCode).toBe(401);
  });

  it('subscribes a verified channel to a strategy, a symbol (upper-cased) and an alert rule', async () => {
    const strategy = await subscribe(viewer, { channelId: webhookId, source: 'strategy', ref: strategyId });
    expect(strategy.statusCode, strategy.body).toBe(201);
    expect(strategy.json<SubscriptionBody>()).toMatchObject({
      channel: { id: webhookId, kind: 'webhook' },
      source: 'strategy',
      ref: strategyId,
      level: 'on',
      mode: 'immediate',
    });
    const symbol = await subscribe(viewer, { channelId: webhookId, source: 'symbol', ref: 'subs', level: 'silent' });
    expect(symbol.statusCode, symbol.body).toBe(201);
    expect(symbol.json<SubscriptionBody>()).toMatchObject({ ref: 'SUBS', level: 'silent' });
    const rule = await subscribe(viewer, { channelId: emailId, source: 'alert_rule', ref: 'rule-1', mode: 'digest' });
    expect(rule.statusCode, rule.body).toBe(201);
    expect((await listOf(viewer)).map((s) => s.source)).toEqual(['strategy', 'symbol', 'alert_rule']);
    expect(await listOf(other), "another user's list is their own").toEqual([]);
  });

  it('refuses duplicates, unknown sources and bad bodies with clear messages', async () => {
    const dup = await subscribe(viewer, { channelId: webhookId, source: 'symbol', ref: 'SUBS' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).code).toBe('SUBSCRIPTION_EXISTS');

    const noStrategy = await subscribe(viewer, {
      channelId: webhookId,
      source: 'strategy',
      ref: '00000000-0000-4000-8000-000000000000',
    });
    expect(noStrategy.statusCode).toBe(404);
    expect(errorOf(noStrategy).code).toBe('STRATEGY_NOT_FOUND');
    const noSymbol = await subscribe(viewer, { channelId: webhookId, source: 'symbol', ref: 'NOPE' });
    expect(noSymbol.statusCode).toBe(404);
    expect(errorOf(noSymbol).code).toBe('INSTRUMENT_NOT_FOUND');

    const notUuid = await subscribe(viewer, { channelId: webhookId, source: 'strategy', ref: 'subs-cross' });
    expect(notUuid.statusCode).toBe(400);
    expect(errorOf(notUuid).message).toBe('Invalid body: ref: must be a strategy id');
    const emptyRef = await subscribe(viewer, { channelId: webhookId, source: 'alert_rule', ref: '  ' });
    expect(errorOf(emptyRef).message).toBe('Invalid body: ref: must not be empty');
    const badSource = await subscribe(viewer, { channelId: webhookId, source: 'digest', ref: 'x' });
    expect(badSource.statusCode).toBe(400);
    expect(errorOf(badSource).message).toMatch(/source must be "strategy", "symbol" or "alert_rule"/);
    const badLevel = await subscribe(viewer, { channelId: webhookId, source: 'alert_rule', ref: 'r', level: 'loud' });
    expect(badLevel.statusCode).toBe(400);
    expect(errorOf(badLevel).message).toMatch(/^Invalid body: level:/);
    const digestWebhook = await subscribe(viewer, {
      channelId: webhookId,
      source: 'alert_rule',
      ref: 'r',
      mode: 'digest',
    });
    expect(digestWebhook.statusCode).toBe(400);
    expect(errorOf(digestWebhook).code).toBe('DIGEST_EMAIL_ONLY');
  });

  it("refuses unverified and other users' channels", async () => {
    const unverified = await subscribe(viewer, { channelId: unverifiedId, source: 'symbol', ref: 'SUBS' });
    expect(unverified.statusCode).toBe(409);
    expect(errorOf(unverified).code).toBe('CHANNEL_NOT_VERIFIED');
    const others = await subscribe(viewer, { channelId: othersChannelId, source: 'symbol', ref: 'SUBS' });
    expect(others.statusCode, 'not found, not forbidden: ids reveal nothing').toBe(404);
    expect(errorOf(others).code).toBe('CHANNEL_NOT_FOUND');
  });

  it('changes the level and mode of an own subscription only', async () => {
    const [first] = await listOf(viewer);
    const silent = await call('PATCH', `/notifications/subscriptions/${first!.id}`, viewer, { level: 'off' });
    expect(silent.statusCode, silent.body).toBe(200);
    expect(silent.json<SubscriptionBody>()).toMatchObject({ id: first!.id, level: 'off', mode: 'immediate' });
    const others = await call('PATCH', `/notifications/subscriptions/${first!.id}`, other, { level: 'on' });
    expect(others.statusCode).toBe(404);
    expect(errorOf(others).code).toBe('SUBSCRIPTION_NOT_FOUND');
    expect((await listOf(viewer))[0]!.level, 'unchanged by the other user').toBe('off');

    const empty = await call('PATCH', `/notifications/subscriptions/${first!.id}`, viewer, {});
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).message).toMatch(/give level, mode or both/);
    const digest = await call('PATCH', `/notifications/subscriptions/${first!.id}`, viewer, { mode: 'digest' });
    expect(errorOf(digest).code, 'the first subscription is on a webhook').toBe('DIGEST_EMAIL_ONLY');
  });

  it('deletes an own subscription only', async () => {
    const [first] = await listOf(viewer);
    expect((await call('DELETE', `/notifications/subscriptions/${first!.id}`, other)).statusCode).toBe(404);
    const del = await call('DELETE', `/notifications/subscriptions/${first!.id}`, viewer);
    expect(del.statusCode).toBe(204);
    expect((await listOf(viewer)).map((s) => s.id)).not.toContain(first!.id);
    expect((await call('DELETE', `/notifications/subscriptions/${first!.id}`, viewer)).statusCode).toBe(404);
    expect((await call('DELETE', '/notifications/subscriptions/nope', viewer)).statusCode).toBe(400);
  });

  it("drops a channel's subscriptions with the channel", async () => {
    expect((await listOf(viewer)).some((s) => s.channel.id === emailId)).toBe(true);
    expect((await call('DELETE', `/notifications/channels/${emailId}`, viewer)).statusCode).toBe(204);
    expect((await listOf(viewer)).some((s) => s.channel.id === emailId)).toBe(false);
  });
});
