import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { SignalEngine } from './engine/signal-engine';

// Deployments, the signals list and the live stream through HTTP, with the engine run by hand in between.

const STRATEGY = {
  name: 'routes-cross',
  timeframe: '1d',
  side: 'long',
  entry: 'crosses_above(ema(close, 5), sma(close, 20))',
  exit: 'crosses_below(ema(close, 5), sma(close, 20))',
  fees: { rate: 0.001 },
};
const bars = regimeBars(700, 3);

describeEachApp('signals and deployments API', (getApp) => {
  let viewer: FixtureUser;
  let analyst: FixtureUser;
  let admin: FixtureUser;
  let deploymentId: string;
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who?: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.authorization ?? {},
      ...(payload === undefined ? {} : { payload }),
    });
  const runEngine = () =>
    new SignalEngine(getApp().ctx, {
      pollMs: 60_000,
      warmupBars: 1000,
      maxBarsPerPass: 5000,
      now: () => Date.now(),
    }).runOnce();

  it('lets admins deploy a strategy, refuses others, duplicates and unknown strategies', async () => {
    const { ctx } = getApp();
    viewer = await createFixtureUser(ctx, 'viewer');
    analyst = await createFixtureUser(ctx, 'analyst');
    admin = await createFixtureUser(ctx, 'admin');
    await importRegimeBars(ctx, 'LIVE', bars.slice(0, 300), 'crypto');
    const strategyId = (await call('POST', '/strategies', analyst, STRATEGY)).json<{ id: string }>().id;

    expect((await call('POST', '/deployments', analyst, { strategyId, symbol: 'LIVE' })).statusCode).toBe(403);
    const created = await call('POST', '/deployments', admin, { strategyId, symbol: 'live' });
    expect(created.statusCode, created.body).toBe(201);
    const deployment = created.json<{ id: string }>();
    deploymentId = deployment.id;
    expect(deployment).toMatchObject({
      strategyName: 'routes-cross',
      version: 1,
      symbol: 'LIVE',
      timeframe: '1d',
      enabled: true,
      lastBarTs: null,
    });

    const again = await call('POST', '/deployments', admin, { strategyId, symbol: 'LIVE' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('DEPLOYMENT_EXISTS');
    const unknown = await call('POST', '/deployments', admin, {
      strategyId: '00000000-0000-4000-8000-000000000000',
      symbol: 'LIVE',
    });
    expect(unknown.statusCode).toBe(404);
    const noSymbol = await call('POST', '/deployments', admin, { strategyId, symbol: 'NOPE' });
    expect(noSymbol.statusCode).toBe(404);
    const list = await call('GET', '/deployments', viewer);
    expect(list.json<{ deployments: unknown[] }>().deployments).toHaveLength(1);
  });

  it('lists signals newest first, page by page with a cursor, filtered, and refuses a forged cursor', async () => {
    const { ctx } = getApp();
    await importRegimeBars(ctx, 'LIVE', bars.slice(300, 700), 'crypto');
    await runEngine();
    const all = (await call('GET', '/signals?limit=500', viewer)).json<{
      signals: Array<{ id: string; barTs: string; action: string; evidence: { rule: string } }>;
    }>().signals;
    expect(all.length).toBeGreaterThan(6);
    expect(all[0]!.evidence.rule).toMatch(/crosses_/);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { signals: Array<{ id: string }>; nextCursor: string | null } = (
        await call('GET', `/signals?limit=3${cursor ? `&cursor=${cursor}` : ''}`, viewer)
      ).json();
      seen.push(...page.signals.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen, 'pages cover every signal once, in the same order').toEqual(all.map((s) => s.id));

    const exits = (await call('GET', '/signals?action=exit_long&symbol=LIVE', viewer)).json<{
      signals: Array<{ action: string }>;
    }>();
    expect(exits.signals.length).toBeGreaterThan(0);
    expect(exits.signals.every((s) => s.action === 'exit_long')).toBe(true);
    const forged = await call('GET', '/signals?cursor=bm90LWEtY3Vyc29y', viewer);
    expect(forged.statusCode).toBe(400);
    expect((await call('GET', '/signals')).statusCode).toBe(401);

    const deployment = (await call('GET', `/deployments/${deploymentId}`, viewer)).json<{
      lastBarTs: string;
      markedEquity: number;
    }>();
    expect(deployment.lastBarTs).toBe(new Date(bars[699]!.ts).toISOString());
    const trades = (await call('GET', `/deployments/${deploymentId}/trades`, viewer)).json<{ trades: unknown[] }>();
    expect(trades.trades.length).toBeGreaterThan(2);
  });

  it('streams new signals as Server-Sent Events to a viewer, and says how to ask for the stream', async () => {
    const { ctx, app } = getApp();
    expect((await call('GET', '/signals/stream', viewer)).statusCode, 'without Accept: text/event-stream').toBe(406);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/v1/signals/stream`, {
      headers: { accept: 'text/event-stream', ...viewer.authorization },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const read = async (until: (t: string) => boolean) => {
      while (!until(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    };
    await read((t) => t.includes(': connected'));

    // A second strategy on a new series: every signal it writes must reach the open stream, once.
    await importRegimeBars(ctx, 'STREAM', bars.slice(0, 300), 'crypto');
    const strategyId = (await call('POST', '/strategies', analyst, { ...STRATEGY, name: 'routes-stream' })).json<{
      id: string;
    }>().id;
    expect((await call('POST', '/deployments', admin, { strategyId, symbol: 'STREAM' })).statusCode).toBe(201);
    await importRegimeBars(ctx, 'STREAM', bars.slice(300, 700), 'crypto');
    await runEngine();
    const stored = (await call('GET', `/signals?limit=500&strategyId=${strategyId}`, viewer)).json<{
      signals: Array<{ id: string }>;
    }>().signals;
    expect(stored.length).toBeGreaterThan(0);
    // The feed reads what the engine wrote: at once in this process, or at its next poll.
    await read((t) => stored.every((s) => t.includes(s.id)));
    const events = text.split('\n\n').filter((frame) => frame.includes('event: signal'));
    const ids = events.map((frame) => (JSON.parse(frame.split('\ndata: ')[1]!) as { id: string }).id);
    expect(new Set(ids).size, 'no signal twice').toBe(ids.length);
    expect(ids.sort()).toEqual(stored.map((s) => s.id).sort());
    controller.abort();

    // Reconnecting with the id of the first event: exactly the signals after it arrive first.
    const firstId = events[0]!
      .split('\n')
      .find((line) => line.startsWith('id: '))!
      .slice(4);
    const resumed = new AbortController();
    const again = await fetch(`${address}/api/v1/signals/stream`, {
      headers: { accept: 'text/event-stream', 'last-event-id': firstId, ...viewer.authorization },
      signal: resumed.signal,
    });
    const reader2 = again.body!.getReader();
    let text2 = '';
    while ((text2.match(/event: signal/g) ?? []).length < events.length - 1) {
      const { value, done } = await reader2.read();
      if (done) break;
      text2 += decoder.decode(value, { stream: true });
    }
    const missed = text2
      .split('\n\n')
      .filter((frame) => frame.includes('event: signal'))
      .map((frame) => (JSON.parse(frame.split('\ndata: ')[1]!) as { id: string }).id);
    const firstSent = (JSON.parse(events[0]!.split('\ndata: ')[1]!) as { id: string }).id;
    expect([...missed].sort(), 'every signal after the last one received, once').toEqual(
      ids.filter((id) => id !== firstSent).sort(),
    );
    resumed.abort();
  });

  it('disables a deployment (admins only) and the engine then leaves it alone', async () => {
    const { ctx } = getApp();
    expect((await call('PATCH', `/deployments/${deploymentId}`, analyst, { enabled: false })).statusCode).toBe(403);
    const off = await call('PATCH', `/deployments/${deploymentId}`, admin, { enabled: false });
    expect(off.json<{ enabled: boolean }>().enabled).toBe(false);
    const before = (await call('GET', `/signals?limit=500&symbol=LIVE`, viewer)).json<{ signals: unknown[] }>().signals
      .length;
    await importRegimeBars(ctx, 'LIVE', regimeBars(760, 3).slice(700), 'crypto');
    await runEngine();
    const after = (await call('GET', `/signals?limit=500&symbol=LIVE`, viewer)).json<{ signals: unknown[] }>().signals
      .length;
    expect(after).toBe(before);
  });
});
