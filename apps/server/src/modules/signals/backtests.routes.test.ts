import { strategyDefinitionSchema, type CreateBacktestRequest } from '@marketlens/contracts';
import { runBacktest } from '@marketlens/quant';
import { afterAll, describe, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importBars, RSI_STRATEGY, seriesBars, until } from '../../../test/signals-fixtures';
import type { ComputePool, ComputeRunOptions } from '../../compute/compute-pool';
import type { ComputeTask } from '../../compute/compute-task';
import type { AppContext } from '../../context';
import type { JobQueue } from '../../jobs/job-queue';
import { removeInstrument } from '../instruments/instruments.service';
import { createBacktest, getBacktest, runQueuedBacktest } from './backtests.service';
import { signalsBacktestJob } from './signals-backtest.job';

// Backtests through the API with the real in-process queue and compute pool: the stored result against the
// engine called directly, progress written while the job runs, and every refusal before anything is queued.

const bars = seriesBars(4999, 11); // 5,000 daily bars
const iso = (ts: number) => new Date(ts).toISOString();

/** The service with a queue that accepts and holds the job, so a test can run it by hand. */
const holdingJobs = (ctx: AppContext): AppContext => ({
  ...ctx,
  jobs: { enqueue: async () => ({ id: 'held' }) } as unknown as JobQueue,
});

describeEachApp('backtests API', (getApp) => {
  let viewer: FixtureUser;
  let analyst: FixtureUser;
  let strategyId: string;
  const call = (method: 'GET' | 'POST', url: string, who?: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.authorization ?? {},
      ...(payload === undefined ? {} : { payload }),
    });
  const finished = (id: string) =>
    until(`backtest ${id}`, async () => {
      const b = (await call('GET', `/backtests/${id}`, viewer)).json();
      return b.status === 'succeeded' || b.status === 'failed' ? b : undefined;
    });

  it('runs a backtest as a job whose stored trades are those of the engine on the same bars', async () => {
    const { ctx } = getApp();
    viewer = await createFixtureUser(ctx, 'viewer');
    analyst = await createFixtureUser(ctx, 'analyst');
    await ctx.jobs.start();
    await importBars(ctx, 'BTDAY', bars, '1d');
    strategyId = (await call('POST', '/strategies', analyst, RSI_STRATEGY)).json().id;

    expect((await call('POST', '/backtests', undefined, { strategyId, symbol: 'BTDAY' })).statusCode).toBe(401);
    expect((await call('POST', '/backtests', viewer, { strategyId, symbol: 'BTDAY' })).statusCode).toBe(403);
    const res = await call('POST', '/backtests', analyst, { strategyId, symbol: 'btday', lookAheadCuts: 3 });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({
      strategyId,
      version: 1,
      symbol: 'BTDAY',
      timeframe: '1d',
      status: 'queued',
      progress: 0,
      result: null,
    });

    const done = await finished(res.json().id);
    expect(done.error).toBeNull();
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, finishedAt: expect.any(String) });
    const direct = runBacktest(strategyDefinitionSchema.parse(RSI_STRATEGY), bars, { lookAheadCuts: 3 });
    const result = done.result;
    expect(result.bars).toBe(bars.length);
    expect(result.trades.length, 'the fixture strategy trades').toBeGreaterThan(50);
    expect(result.trades).toEqual(
      direct.trades.map((t) => ({
        side: t.side,
        signalTime: iso(bars[t.signalIndex]!.ts),
        entryTime: iso(t.entryTs),
        entryPrice: t.entryPrice,
        exitTime: iso(t.exitTs),
        exitPrice: t.exitPrice,
        returnPct: t.returnPct,
        exitReason: t.exitReason,
        bars: t.bars,
      })),
    );
    const { drawdown: _d, ...metrics } = direct.metrics;
    expect(result.metrics).toMatchObject(metrics);
    expect(result.lookAhead).toEqual({ cutPoints: 3, mismatches: 0, firstMismatch: null });
    expect(result.equityCurve.times.length).toBeLessThanOrEqual(2000);
    expect(result.engineSeconds).toBeGreaterThan(0);
    expect(result.regimes).toEqual([]);
  });

  it('lists backtests with their headline figures, per strategy too', async () => {
    const all = (await call('GET', '/backtests', viewer)).json().backtests;
    expect(all).toHaveLength(1);
    expect(all[0]).not.toHaveProperty('result');
    const full = (await call('GET', `/backtests/${all[0].id}`, viewer)).json();
    expect(all[0].headline).toEqual({
      totalReturn: full.result.metrics.totalReturn,
      buyAndHoldReturn: full.result.metrics.buyAndHoldReturn,
      maxDrawdown: full.result.metrics.maxDrawdown,
      trades: full.result.metrics.trades,
    });
    expect((await call('GET', `/strategies/${strategyId}/backtests`, viewer)).json().backtests).toEqual(all);
    const other = '00000000-0000-4000-8000-00000000abcd';
    expect((await call('GET', `/backtests?strategyId=${other}`, viewer)).json().backtests).toEqual([]);
    expect((await call('GET', `/backtests/${other}`, viewer)).json().error.code).toBe('BACKTEST_NOT_FOUND');
  });

  it('writes rising progress to the backtest row while the engine runs, then leaves a finished one alone', async () => {
    const { ctx } = getApp();
    const queued = await createBacktest(holdingJobs(ctx), { strategyId, symbol: 'BTDAY', lookAheadCuts: 2 });
    const seen: Array<{ progress: number; status: string }> = [];
    // The real pool, reading the row back after each progress write the service makes.
    const spy = {
      run: <I, O, P>(task: ComputeTask<I, O, P>, input: I, options: ComputeRunOptions<P> = {}) =>
        ctx.compute.run(task, input, {
          ...options,
          onProgress: async (value: P) => {
            await options.onProgress?.(value);
            const row = await getBacktest(ctx, queued.id);
            seen.push({ progress: row.progress, status: row.status });
          },
        }),
    } as unknown as ComputePool;
    const payload = { backtestId: queued.id, lookAheadCuts: 2, regimeFitId: null };
    expect(await runQueuedBacktest({ ...ctx, compute: spy }, payload)).toBe('succeeded');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((s) => s.status === 'running' && s.progress > 0 && s.progress < 1)).toBe(true);
    const progress = seen.map((s) => s.progress);
    expect(
      [...progress].sort((a, b) => a - b),
      'rising',
    ).toEqual(progress);
    const done = await getBacktest(ctx, queued.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: 1 });

    expect(await runQueuedBacktest(ctx, payload), 'delivered again: nothing to do').toBe('succeeded');
    expect(await getBacktest(ctx, queued.id)).toEqual(done);
  });

  it('fails a queued backtest with the reason when its bars are gone by the time it runs', async () => {
    const { ctx } = getApp();
    await importBars(ctx, 'GONE', bars.slice(0, 300), '1d');
    const queued = await createBacktest(holdingJobs(ctx), { strategyId, symbol: 'GONE', lookAheadCuts: 0 });
    await removeInstrument(ctx, 'GONE');
    const payload = { backtestId: queued.id, lookAheadCuts: 0, regimeFitId: null };
    expect(await runQueuedBacktest(ctx, payload)).toBe('failed');
    const failed = (await call('GET', `/backtests/${queued.id}`, viewer)).json();
    expect(failed).toMatchObject({ status: 'failed', result: null, error: 'Instrument GONE not found' });
  });

  it('fails a backtest whose job the queue gave up with the reason, and leaves a finished one alone', async () => {
    const { ctx } = getApp();
    const job = signalsBacktestJob(ctx);
    const held = await createBacktest(holdingJobs(ctx), { strategyId, symbol: 'BTDAY', lookAheadCuts: 0 });
    const finishedId = (await call('GET', '/backtests', viewer))
      .json()
      .backtests.find((b: { status: string }) => b.status === 'succeeded').id;
    const before = await getBacktest(ctx, finishedId);
    const reason = 'gave up after the worker running it stopped 11 times';
    for (const backtestId of [held.id, finishedId]) {
      await job.onGivenUp!({ backtestId, lookAheadCuts: 0, regimeFitId: null }, reason);
    }
    expect(await getBacktest(ctx, held.id)).toMatchObject({
      status: 'failed',
      result: null,
      error: `The backtest's job was given up: ${reason}`,
      finishedAt: expect.any(String),
    });
    expect(await getBacktest(ctx, finishedId)).toEqual(before);
  });

  it('refuses before queueing: unknown symbol, strategy or version, too few bars, a bad range', async () => {
    const stored = (await call('GET', '/backtests', viewer)).json().backtests.length;
    const post = (body: Partial<CreateBacktestRequest>) =>
      call('POST', '/backtests', analyst, { strategyId, symbol: 'BTDAY', ...body });
    const expectError = async (body: Partial<CreateBacktestRequest>, status: number, code: string) => {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      return res.json().error;
    };
    await expectError({ symbol: 'NOPE' }, 404, 'INSTRUMENT_NOT_FOUND');
    await expectError({ strategyId: '00000000-0000-4000-8000-00000000abcd' }, 404, 'STRATEGY_NOT_FOUND');
    await expectError({ version: 7 }, 404, 'STRATEGY_VERSION_NOT_FOUND');
    const few = await expectError({ from: iso(bars[100]!.ts), to: iso(bars[110]!.ts) }, 400, 'TOO_FEW_BARS');
    expect(few.message).toMatch(/has 10 1d bars from .* needs at least 16/);
    expect(few.details).toEqual({ bars: 10, required: 16 });
    await expectError({ from: iso(bars[0]!.ts - 10 * 86_400_000), to: iso(bars[0]!.ts) }, 400, 'TOO_FEW_BARS');
    await expectError({ from: iso(bars[10]!.ts), to: iso(bars[5]!.ts) }, 400, 'BAD_RANGE');
    await expectError({ lookAheadCuts: 99 }, 400, 'VALIDATION_FAILED');
    expect((await call('GET', '/backtests', viewer)).json().backtests, 'nothing was stored').toHaveLength(stored);
  });

  it('refuses coarser stored bars than the strategy needs, and backtests of an archived strategy', async () => {
    const hourly = await call('POST', '/strategies', analyst, { ...RSI_STRATEGY, name: 'hourly', timeframe: '1h' });
    const id = hourly.json().id;
    const res = await call('POST', '/backtests', analyst, { strategyId: id, symbol: 'BTDAY', timeframe: '1d' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'TIMEFRAME_MISMATCH',
      message: expect.stringMatching(/written for 1h bars; 1d bars are coarser/),
      details: { strategyTimeframe: '1h', barsTimeframe: '1d' },
    });
    const none = await call('POST', '/backtests', analyst, { strategyId: id, symbol: 'BTDAY' });
    expect(none.json().error).toMatchObject({ code: 'TOO_FEW_BARS', message: expect.stringMatching(/no 1h bars/) });

    await call('POST', `/strategies/${id}/archive`, analyst);
    const archived = await call('POST', '/backtests', analyst, { strategyId: id, symbol: 'BTDAY' });
    expect(archived.statusCode).toBe(409);
    expect(archived.json().error.code).toBe('STRATEGY_ARCHIVED');
  });
});

const distributed = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);
describe.skipIf(!distributed)('backtests on PostgreSQL with BullMQ on Redis', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
  });

  it('runs signals.backtest through a BullMQ worker and stores the same trades', async () => {
    t = await createTestApp({
      database: 'postgres',
      redis: true,
      config: { redis: { keyPrefix: `mlbacktest${process.pid}` } },
    });
    const { app, ctx } = t;
    const analyst = await createFixtureUser(ctx, 'analyst');
    await importBars(ctx, 'BTDIST', bars.slice(0, 1500), '1d');
    const inject = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers: analyst.authorization, ...(payload ? { payload } : {}) });
    const strategyId = (await inject('POST', '/strategies', RSI_STRATEGY)).json().id;
    await ctx.jobs.start();
    const res = await inject('POST', '/backtests', { strategyId, symbol: 'BTDIST' });
    expect(res.statusCode, res.body).toBe(202);
    const done = await until('the BullMQ backtest', async () => {
      const b = (await inject('GET', `/backtests/${res.json().id}`)).json();
      return b.status === 'succeeded' || b.status === 'failed' ? b : undefined;
    });
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, error: null });
    const direct = runBacktest(strategyDefinitionSchema.parse(RSI_STRATEGY), bars.slice(0, 1500));
    expect(done.result.trades.map((t: { exitTime: string }) => t.exitTime)).toEqual(
      direct.trades.map((trade) => iso(trade.exitTs)),
    );
    const runs = (await inject('GET', '/jobs/runs?name=signals.backtest')).json().runs;
    expect(runs[0]).toMatchObject({ name: 'signals.backtest', status: 'succeeded' });
  });
});
