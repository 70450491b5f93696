import {
  buildForecastFeatures,
  computeRegimeFeatures,
  DEFAULT_FEATURE_SPEC,
  filteredProbs,
  fromModelJson,
  standardize,
  type Matrix,
} from '@marketlens/quant';
import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { getRun } from '../registry/registry-read.service';
import { readArtifact } from '../registry/registry.service';
import { regimeModelOfFit, removeFit } from '../regimes/regimes.service';
import { parseArtifact } from './forecast-artifact';
import { regimeProbMatrix } from './forecast-regime-features';

// Forecasts with the online (filtered) regime probabilities of the series' tracked regime fit as features:
// recorded at training, rebuilt identically at serving, never looking ahead, and refused once the fit is gone.

const all = regimeBars(700, 13);

/** The batch path, independent of the tracker: regime features -> standardise -> filteredProbs, per bar. */
function batchRegimeProbs(modelJson: unknown, bars: typeof all): Matrix {
  const model = fromModelJson(modelJson);
  const K = model.params.nStates;
  const { X, rowIndex } = computeRegimeFeatures(bars, model.features);
  const Z = model.standardizer ? standardize(model.standardizer, X) : X;
  const filtered = filteredProbs(model.params, Z);
  const data = new Float64Array(bars.length * K).fill(Number.NaN);
  rowIndex.forEach((t, r) => data.set(filtered.subarray(r * K, r * K + K), t * K));
  return { data, rows: bars.length, cols: K };
}

describeEachApp('forecasts with regime probability features', (getApp) => {
  let analyst: FixtureUser;
  let viewer: FixtureUser;
  let fitId = '';
  let runId = '';
  const post = (url: string, body: object) =>
    getApp().app.inject({ method: 'POST', url: `/api/v1${url}`, payload: body, headers: analyst.authorization });
  const forecast = (symbol: string) =>
    getApp().app.inject({ url: `/api/v1/forecasts/${symbol}?horizon=1`, headers: viewer.authorization });

  it('trains with the tracked fit: regime columns among the features, the fit recorded on the run', async () => {
    const { ctx } = getApp();
    analyst = await createFixtureUser(ctx, 'analyst');
    viewer = await createFixtureUser(ctx, 'viewer');
    await importRegimeBars(ctx, 'RF', all.slice(0, 600), 'crypto');
    const fit = await post('/regimes/fits', {
      symbol: 'RF',
      features: ['logret', 'vol20'],
      states: 2,
      restarts: 1,
      seed: 1,
      tracked: true,
    });
    expect(fit.statusCode, fit.body).toBe(201);
    fitId = fit.json().id as string;
    const res = await post('/forecasts/train', { symbol: 'RF', model: 'ridge', horizon: 1, interval: 0.9 });
    expect(res.statusCode, res.body).toBe(201);
    runId = res.json().runId as string;
    expect(res.json().features.slice(-2)).toEqual(['regime_p0', 'regime_p1']);
    const run = await getRun(ctx, runId);
    expect(run.params).toMatchObject({ regimeFeatures: 'true', regimeFitId: fitId });
    expect(run.tags).toMatchObject({ regimeFeatures: 'true', regimeFitId: fitId });
    const { section } = parseArtifact(await readArtifact(ctx, runId, 'model.json'), 'test');
    expect(section.regime).toMatchObject({ fitId, states: 2 });
    expect(section.featureNames).toContain('regime_p1');
  });

  it('serves the forecast of the row built by hand from the same bars and the batch filtered probabilities', async () => {
    const { ctx } = getApp();
    const res = await forecast('RF');
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json();
    const bars = all.slice(0, 600);
    expect(answer.asOf).toBe(new Date(bars[599]!.ts).toISOString());
    const stored = await regimeModelOfFit(ctx, fitId);
    const probs = batchRegimeProbs(stored!.model, bars);
    const { X, rowIndex } = buildForecastFeatures(bars, DEFAULT_FEATURE_SPEC, probs);
    expect(rowIndex[X.rows - 1]).toBe(599);
    const row: Matrix = { data: X.data.slice((X.rows - 1) * X.cols), rows: 1, cols: X.cols };
    const p0 = row.data[X.cols - 2]!;
    const p1 = row.data[X.cols - 1]!;
    expect(p0 + p1).toBeCloseTo(1, 12);
    const { forecaster } = parseArtifact(await readArtifact(ctx, runId, 'model.json'), 'test');
    expect(answer.forecast.logReturn).toBeCloseTo(forecaster.predict(row)[0]!, 12);
    // The tracker serving uses and the batch path agree on every bar, not only the last.
    const served = regimeProbMatrix(fromModelJson(stored!.model), bars);
    for (let i = 0; i < probs.data.length; i++) {
      const a = probs.data[i]!;
      const b = served.data[i]!;
      if (Number.isNaN(a)) expect(b, `row ${Math.floor(i / 2)}`).toBeNaN();
      else expect(b, `row ${Math.floor(i / 2)}`).toBeCloseTo(a, 12);
    }
  });

  it('does not look ahead: later bars leave the regime columns of earlier rows unchanged', async () => {
    const stored = await regimeModelOfFit(getApp().ctx, fitId);
    const model = fromModelJson(stored!.model);
    const short = all.slice(0, 400);
    const a = regimeProbMatrix(model, short);
    const b = regimeProbMatrix(model, all);
    expect(Array.from(b.data.subarray(0, a.data.length))).toEqual(Array.from(a.data));
    expect(Number.isNaN(a.data[0]!), 'warm-up bars have no probabilities').toBe(true);
    const fa = buildForecastFeatures(short, DEFAULT_FEATURE_SPEC, a);
    const fb = buildForecastFeatures(all, DEFAULT_FEATURE_SPEC, b);
    expect(Array.from(fb.rowIndex.subarray(0, fa.X.rows))).toEqual(Array.from(fa.rowIndex));
    expect(Array.from(fb.X.data.subarray(0, fa.X.data.length))).toEqual(Array.from(fa.X.data));
  });

  it('answers 409 naming the deleted regime fit once the fit the model depends on is gone', async () => {
    const { ctx } = getApp();
    await removeFit(ctx, fitId);
    await importRegimeBars(ctx, 'RF', all.slice(0, 601), 'crypto'); // a new bar: not answered from the cache
    const res = await forecast('RF');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('REGIME_FIT_UNAVAILABLE');
    expect(res.json().error.message).toContain(fitId);
    expect(res.json().error.message).toMatch(/deleted.*retrain/);
  });

  it('trains without regime columns when the series has only an untracked fit', async () => {
    const { ctx } = getApp();
    await importRegimeBars(ctx, 'PLAIN', all.slice(0, 600), 'crypto');
    const fit = await post('/regimes/fits', { symbol: 'PLAIN', features: ['logret'], states: 2, restarts: 1 });
    expect(fit.statusCode, fit.body).toBe(201);
    const res = await post('/forecasts/train', { symbol: 'PLAIN', model: 'ridge', horizon: 1, interval: 0.9 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().features.some((f: string) => f.startsWith('regime_'))).toBe(false);
    const run = await getRun(ctx, res.json().runId as string);
    expect(run.params.regimeFeatures).toBe('false');
    expect(run.params.regimeFitId).toBeUndefined();
    const { section } = parseArtifact(await readArtifact(ctx, res.json().runId as string, 'model.json'), 'test');
    expect(section.regime).toBeNull();
    expect((await forecast('PLAIN')).statusCode).toBe(200);
  });
});
