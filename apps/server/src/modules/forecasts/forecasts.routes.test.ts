import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { runs } from '../../db/schema';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { resolveAlias, setAlias } from '../registry/registry.service';
import { getModelDetail } from '../registry/registry-read.service';

// The forecasts module end to end over the real app (PGlite and PostgreSQL): training inline with the
// registry, the cached prediction endpoint and its 4xx answers.

const all = regimeBars(700, 11);

describeEachApp('forecast training and the prediction API', (getApp) => {
  let analyst: FixtureUser;
  let viewer: FixtureUser;
  const train = (body: object) =>
    getApp().app.inject({
      method: 'POST',
      url: '/api/v1/forecasts/train',
      payload: body,
      headers: analyst.authorization,
    });
  const forecast = (symbol: string, query = 'horizon=1') =>
    getApp().app.inject({ url: `/api/v1/forecasts/${symbol}?${query}`, headers: viewer.authorization });
  const runCount = async () => (await getApp().ctx.db.orm.select({ n: count() }).from(runs))[0]?.n ?? 0;

  it('trains inline: walk-forward metrics beside the baseline, a finished run, version 1 as champion', async () => {
    const { ctx } = getApp();
    analyst = await createFixtureUser(ctx, 'analyst');
    viewer = await createFixtureUser(ctx, 'viewer');
    await importRegimeBars(ctx, 'FC', all.slice(0, 600), 'crypto');
    const res = await train({ symbol: 'FC', model: 'ridge', horizon: 1, interval: 0.9 });
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    expect(result).toMatchObject({
      symbol: 'FC',
      model: 'ridge',
      kind: 'regression',
      horizon: 1,
      registeredModel: 'forecast-FC-h1',
      modelVersion: 1,
      aliases: ['challenger', 'champion'],
      baseline: { name: 'zero' },
    });
    expect(result.folds.length).toBeGreaterThanOrEqual(5);
    for (const key of ['rmse', 'mae', 'directionalAccuracy', 'intervalCoverage', 'sharpe'] as const) {
      expect(Number.isFinite(result.metrics[key]), key).toBe(true);
      expect(Number.isFinite(result.baseline.metrics[key]), `baseline ${key}`).toBe(true);
    }
    expect(await resolveAlias(ctx, 'forecast-FC-h1', 'champion')).toMatchObject({ version: 1, runId: result.runId });
    const detail = await getModelDetail(ctx, 'forecast-FC-h1');
    expect(detail.versions.map((v) => v.version)).toEqual([1]);
  });

  it('answers a forecast: computed first, then from the cache with the same numbers', async () => {
    const first = await forecast('FC');
    expect(first.statusCode, first.body).toBe(200);
    const a = first.json();
    expect(a).toMatchObject({ symbol: 'FC', horizon: 1, cached: false, model: { version: 1, alias: 'champion' } });
    expect(a.asOf).toBe(new Date(all[599]!.ts).toISOString());
    expect(a.lastClose).toBeCloseTo(all[599]!.close, 10);
    const { forecast: f } = a;
    expect(f.lower).toBeLessThan(f.expectedPrice);
    expect(f.upper).toBeGreaterThan(f.expectedPrice);
    expect(f.expectedPrice).toBeCloseTo(a.lastClose * Math.exp(f.logReturn), 8);
    expect(a.baseline).toMatchObject({ name: 'zero', forecast: { logReturn: 0 } });
    const second = (await forecast('fc')).json();
    expect(second).toEqual({ ...a, cached: true });
  });

  it('changes the cache key when a new bar arrives and when a new champion is set', async () => {
    const { ctx } = getApp();
    await importRegimeBars(ctx, 'FC', all.slice(0, 601), 'crypto');
    const afterBar = (await forecast('FC')).json();
    expect(afterBar.cached, 'a new bar is a new key').toBe(false);
    expect(afterBar.asOf).toBe(new Date(all[600]!.ts).toISOString());

    const retrained = await train({ symbol: 'FC', model: 'ar', horizon: 1 });
    expect(retrained.statusCode, retrained.body).toBe(201);
    expect(retrained.json()).toMatchObject({ modelVersion: 2, aliases: ['challenger'] });
    expect((await forecast('FC')).json().model.version, 'the champion stays v1 until promoted').toBe(1);
    await setAlias(ctx, { model: 'forecast-FC-h1', alias: 'champion', version: 2, reason: 'test promotion' });
    const promoted = (await forecast('FC')).json();
    expect(promoted).toMatchObject({ cached: false, model: { version: 2, algorithm: 'ar' } });
  });

  it('answers 404 for an unknown symbol and for a horizon with no model; 400 for an unsupported horizon', async () => {
    const unknown = await forecast('NOPE');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('INSTRUMENT_NOT_FOUND');
    const noModel = await forecast('FC', 'horizon=5');
    expect(noModel.statusCode).toBe(404);
    expect(noModel.json().error).toMatchObject({ code: 'NO_MODEL' });
    expect(noModel.json().error.message).toContain('train a model first');
    for (const bad of ['horizon=0', 'horizon=31', 'horizon=1.5', 'horizon=x']) {
      const res = await forecast('FC', bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.message, bad).toContain('horizon');
    }
  });

  it('refuses bad trainings with a 4xx and registers nothing', async () => {
    const { ctx } = getApp();
    await importRegimeBars(ctx, 'SHORT', all.slice(0, 120), 'crypto');
    const before = await runCount();
    const cases = [
      { body: { symbol: 'NOPE', model: 'ridge' }, status: 404, code: 'INSTRUMENT_NOT_FOUND' },
      { body: { symbol: 'SHORT', model: 'ridge' }, status: 400, code: 'TOO_FEW_ROWS' },
      { body: { symbol: 'FC', model: 'ridge', horizon: 31 }, status: 400, code: 'VALIDATION_FAILED' },
      { body: { symbol: 'FC', model: 'prophet' }, status: 400, code: 'VALIDATION_FAILED' },
      { body: { symbol: 'FC', model: 'ridge', params: { lambda: -1 } }, status: 400, code: 'INVALID_TRAINING_INPUT' },
    ];
    for (const c of cases) {
      const res = await train(c.body);
      expect(res.statusCode, `${JSON.stringify(c.body)}: ${res.body}`).toBe(c.status);
      expect(res.json().error.code).toBe(c.code);
    }
    expect(await runCount(), 'no run was started for a refused training').toBe(before);
    expect(await resolveAlias(ctx, 'forecast-SHORT-h1', 'champion')).toBeUndefined();
  });

  it('answers 409 MODEL_ARTIFACT_CORRUPT when the stored model no longer matches its checksum', async () => {
    const { ctx } = getApp();
    await importRegimeBars(ctx, 'CORRUPT', all.slice(0, 500), 'crypto');
    const trained = await train({ symbol: 'CORRUPT', model: 'ridge', horizon: 2 });
    expect(trained.statusCode, trained.body).toBe(201);
    const files = readdirSync(ctx.config.storage.artifactDir, { recursive: true, withFileTypes: true }).filter(
      (f) => f.isFile() && join(f.parentPath, f.name).includes(trained.json().runId),
    );
    expect(files.length, 'the run has its model.json on disk').toBeGreaterThan(0);
    for (const f of files) writeFileSync(join(f.parentPath, f.name), '{"version":1,"model":"ridge"}');
    const res = await forecast('CORRUPT', 'horizon=2');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('MODEL_ARTIFACT_CORRUPT');
  });
});
