import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { modelVersions, registeredModels } from '../../db/schema';
import {
  CorruptArtifactError,
  finishRun,
  logArtifact,
  logMetrics,
  readArtifact,
  registerModelVersion,
  resolveAlias,
  setAlias,
  startRun,
} from './registry.service';

const SOURCE = {
  codeVersion: 'test',
  dataset: { symbol: 'BTC-USD', timeframe: '1d', rows: 100, sha256: 'ab'.repeat(32) },
};

describeEachApp('registry', (getApp) => {
  let analyst: FixtureUser;
  let viewer: FixtureUser;
  const runIds: string[] = [];
  const api = (method: 'GET' | 'POST' | 'DELETE', url: string, who: () => FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who().authorization,
      ...(payload ? { payload } : {}),
    });

  it('records a run: params, stepped metrics, artifacts, and finishing', async () => {
    const { ctx } = getApp();
    analyst = await createFixtureUser(ctx, 'analyst');
    viewer = await createFixtureUser(ctx, 'viewer');
    for (const [i, lr] of [0.1, 0.05].entries()) {
      const { runId, experimentId } = await startRun(ctx, {
        experiment: 'forecasts/BTC-USD',
        name: `ridge ${i}`,
        userId: analyst.user.id,
        params: { model: 'ridge', alpha: lr, horizon: 1, standardise: i === 0 },
        tags: { symbol: 'BTC-USD' },
        source: SOURCE,
      });
      expect(experimentId).toMatch(/^[0-9a-f-]{36}$/);
      runIds.push(runId);
      await logMetrics(ctx, runId, [
        { key: 'loss', value: 1 },
        { key: 'loss', value: 0.5 },
      ]);
      await logMetrics(ctx, runId, [
        { key: 'loss', value: 0.25 - i / 10 },
        { key: 'rmse', value: 0.02 + i, step: 0 },
      ]);
      const stored = await logArtifact(ctx, runId, {
        name: 'model.json',
        contentType: 'application/json',
        body: `{"run":${i}}`,
      });
      expect(stored.sizeBytes).toBe(9);
      await finishRun(ctx, runId, { status: 'succeeded' });
    }

    const experiments = (await api('GET', '/experiments', () => viewer)).json().experiments;
    const experiment = experiments.find((e: { name: string }) => e.name === 'forecasts/BTC-USD');
    expect(experiment.runCount).toBe(2);
    const runs = (await api('GET', `/experiments/${experiment.id}/runs`, () => viewer)).json().runs;
    expect(runs.map((r: { id: string }) => r.id).sort()).toEqual([...runIds].sort());

    const detail = await api('GET', `/runs/${runIds[0]}`, () => viewer);
    expect(detail.statusCode, detail.body).toBe(200);
    const run = detail.json();
    expect(run).toMatchObject({ status: 'succeeded', experimentName: 'forecasts/BTC-USD', userId: analyst.user.id });
    expect(run.params).toEqual({ model: 'ridge', alpha: '0.1', horizon: '1', standardise: 'true' });
    expect(run.source).toEqual(SOURCE);
    expect(run.endedAt).not.toBeNull();
    const loss = run.metrics.find((m: { key: string }) => m.key === 'loss');
    expect(loss).toMatchObject({ step: 2, value: 0.25, steps: 3 });
    expect(run.artifacts.map((a: { name: string }) => a.name)).toEqual(['model.json']);

    const series = (await api('GET', `/runs/${runIds[0]}/metrics/loss`, () => viewer)).json();
    expect(series.points.map((p: { step: number; value: number }) => [p.step, p.value])).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 0.25],
    ]);
    const download = await api('GET', `/runs/${runIds[1]}/artifacts/model.json`, () => viewer);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/application\/json/);
    expect(download.body).toBe('{"run":1}');
  });

  it('refuses a second artifact of the same name and a non-finite metric, saying which', async () => {
    const { ctx } = getApp();
    await expect(
      logArtifact(ctx, runIds[0]!, { name: 'model.json', contentType: 'application/json', body: '{}' }),
    ).rejects.toMatchObject({ statusCode: 409, code: 'ARTIFACT_EXISTS' });
    await expect(logMetrics(ctx, runIds[0]!, [{ key: 'sharpe', value: Number.NaN }])).rejects.toThrow(
      /"sharpe" is NaN/,
    );
    await expect(
      logArtifact(ctx, runIds[0]!, { name: '../x', contentType: 'text/plain', body: 'x' }),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('compares 2-5 runs: params diff, metrics table, curve keys', async () => {
    const res = await api('GET', `/runs/compare?ids=${runIds.join(',')}`, () => viewer);
    expect(res.statusCode, res.body).toBe(200);
    const cmp = res.json();
    expect(cmp.runs.map((r: { id: string }) => r.id)).toEqual(runIds);
    expect(cmp.params.find((p: { key: string }) => p.key === 'alpha')).toEqual({
      key: 'alpha',
      values: ['0.1', '0.05'],
      differs: true,
    });
    expect(cmp.params.find((p: { key: string }) => p.key === 'model')).toMatchObject({ differs: false });
    expect(cmp.metrics.find((m: { key: string }) => m.key === 'rmse').values).toEqual([0.02, 1.02]);
    expect(cmp.seriesKeys).toEqual(['loss']);
    expect((await api('GET', `/runs/compare?ids=${runIds[0]}`, () => viewer)).statusCode).toBe(400);
  });

  it('registers versions, moves champion and challenger with who and why, and rolls back', async () => {
    const { ctx } = getApp();
    const v1 = await registerModelVersion(ctx, {
      model: 'btc-ridge',
      runId: runIds[0]!,
      artifactName: 'model.json',
      userId: analyst.user.id,
    });
    const v2 = await registerModelVersion(ctx, { model: 'btc-ridge', runId: runIds[1]!, artifactName: 'model.json' });
    expect([v1.version, v2.version]).toEqual([1, 2]);

    let res = await api('POST', '/models/btc-ridge/aliases/champion', () => analyst, {
      version: 1,
      reason: 'first model',
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await api('POST', '/models/btc-ridge/aliases/challenger', () => analyst, { version: 2, reason: 'retrained' });
    expect(res.json().aliases).toEqual({ champion: 1, challenger: 2 });
    res = await api('POST', '/models/btc-ridge/aliases/champion', () => analyst, {
      version: 2,
      reason: 'beats v1 on rmse',
    });
    res = await api('POST', '/models/btc-ridge/aliases/champion', () => analyst, {
      version: 1,
      reason: 'v2 drifted: roll back',
    });
    const model = res.json();
    expect(model.aliases.champion).toBe(1);
    expect(model.versions.map((v: { version: number; aliases: string[] }) => [v.version, v.aliases])).toEqual([
      [2, ['challenger']],
      [1, ['champion']],
    ]);
    expect(model.history.slice(0, 2)).toMatchObject([
      { alias: 'champion', fromVersion: 2, toVersion: 1, userId: analyst.user.id, reason: 'v2 drifted: roll back' },
      { alias: 'champion', fromVersion: 1, toVersion: 2, reason: 'beats v1 on rmse' },
    ]);
    expect(model.history).toHaveLength(4);
    expect(
      (await api('POST', '/models/btc-ridge/aliases/champion', () => viewer, { version: 2, reason: 'x' })).statusCode,
    ).toBe(403);
    const noReason = await api('POST', '/models/btc-ridge/aliases/champion', () => analyst, {
      version: 2,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
  });

  it('resolveAlias sees a new champion at once in the same process', async () => {
    const { ctx } = getApp();
    expect(await resolveAlias(ctx, 'btc-ridge', 'champion')).toEqual({
      version: 1,
      runId: runIds[0],
      artifactName: 'model.json',
    });
    await setAlias(ctx, { model: 'btc-ridge', alias: 'champion', version: 2, reason: 'promote again' });
    expect((await resolveAlias(ctx, 'btc-ridge', 'champion'))?.version).toBe(2);
    expect(await resolveAlias(ctx, 'btc-ridge', 'nope')).toBeUndefined();
  });

  it('archives only a version no alias points at, and will not alias an archived one', async () => {
    const inUse = await api('POST', '/models/btc-ridge/versions/2/archive', () => analyst, { reason: 'old' });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.message).toMatch(/aliased as .*champion/);
    await api('DELETE', '/models/btc-ridge/aliases/challenger?reason=done', () => analyst);
    const archived = await api('POST', '/models/btc-ridge/versions/1/archive', () => analyst, { reason: 'superseded' });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().versions.find((v: { version: number }) => v.version === 1).status).toBe('archived');
    const res = await api('POST', '/models/btc-ridge/aliases/champion', () => analyst, { version: 1, reason: 'x' });
    expect(res.json().error.code).toBe('VERSION_ARCHIVED');
  });

  it('answers a missing alias or model with a clear 404', async () => {
    const res = await api('DELETE', '/models/btc-ridge/aliases/staging', () => analyst);
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'ALIAS_NOT_FOUND' });
    expect(res.json().error.message).toMatch(/Model "btc-ridge" has no alias "staging"/);
    const missing = await api('GET', '/models/no-such-model', () => viewer);
    expect(missing.json().error).toMatchObject({ code: 'MODEL_NOT_FOUND', message: 'Model "no-such-model" not found' });
  });

  it('stores nothing when registering from a missing run or artifact', async () => {
    const { ctx } = getApp();
    const count = async () => ({
      models: (await ctx.db.orm.select().from(registeredModels)).length,
      versions: (await ctx.db.orm.select().from(modelVersions)).length,
    });
    const before = await count();
    await expect(
      registerModelVersion(ctx, {
        model: 'ghost',
        runId: '00000000-0000-4000-8000-000000000000',
        artifactName: 'model.json',
      }),
    ).rejects.toMatchObject({ statusCode: 404, code: 'RUN_NOT_FOUND' });
    await expect(
      registerModelVersion(ctx, { model: 'ghost', runId: runIds[0]!, artifactName: 'nope.json' }),
    ).rejects.toMatchObject({
      statusCode: 404,
      code: 'ARTIFACT_NOT_FOUND',
    });
    await expect(
      registerModelVersion(ctx, { model: 'btc-ridge', runId: runIds[0]!, artifactName: 'nope.json' }),
    ).rejects.toThrow();
    expect(await count()).toEqual(before);
  });

  it('refuses a corrupt artifact (one byte flipped on disk) on read, download and registration', async () => {
    const { ctx } = getApp();
    const { runId } = await startRun(ctx, { experiment: 'corruption', params: {}, source: SOURCE });
    const stored = await logArtifact(ctx, runId, {
      name: 'model.json',
      contentType: 'application/json',
      body: '{"w":[1,2,3]}',
    });
    const path = fileURLToPath(stored.uri);
    const bytes = readFileSync(path);
    bytes[3] = bytes[3]! ^ 0x01;
    writeFileSync(path, bytes);
    await expect(readArtifact(ctx, runId, 'model.json')).rejects.toBeInstanceOf(CorruptArtifactError);
    const res = await api('GET', `/runs/${runId}/artifacts/model.json`, () => viewer);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ARTIFACT_CORRUPT');
    await expect(
      registerModelVersion(ctx, { model: 'corrupt', runId, artifactName: 'model.json' }),
    ).rejects.toBeInstanceOf(CorruptArtifactError);
    expect(
      await ctx.db.orm
        .select()
        .from(registeredModels)
        .then((rows) => rows.some((r) => r.name === 'corrupt')),
    ).toBe(false);
  });
});
