import { StrategyRunner } from '@marketlens/quant';
import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { until } from '../../../test/signals-fixtures';
import { getBars } from '../instruments/instruments.service';
import { createDeployment } from './deployments.service';
import { SignalEngine } from './engine/signal-engine';
import { createStrategy } from './strategies.service';

// POST /replays: a stored series replayed into another instrument through the job queue, and the live engine
// on that instrument producing the signals the strategy gives on those bars; every refusal before a job runs.

const bars = regimeBars(300, 9);
const iso = (ts: number) => new Date(ts).toISOString();
const STRATEGY = {
  name: 'replay-test',
  timeframe: '1d',
  side: 'long',
  entry: 'crosses_above(ema(close, 5), sma(close, 20))',
  exit: 'crosses_below(ema(close, 5), sma(close, 20))',
  fees: { rate: 0.001 },
};

describeEachApp('replays API', (getApp) => {
  let admin: FixtureUser;
  const replay = (body: object, who: FixtureUser = admin) =>
    getApp().app.inject({ method: 'POST', url: '/api/v1/replays', payload: body, headers: who.authorization });

  it('replays the stored series into the live path: bars stored, deployments signal as on live data', async () => {
    const { ctx, app } = getApp();
    admin = await createFixtureUser(ctx, 'admin');
    await ctx.jobs.start();
    await importRegimeBars(ctx, 'RSRC', bars, 'crypto');
    await importRegimeBars(ctx, 'RDST', bars.slice(0, 100), 'crypto');
    const strategy = await createStrategy(ctx, STRATEGY, admin.user.id);
    const d = await createDeployment(ctx, { strategyId: strategy.id, symbol: 'RDST' }, admin.user.id);

    const res = await replay({ symbol: 'rsrc', timeframe: '1d', from: iso(bars[100]!.ts), storeAs: 'RDST', speed: 0 });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ id: expect.any(String), job: 'signals.replay' });
    const run = await until('the replay job', async () => {
      const runs = await app.inject({ url: '/api/v1/jobs/runs?name=signals.replay', headers: admin.authorization });
      const mine = runs.json().runs.find((r: { id: string }) => r.id === res.json().id);
      return mine?.status === 'succeeded' || mine?.status === 'failed' ? mine : undefined;
    });
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    const stored = await getBars(ctx, 'RDST', { timeframe: '1d', limit: 1000 });
    expect(stored.bars.map((b) => b.close)).toEqual(bars.map((b) => b.close));

    await new SignalEngine(ctx, {
      pollMs: 60_000,
      warmupBars: 1000,
      maxBarsPerPass: 1000,
      now: () => Date.now(),
    }).runOnce();
    const runner = new StrategyRunner(STRATEGY as never);
    bars.slice(0, 100).forEach((b) => runner.step(b));
    runner.startFlat();
    const wanted: string[] = [];
    for (const b of bars.slice(100)) {
      const ev = runner.step(b);
      if (ev.signal) wanted.push(`${iso(b.ts)} ${ev.signal.action}`);
    }
    expect(wanted.length, 'the replayed bars hold signals').toBeGreaterThan(2);
    const list = await app.inject({
      url: `/api/v1/signals?strategyId=${strategy.id}&limit=500`,
      headers: admin.authorization,
    });
    const got = (list.json().signals as Array<{ barTs: string; action: string }>)
      .map((s) => `${s.barTs} ${s.action}`)
      .sort();
    expect(got).toEqual(wanted.sort());
    expect(d.enabled).toBe(true);
  });

  it('refuses, before queueing anything, what cannot be replayed', async () => {
    const { ctx } = getApp();
    const analyst = await createFixtureUser(ctx, 'analyst');
    expect((await replay({ symbol: 'RSRC', timeframe: '1d', storeAs: 'X' }, analyst)).statusCode).toBe(403);
    const cases: Array<[object, number, string, RegExp?]> = [
      [{ symbol: 'NOPE', timeframe: '1d', storeAs: 'X' }, 404, 'INSTRUMENT_NOT_FOUND'],
      [
        { symbol: 'RSRC', timeframe: '1d', storeAs: 'rsrc' },
        400,
        'REPLAY_INTO_ITSELF',
        /another instrument than the source RSRC/,
      ],
      [
        { symbol: 'RSRC', timeframe: '1d', storeAs: 'X', from: iso(bars[9]!.ts), to: iso(bars[3]!.ts) },
        400,
        'BAD_RANGE',
      ],
      [
        { symbol: 'RSRC', timeframe: '1d', storeAs: 'X', resampleTo: '1h' },
        400,
        'BAD_RESAMPLE',
        /must be coarser than the replayed 1d/,
      ],
      [{ symbol: 'RSRC', storeAs: 'X' }, 400, 'NO_BARS_TO_REPLAY', /RSRC has no 1m bars to replay/],
      [
        { symbol: 'RSRC', timeframe: '1d', storeAs: 'X', from: iso(bars.at(-1)!.ts + 86_400_000) },
        400,
        'NO_BARS_TO_REPLAY',
        /in that range/,
      ],
      [{ symbol: 'RSRC', timeframe: '1d', storeAs: 'X', speed: -1 }, 400, 'VALIDATION_FAILED'],
      [{ symbol: 'RSRC', timeframe: '1d', storeAs: 'X', pace: 2 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code, text] of cases) {
      const res = await replay(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBe(code);
      if (text) expect(res.json().error.message).toMatch(text);
    }
    const runs = await getApp().app.inject({
      url: '/api/v1/jobs/runs?name=signals.replay',
      headers: admin.authorization,
    });
    expect(runs.json().runs, 'only the first test queued a replay').toHaveLength(1);
  });
});
