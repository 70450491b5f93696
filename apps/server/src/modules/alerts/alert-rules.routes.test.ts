import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { insertChannel, insertSubscription, startWebhookReceiver } from '../../../test/notify-fixtures';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { outbox } from '../../db/schema';
import type { ChannelSender } from '../../notify/channel';
import { createWebhookSender } from '../../notify/channels/webhook.channel';
import { NotificationDispatcher } from '../../notify/dispatcher';
import { evaluateRules } from './alert-rules.service';

// Alert rules through the API: created from the newest data, raised once per crossing by alerts.evaluate with
// the values that triggered them, written to the outbox with the event, and delivered to a subscribed webhook.

const bars = regimeBars(260, 3);
const iso = (ts: number) => new Date(ts).toISOString();

describeEachApp('alert rules', (getApp) => {
  let viewer: FixtureUser;
  let other: FixtureUser;
  let ruleId = '';
  let level = 0;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.authorization ?? {},
      ...(payload === undefined ? {} : { payload }),
    });

  it('lists the kinds with their params, and refuses unknown kinds, bad params and unknown symbols in words', async () => {
    const { ctx } = getApp();
    viewer = await createFixtureUser(ctx, 'viewer');
    other = await createFixtureUser(ctx, 'viewer');
    await importRegimeBars(ctx, 'ALRT', bars.slice(0, 200), 'crypto');
    expect((await call('GET', '/alerts/kinds')).statusCode).toBe(401);
    const kinds = (await call('GET', '/alerts/kinds', viewer)).json().kinds as Array<{
      kind: string;
      params: { properties: object };
    }>;
    expect(kinds.map((k) => k.kind)).toEqual([
      'price_cross',
      'price_move',
      'regime_change',
      'forecast_band',
      'screen_change',
      'risk_jump',
    ]);
    expect(Object.keys(kinds[0]!.params.properties)).toEqual(['level', 'direction']);

    const base = { name: 'breakout', kind: 'price_cross', symbol: 'ALRT', params: { level: 100 } };
    const cases: Array<[object, number, string, RegExp]> = [
      [
        { ...base, kind: 'moon' },
        400,
        'UNKNOWN_ALERT_KIND',
        /no alert kind "moon"; the kinds are price_cross, price_move/,
      ],
      [{ ...base, params: { level: -5 } }, 400, 'INVALID_ALERT_PARAMS', /^price_cross: params\.level: /],
      [{ ...base, params: { level: 100, when: 'now' } }, 400, 'INVALID_ALERT_PARAMS', /params: .*when/],
      [{ ...base, kind: 'price_move', params: { pct: 0.05 } }, 400, 'INVALID_ALERT_PARAMS', /params\.windowBars/],
      [{ ...base, symbol: 'NOPE' }, 404, 'INSTRUMENT_NOT_FOUND', /NOPE/],
      [{ ...base, name: '' }, 400, 'VALIDATION_FAILED', /name/],
    ];
    for (const [body, status, code, text] of cases) {
      const res = await call('POST', '/alerts/rules', viewer, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error).toMatchObject({ code, message: expect.stringMatching(text) });
    }
    expect((await call('GET', '/alerts/rules', viewer)).json().rules, 'nothing stored').toEqual([]);
  });

  it('starts from the newest bar, raises each crossing of new bars once, with its values', async () => {
    const { ctx } = getApp();
    // A level the next 60 bars cross at least once, that the last stored bar is not on.
    const next = bars.slice(200, 260);
    const lastClose = bars[199]!.close;
    const crossing = next.find((b) => b.close > lastClose * 1.01 || b.close < lastClose * 0.99);
    expect(crossing, 'the fixture moves more than 1% in 60 bars').toBeDefined();
    level = (lastClose + crossing!.close) / 2;
    const res = await call('POST', '/alerts/rules', viewer, {
      name: 'mid level',
      kind: 'price_cross',
      symbol: 'alrt',
      params: { level },
    });
    expect(res.statusCode, res.body).toBe(201);
    ruleId = res.json().id;
    expect(res.json()).toMatchObject({
      symbol: 'ALRT',
      timeframe: '1d',
      enabled: true,
      description: `close crosses ${Number(level.toPrecision(8))}`,
      lastTriggeredAt: null,
    });
    expect(await evaluateRules(ctx, { symbol: 'ALRT' }), 'no new bar: nothing, history never fires').toEqual({
      rules: 1,
      events: 0,
    });

    await importRegimeBars(ctx, 'ALRT', next, 'crypto');
    const wanted: string[] = [];
    let prev = lastClose;
    for (const b of next) {
      if ((prev < level && b.close >= level) || (prev > level && b.close <= level)) wanted.push(iso(b.ts));
      prev = b.close;
    }
    const first = await evaluateRules(ctx, { symbol: 'ALRT' });
    expect(first).toEqual({ rules: 1, events: wanted.length });
    expect(await evaluateRules(ctx, { symbol: 'ALRT' }), 'a second run raises nothing again').toEqual({
      rules: 1,
      events: 0,
    });
    const events = (await call('GET', `/alerts/events?ruleId=${ruleId}`, viewer)).json().events as Array<{
      at: string;
      values: { close: number; level: number; side: string };
      message: string;
    }>;
    expect(events.map((e) => e.at).sort()).toEqual(wanted);
    for (const e of events) {
      expect(e.values.level).toBe(level);
      expect(e.message).toMatch(new RegExp(`^ALRT closed ${e.values.side} `));
    }
    const rows = await ctx.db.orm.select().from(outbox).where(eq(outbox.topic, 'alert'));
    expect(rows, 'one notification per event').toHaveLength(wanted.length);
  });

  it('delivers a raised alert to a channel subscribed to the rule', async () => {
    const { ctx } = getApp();
    const dispatcher = new NotificationDispatcher(ctx, {
      senders: new Map([
        [
          'webhook',
          createWebhookSender({ timeoutMs: 2000, allowPrivateTargets: true, userAgent: 't' }) as ChannelSender,
        ],
      ]),
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
    // The events so far are routed while nobody is subscribed: they go nowhere, now or later.
    await dispatcher.runOnce();
    const hook = await insertChannel(
      ctx,
      viewer.user.id,
      'webhook',
      { url: receiver.url },
      { secret: 's3cret-s3cret' },
    );
    await insertSubscription(ctx, viewer.user.id, hook, 'alert_rule', ruleId);
    await dispatcher.runOnce();
    expect(receiver.received).toHaveLength(0);
    const lastTs = bars[259]!.ts;
    const far = bars[259]!.close > level ? level * 0.5 : level * 1.5;
    await importRegimeBars(
      ctx,
      'ALRT',
      [{ ...bars[259]!, ts: lastTs + 86_400_000, open: far, high: far, low: far, close: far }],
      'crypto',
    );
    expect((await evaluateRules(ctx, {})).events).toBe(1);
    await dispatcher.runOnce();
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body).toMatchObject({ topic: 'alert', url: 'http://ml.test/alerts', payload: { ruleId, symbol: 'ALRT' } });
    expect(body.title).toMatch(/^mid level: ALRT closed (above|below) /);
  });

  it("keeps each user's rules to themselves and starts a changed rule from the newest data", async () => {
    for (const [method, url, body] of [
      ['GET', `/alerts/rules/${ruleId}`, undefined],
      ['PATCH', `/alerts/rules/${ruleId}`, { enabled: false }],
      ['DELETE', `/alerts/rules/${ruleId}`, undefined],
      ['GET', `/alerts/events?ruleId=${ruleId}`, undefined],
    ] as const) {
      const res = await call(method, url, other, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('ALERT_RULE_NOT_FOUND');
    }
    expect((await call('GET', '/alerts/events', other)).json().events).toEqual([]);
    const changed = await call('PATCH', `/alerts/rules/${ruleId}`, viewer, {
      params: { level: 1e9 },
      cooldownMinutes: 60,
    });
    expect(changed.json()).toMatchObject({ params: { level: 1e9, direction: 'either' }, cooldownMinutes: 60 });
    const bad = await call('PATCH', `/alerts/rules/${ruleId}`, viewer, { params: { level: 'high' } });
    expect(bad.json().error).toMatchObject({
      code: 'INVALID_ALERT_PARAMS',
      message: expect.stringMatching(/params\.level/),
    });
    expect((await call('DELETE', `/alerts/rules/${ruleId}`, viewer)).statusCode).toBe(204);
    expect((await call('GET', '/alerts/rules', viewer)).json().rules).toEqual([]);
  });
});
