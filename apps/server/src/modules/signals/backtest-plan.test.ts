import { strategyDefinitionSchema } from '@marketlens/contracts';
import { computeRegimeFeatures, filteredProbs, fromModelJson, resampleBars, runBacktest } from '@marketlens/quant';
import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importBars, RSI_STRATEGY, seriesBars, until } from '../../../test/signals-fixtures';

// What a backtest reads besides the strategy: the regime fit behind a regime filter (filtered probabilities
// only), and stored bars finer than the strategy's timeframe (resampled).

const daily = seriesBars(2999, 21);
const hourly = seriesBars(1199, 5, 3_600_000); // 1,200 hourly bars from 2024-01-01: 300 whole 4h buckets
const iso = (ts: number) => new Date(ts).toISOString();
const CALM = { ...RSI_STRATEGY, name: 'rsi-calm', regime: { allow: ['low vol'], minProbability: 0.6 } };

describeEachApp('backtest inputs: regime filter and resampling', (getApp) => {
  let analyst: FixtureUser;
  let fitId: string;
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: analyst.authorization,
      ...(payload === undefined ? {} : { payload }),
    });
  const backtest = async (payload: object) => {
    const res = await call('POST', '/backtests', payload);
    expect(res.statusCode, res.body).toBe(202);
    return until('the backtest', async () => {
      const b = (await call('GET', `/backtests/${res.json().id}`)).json();
      return b.status === 'succeeded' || b.status === 'failed' ? b : undefined;
    });
  };
  const strategy = async (doc: object) => (await call('POST', '/strategies', doc)).json().id as string;

  it("filters entries on the tracked fit's filtered probabilities and breaks trades down by regime", async () => {
    const { ctx } = getApp();
    analyst = await createFixtureUser(ctx, 'analyst');
    await ctx.jobs.start();
    await importBars(ctx, 'RGDAY', daily, '1d');
    const fit = await call('POST', '/regimes/fits', {
      symbol: 'RGDAY',
      features: ['logret'],
      states: 3,
      restarts: 1,
      seed: 1,
      tracked: true,
    });
    expect(fit.statusCode, fit.body).toBe(201);
    fitId = fit.json().id;

    const from = daily[1000]!.ts;
    const done = await backtest({ strategyId: await strategy(CALM), symbol: 'RGDAY', from: iso(from) });
    expect(done.error).toBeNull();
    const result = done.result;
    expect(result.regimeFitId).toBe(fitId);
    expect(result.firstBarTime).toBe(iso(from));
    expect(result.lookAhead.mismatches, 'the filter reads no future bar').toBe(0);

    // Independently: quant's batch forward filter over the whole stored series. The backtest's filter starts
    // 500 bars before `from`; by then the two have forgotten where they started.
    const model = fromModelJson((await call('GET', `/regimes/fits/${fitId}/model`)).json());
    const calm = model.stateNames.flatMap((name, k) => (name.endsWith('low vol') ? [k] : []));
    const { X, rowIndex } = computeRegimeFeatures(daily, model.features);
    const probs = filteredProbs(model.params, X);
    const rowOf = new Map(Array.from(rowIndex, (t, r) => [iso(daily[t]!.ts), r]));
    expect(result.trades.length).toBeGreaterThan(5);
    for (const trade of result.trades) {
      const r = rowOf.get(trade.signalTime)!;
      const p = calm.reduce((s, k) => s + probs[r * model.params.nStates + k]!, 0);
      expect(p, `P(low vol) at ${trade.signalTime}`).toBeGreaterThanOrEqual(0.6 - 1e-9);
    }
    const unfiltered = runBacktest(strategyDefinitionSchema.parse(RSI_STRATEGY), daily.slice(1000));
    expect(result.trades.length).toBeLessThan(unfiltered.trades.length);
    expect(result.regimes.reduce((n: number, r: { trades: number }) => n + r.trades, 0)).toBe(result.trades.length);
    expect(result.regimes.map((r: { regime: string }) => r.regime)).toEqual(
      expect.arrayContaining([expect.stringMatching(/low vol$/)]),
    );
  });

  it('breaks a strategy without a regime filter down by the tracked fit, trading exactly as without it', async () => {
    const from = daily[1000]!.ts;
    const done = await backtest({
      strategyId: await strategy({ ...RSI_STRATEGY, name: 'rsi-plain' }),
      symbol: 'RGDAY',
      from: iso(from),
    });
    expect(done.error).toBeNull();
    const result = done.result;
    expect(result.regimeFitId, 'the tracked fit labels the trades').toBe(fitId);
    const unfiltered = runBacktest(strategyDefinitionSchema.parse(RSI_STRATEGY), daily.slice(1000));
    expect(result.trades.length, 'labels only: no entry is filtered').toBe(unfiltered.trades.length);
    expect(result.regimes.length).toBeGreaterThan(1);
    expect(result.regimes.reduce((n: number, r: { trades: number }) => n + r.trades, 0)).toBe(result.trades.length);
  });

  it('refuses labels the fit does not have, a fit of another series, and a symbol without a tracked fit', async () => {
    const { ctx } = getApp();
    const odd = await strategy({ ...CALM, name: 'odd', regime: { allow: ['sideways'] } });
    const res = await call('POST', '/backtests', { strategyId: odd, symbol: 'RGDAY' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'REGIME_LABEL_UNKNOWN', details: { unknown: ['sideways'] } });

    await importBars(ctx, 'NOFIT', daily.slice(0, 300), '1d');
    const noFit = await call('POST', '/backtests', {
      strategyId: await strategy({ ...CALM, name: 'c2' }),
      symbol: 'NOFIT',
    });
    expect(noFit.json().error).toMatchObject({
      code: 'NO_TRACKED_REGIME_FIT',
      message: expect.stringMatching(/tracked regime fit of NOFIT 1d/),
    });
    const pinned = await strategy({ ...CALM, name: 'c3', regime: { ...CALM.regime, fitId } });
    const other = await call('POST', '/backtests', { strategyId: pinned, symbol: 'NOFIT' });
    expect(other.json().error.code).toBe('REGIME_FIT_MISMATCH');
    expect((await backtest({ strategyId: pinned, symbol: 'RGDAY' })).status).toBe('succeeded');
  });

  it("resamples stored bars finer than the strategy's timeframe, from whole buckets only", async () => {
    const { ctx } = getApp();
    await importBars(ctx, 'RSHOUR', hourly, '1h');
    const fourHour = { ...RSI_STRATEGY, name: 'rsi-4h', timeframe: '4h' as const };
    const id = await strategy(fourHour);
    const done = await backtest({ strategyId: id, symbol: 'RSHOUR' });
    expect(done).toMatchObject({ status: 'succeeded', timeframe: '1h' });
    const buckets = resampleBars(hourly, '4h', { source: '1h' }).bars;
    expect(done.result.bars).toBe(300);
    const direct = runBacktest(strategyDefinitionSchema.parse(fourHour), buckets);
    expect(done.result.trades.map((t: { entryTime: string }) => t.entryTime)).toEqual(
      direct.trades.map((t) => iso(t.entryTs)),
    );
    // A range starting inside a bucket starts at the next whole one.
    const late = await backtest({ strategyId: id, symbol: 'RSHOUR', from: iso(hourly[2]!.ts) });
    expect(late.result).toMatchObject({ bars: 299, firstBarTime: iso(hourly[4]!.ts) });
  });
});
