import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { jobRuns as jobRunsTable } from '../../db/schema';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { resolveAlias, runOutcome, startRun } from '../registry/registry.service';
import { getModelDetail, getRun } from '../registry/registry-read.service';
import { forecastsTrainJob, type ForecastsTrainPayload } from './forecasts-train.job';
import { refreshForecastGauges } from './forecast-predict.service';
import { beats, comparableIncumbent } from './forecasts-retrain.job';
import { buildArtifact, TRADING_METRICS_CONVENTION, type ForecastSection } from './forecast-artifact';

// The slow paths with the real in-process queue: a large training as `forecasts.train` (202), predictions
// stored on bars.ingested with realised values joined later, and `forecasts.retrain` with auto-promotion.

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const all = regimeBars(700, 5);

describeEachApp('forecasts jobs', (getApp) => {
  let analyst: FixtureUser;
  let admin: FixtureUser;
  const inject = (method: 'GET' | 'POST', url: string, who: FixtureUser, payload?: object) =>
    getApp().app.inject({ method, url: `/api/v1${url}`, headers: who.authorization, ...(payload ? { payload } : {}) });
  // The runs API shows status and error; the handler's result is only in the table.
  const jobRuns = (name: string) =>
    getApp()
      .ctx.db.orm.select()
      .from(jobRunsTable)
      .where(eq(jobRunsTable.name, name))
      .orderBy(desc(jobRunsTable.queuedAt));

  it('queues a training above the inline limit as forecasts.train (202), which registers a version', async () => {
    const { ctx } = getApp();
    analyst = await createFixtureUser(ctx, 'analyst');
    admin = await createFixtureUser(ctx, 'admin');
    await ctx.jobs.start();
    await importRegimeBars(ctx, 'JOBS', all.slice(0, 600), 'crypto');
    const limit = ctx.config.forecasts.inlineMaxWork;
    ctx.config.forecasts.inlineMaxWork = 1;
    try {
      const res = await inject('POST', '/forecasts/train', analyst, { symbol: 'JOBS', model: 'ridge' });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toMatchObject({ status: 'queued', job: 'forecasts.train' });
    } finally {
      ctx.config.forecasts.inlineMaxWork = limit;
    }
    const run = await until('the training job', async () => {
      const [latest] = await jobRuns('forecasts.train');
      return latest && ['succeeded', 'failed'].includes(latest.status) ? latest : undefined;
    });
    expect(run.error).toBeNull();
    expect(run).toMatchObject({
      status: 'succeeded',
      result: { modelVersion: 1, aliases: ['challenger', 'champion'] },
    });
    expect(await resolveAlias(ctx, 'forecast-JOBS-h1', 'champion')).toMatchObject({ version: 1 });
  });

  it('fails a registry run a given-up training left running, and leaves a registered one alone', async () => {
    const { ctx } = getApp();
    const job = forecastsTrainJob(ctx);
    const request = { symbol: 'JOBS', model: 'ridge' } as ForecastsTrainPayload['request'];
    // A worker killed between opening the run and registering its version leaves it `running`.
    const stuck = randomUUID();
    await startRun(ctx, { runId: stuck, experiment: 'forecasts/JOBS/1', params: {}, source: { codeVersion: 'test' } });
    const [trained] = await jobRuns('forecasts.train');
    const registered = (trained!.result as { runId: string }).runId;
    const reason = 'gave up after the worker running it stopped 11 times';
    for (const trainingId of [stuck, registered, randomUUID()]) await job.onGivenUp!({ request, trainingId }, reason);
    expect(await runOutcome(ctx, stuck)).toEqual({ status: 'failed' });
    expect((await getRun(ctx, stuck)).error).toBe(`The training's job was given up: ${reason}`);
    expect(await runOutcome(ctx, registered)).toMatchObject({ status: 'succeeded', version: { version: 1 } });
  });

  it('stores a prediction when a bar arrives and fills its realised value when the next one does', async () => {
    const { ctx } = getApp();
    await importRegimeBars(ctx, 'JOBS', all.slice(0, 601), 'crypto');
    const history = () => inject('GET', '/forecasts/JOBS/predictions?horizon=1', analyst).then((r) => r.json());
    const first = await until('a stored prediction', async () => {
      const h = await history();
      return h.predictions?.length === 1 ? h : undefined;
    });
    const stored = first.predictions[0];
    expect(stored).toMatchObject({
      model: 'forecast-JOBS-h1',
      version: 1,
      asOf: new Date(all[600]!.ts).toISOString(),
      realised: null,
      hit: null,
    });
    expect(stored.basePrice).toBeCloseTo(all[600]!.close, 10);
    expect(stored.lower).toBeLessThan(stored.forecast);
    expect(stored.upper).toBeGreaterThan(stored.forecast);

    await importRegimeBars(ctx, 'JOBS', all.slice(0, 602), 'crypto');
    const second = await until('the realised value', async () => {
      const h = await history();
      return h.predictions?.length === 2 && h.predictions[1].realised !== null ? h : undefined;
    });
    const realised = second.predictions[1];
    expect(realised.asOf).toBe(stored.asOf);
    expect(realised.realised).toBeCloseTo(Math.log(all[601]!.close / all[600]!.close), 10);
    expect(realised.hit).toBe(realised.forecast > 0 === realised.realised > 0);
    expect(second.realisedCount).toBe(1);
    expect(second.rollingAccuracy).toBe(realised.hit ? 1 : 0);

    const metrics = await ctx.metrics.registry.metrics();
    expect(metrics).toContain(
      `marketlens_forecast_rolling_accuracy{symbol="JOBS",horizon="1"} ${realised.hit ? 1 : 0}`,
    );
    expect(metrics).toContain('marketlens_model_version_in_production{model="forecast-JOBS-h1"} 1');
    expect(metrics).toContain('marketlens_forecast_accuracy_samples{symbol="JOBS",horizon="1"} 1');

    // A restarted process (or another replica) knows nothing in memory; the scrape-time refresh reads it back.
    ctx.metrics.forecastRollingAccuracy.reset();
    ctx.metrics.modelVersionInProduction.reset();
    ctx.metrics.forecastAccuracySamples.reset();
    expect(await ctx.metrics.registry.metrics()).not.toContain('marketlens_forecast_rolling_accuracy{');
    await refreshForecastGauges(ctx);
    const refreshed = await ctx.metrics.registry.metrics();
    expect(refreshed).toContain(
      `marketlens_forecast_rolling_accuracy{symbol="JOBS",horizon="1"} ${realised.hit ? 1 : 0}`,
    );
    expect(refreshed).toContain('marketlens_model_version_in_production{model="forecast-JOBS-h1"} 1');
    expect(refreshed).toContain('marketlens_forecast_accuracy_samples{symbol="JOBS",horizon="1"} 1');
  });

  it('retrains every champion as a challenger; promotes only with autoPromote and a better metric', async () => {
    const { ctx } = getApp();
    ctx.config.forecasts.autoPromote = false;
    const runJob = async () => {
      const before = (await jobRuns('forecasts.retrain')).length;
      const res = await inject('POST', '/jobs/forecasts.retrain/run', admin);
      expect(res.statusCode, res.body).toBeLessThan(300);
      return until('the retrain job', async () => {
        const runs = await jobRuns('forecasts.retrain');
        const latest = runs[0];
        return runs.length > before && latest && ['succeeded', 'failed'].includes(latest.status) ? latest : undefined;
      });
    };
    const off = await runJob();
    expect(off.status).toBe('succeeded');
    expect(off.result).toEqual({
      retrained: [{ model: 'forecast-JOBS-h1', previousVersion: 1, version: 2, promoted: false, status: 'succeeded' }],
    });
    expect(await resolveAlias(ctx, 'forecast-JOBS-h1', 'challenger')).toMatchObject({ version: 2 });
    expect(await resolveAlias(ctx, 'forecast-JOBS-h1', 'champion')).toMatchObject({ version: 1 });

    ctx.config.forecasts.autoPromote = true;
    ctx.config.forecasts.promoteMetric = 'rmse';
    await importRegimeBars(ctx, 'JOBS', all, 'crypto');
    const on = await runJob();
    const [outcome] = (on.result as { retrained: { promoted: boolean; version: number }[] }).retrained;
    expect(outcome?.version).toBe(3);
    const detail = await getModelDetail(ctx, 'forecast-JOBS-h1');
    const metricOf = async (version: number) => {
      const run = detail.versions.find((v) => v.version === version);
      expect(run, `version ${version}`).toBeDefined();
      return run;
    };
    await metricOf(3);
    const champion = await resolveAlias(ctx, 'forecast-JOBS-h1', 'champion');
    expect(champion?.version).toBe(outcome?.promoted ? 3 : 1);
    if (outcome?.promoted) {
      expect(detail.history.some((h) => h.alias === 'champion' && h.reason.includes('auto-promoted'))).toBe(true);
    }
  });

  it('compares the promotion metric in the right direction and never promotes on a missing value', () => {
    expect(beats('rmse', 0.9, 1)).toBe(true);
    expect(beats('rmse', 1.1, 1)).toBe(false);
    expect(beats('sharpe', 1.1, 1)).toBe(true);
    expect(beats('directionalAccuracy', 0.49, 0.5)).toBe(false);
    expect(beats('rmse', null, 1)).toBe(false);
    expect(beats('rmse', 1, null)).toBe(true);
  });

  it('does not compare Sharpe with a horizon > 1 champion scored before the overlapping book', () => {
    const section = (horizon: number, tradingMetrics?: 'overlapping-book') =>
      ({ horizon, tradingMetrics, metrics: { sharpe: 2.24, rmse: 0.01 } }) as unknown as ForecastSection;
    expect(comparableIncumbent('sharpe', section(20))).toBeNull();
    expect(comparableIncumbent('sharpe', section(20, 'overlapping-book'))).toBe(2.24);
    expect(comparableIncumbent('sharpe', section(1)), 'at horizon 1 both conventions agree').toBe(2.24);
    expect(comparableIncumbent('rmse', section(20)), 'error metrics never changed').toBe(0.01);
  });

  it('writes the trading-metrics convention into every new artifact', () => {
    const text = buildArtifact({ name: 'zero' } as never, { horizon: 5 } as never);
    expect((JSON.parse(text) as { forecast: { tradingMetrics: string } }).forecast.tradingMetrics).toBe(
      TRADING_METRICS_CONVENTION,
    );
  });
});
