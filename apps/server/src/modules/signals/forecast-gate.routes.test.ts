import { strategyDefinitionSchema } from '@marketlens/contracts';
import { runBacktest, StrategyRunner, type EntryFilter } from '@marketlens/quant';
import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { until } from '../../../test/signals-fixtures';
import type { AppContext } from '../../context';
import { createDeployment } from './deployments.service';
import { SignalEngine } from './engine/signal-engine';

// The forecast gate in backtests and live, checked against the serving path: every prediction the gate used
// must be what GET /forecasts answered when that bar was the newest, and the gated trades must be those of
// the engine run with a filter built from those answers alone.

const all = regimeBars(700, 5);
const MODEL = 'forecast-GATE-h1';
const iso = (ts: number) => new Date(ts).toISOString();
const DAY = 86_400_000;

const STRATEGY = {
  name: 'gated',
  timeframe: '1d',
  side: 'both',
  entry: 'crosses_above(ema(close, 3), sma(close, 8))',
  exit: 'crosses_below(ema(close, 3), sma(close, 8))',
  entryShort: 'crosses_below(ema(close, 3), sma(close, 8))',
  exitShort: 'crosses_above(ema(close, 3), sma(close, 8))',
  fees: { rate: 0.001 },
  gate: { model: MODEL, minPredictedReturn: 0 },
};

/** The gate as the serving path says it should judge: long when the forecast is >= min, short when <= -min. */
function servedGate(served: Map<number, number>, min: number): EntryFilter {
  return ({ bar, side }) => {
    const p = served.get(bar.ts);
    return { allow: p !== undefined && (side === 'long' ? p >= min : p <= -min) };
  };
}

/** Median of the absolute forecasts: a threshold that lets about half of the entries through. */
function medianAbs(values: Iterable<number>): number {
  const sorted = [...values].map(Math.abs).sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

describeEachApp('forecast gate', (getApp) => {
  let analyst: FixtureUser;
  let viewer: FixtureUser;
  let strategyId = '';
  let strategy = STRATEGY;
  /** Bar open time -> the champion's predicted log return answered by GET /forecasts for that newest bar. */
  const served = new Map<number, number>();
  const call = (method: 'GET' | 'POST', url: string, who: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.authorization,
      ...(payload === undefined ? {} : { payload }),
    });
  /** Stores bars one at a time, asking the serving path for the forecast of each while it is the newest. */
  async function addBarsAndServe(ctx: AppContext, from: number, to: number) {
    for (let i = from; i < to; i++) {
      await importRegimeBars(ctx, 'GATE', [all[i]!], 'crypto');
      const res = await call('GET', '/forecasts/GATE?horizon=1', viewer);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().asOf).toBe(iso(all[i]!.ts));
      served.set(all[i]!.ts, res.json().forecast.logReturn as number);
    }
  }

  it('backtests a gated strategy from the close of the last training bar on, with the served predictions', async () => {
    const { ctx } = getApp();
    analyst = await createFixtureUser(ctx, 'analyst');
    viewer = await createFixtureUser(ctx, 'viewer');
    await ctx.jobs.start();
    await importRegimeBars(ctx, 'GATE', all.slice(0, 600), 'crypto');
    const trained = await call('POST', '/forecasts/train', analyst, {
      symbol: 'GATE',
      model: 'ridge',
      horizon: 1,
      interval: 0.9,
    });
    expect(trained.statusCode, trained.body).toBe(201);
    await addBarsAndServe(ctx, 600, 660);
    strategy = { ...STRATEGY, gate: { model: MODEL, minPredictedReturn: medianAbs(served.values()) } };
    strategyId = (await call('POST', '/strategies', analyst, strategy)).json().id;

    const early = await call('POST', '/backtests', analyst, { strategyId, symbol: 'GATE' });
    expect(early.statusCode, 'the whole series starts inside the training window').toBe(400);
    expect(early.json().error).toMatchObject({
      code: 'GATE_LOOKS_AHEAD',
      message: expect.stringMatching(/fitted on bars up to .* from .* on \(set "from"\)/),
      details: { model: MODEL, version: 1, honestFrom: iso(all[599]!.ts + DAY) },
    });

    const res = await call('POST', '/backtests', analyst, { strategyId, symbol: 'GATE', from: iso(all[600]!.ts) });
    expect(res.statusCode, res.body).toBe(202);
    const done = await until('gated backtest', async () => {
      const b = (await call('GET', `/backtests/${res.json().id}`, viewer)).json();
      return b.status === 'succeeded' || b.status === 'failed' ? b : undefined;
    });
    expect(done.error).toBeNull();

    const spec = strategyDefinitionSchema.parse(strategy);
    const range = all.slice(600, 660);
    const gate = servedGate(served, strategy.gate.minPredictedReturn);
    const expected = runBacktest(spec, range, { filters: { gate } });
    const ungated = runBacktest(spec, range, {});
    const entries = (trades: typeof expected.trades) => trades.map((t) => `${t.side} ${iso(t.entryTs)}`);
    expect(expected.trades.length, 'the gate lets some entries through').toBeGreaterThan(0);
    expect(entries(expected.trades), 'and holds some back').not.toEqual(entries(ungated.trades));
    expect(done.result.trades.map((t: { side: string; entryTime: string }) => `${t.side} ${t.entryTime}`)).toEqual(
      entries(expected.trades),
    );
  });

  it('gates live signals with the prediction known when each bar closed, recorded as evidence', async () => {
    const { ctx } = getApp();
    const admin = await createFixtureUser(ctx, 'admin');
    const d = await createDeployment(ctx, { strategyId, symbol: 'GATE' }, admin.user.id);
    await addBarsAndServe(ctx, 660, 700);
    const engine = new SignalEngine(ctx, {
      pollMs: 60_000,
      warmupBars: 1000,
      maxBarsPerPass: 100,
      now: () => Date.now(),
    });
    await engine.runOnce();

    const runner = new StrategyRunner(strategyDefinitionSchema.parse(strategy), {
      filters: { gate: servedGate(served, strategy.gate.minPredictedReturn) },
    });
    all.slice(0, 660).forEach((b) => runner.step(b));
    runner.startFlat();
    const wanted: string[] = [];
    for (const b of all.slice(660, 700)) {
      const ev = runner.step(b);
      if (ev.signal) wanted.push(`${iso(b.ts)} ${ev.signal.action}`);
    }
    const list = (await call('GET', `/signals?strategyId=${strategyId}&limit=100`, viewer)).json().signals as Array<{
      barTs: string;
      action: string;
      evidence: { filters: { gate?: Record<string, unknown> } };
    }>;
    // One pass writes them all at once: the feed's order among them is arbitrary, the bars' is not.
    const mine = list
      .filter((s) => Date.parse(s.barTs) >= all[660]!.ts)
      .sort((a, b) => Date.parse(a.barTs) - Date.parse(b.barTs));
    expect(
      wanted.some((w) => w.includes('enter')),
      'the live bars have gated entries',
    ).toBe(true);
    expect(mine.map((s) => `${s.barTs} ${s.action}`)).toEqual(wanted);
    for (const s of mine.filter((x) => x.action.startsWith('enter'))) {
      const ts = Date.parse(s.barTs);
      expect(s.evidence.filters.gate).toMatchObject({ model: MODEL, alias: 'champion', version: 1, asOf: iso(ts) });
      expect(s.evidence.filters.gate!.prediction as number).toBeCloseTo(served.get(ts)!, 12);
    }
    expect(d.enabled).toBe(true);
  });

  it('refuses a gate whose model is missing or whose threshold is of the wrong kind, before anything runs', async () => {
    const { ctx } = getApp();
    const admin = await createFixtureUser(ctx, 'admin');
    const cases = [
      {
        gate: { model: 'forecast-NOPE-h1', minPredictedReturn: 0 },
        code: 'GATE_MODEL_NOT_FOUND',
        text: /does not have/,
      },
      {
        gate: { model: MODEL, alias: 'staging', minPredictedReturn: 0 },
        code: 'GATE_MODEL_NOT_FOUND',
        text: /staging/,
      },
      {
        gate: { model: MODEL, minProbUp: 0.6 },
        code: 'GATE_THRESHOLD_MISMATCH',
        text: /regression model: give minPredictedReturn/,
      },
    ];
    for (const [n, c] of cases.entries()) {
      const id = (
        await call('POST', '/strategies', analyst, { ...STRATEGY, name: `bad-gate-${n}`, gate: c.gate })
      ).json().id as string;
      const res = await call('POST', '/backtests', analyst, {
        strategyId: id,
        symbol: 'GATE',
        from: iso(all[600]!.ts),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toMatchObject({ code: c.code, message: expect.stringMatching(c.text) });
      await expect(createDeployment(ctx, { strategyId: id, symbol: 'GATE' }, admin.user.id)).rejects.toMatchObject({
        code: c.code,
      });
    }
  });
});
