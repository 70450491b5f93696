import { expect, it } from 'vitest';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { readArtifact } from '../registry/registry.service';

describeEachApp('regime fits recorded as runs', (getApp) => {
  it('records a finished fit as a run of regimes/<symbol> with params, metrics and the model artifact', async () => {
    const { app, ctx } = getApp();
    const analyst = await createFixtureUser(ctx, 'analyst');
    await importRegimeBars(ctx, 'TRACKED', regimeBars(400, 3));
    const fit = await app.inject({
      method: 'POST',
      url: '/api/v1/regimes/fits',
      headers: analyst.authorization,
      payload: { symbol: 'tracked', features: ['logret', 'vol20'], states: 2, restarts: 1, seed: 4 },
    });
    expect(fit.statusCode, fit.body).toBe(201);
    const result = fit.json().result;

    const experiments = (await app.inject({ url: '/api/v1/experiments', headers: analyst.authorization })).json();
    const experiment = experiments.experiments.find((e: { name: string }) => e.name === 'regimes/TRACKED');
    expect(experiment, 'the fit created its experiment').toBeDefined();
    const runs = (
      await app.inject({ url: `/api/v1/experiments/${experiment.id}/runs`, headers: analyst.authorization })
    ).json().runs;
    expect(runs).toHaveLength(1);
    const run = (await app.inject({ url: `/api/v1/runs/${runs[0].id}`, headers: analyst.authorization })).json();
    expect(run).toMatchObject({ status: 'succeeded', userId: analyst.user.id, tags: { fitId: fit.json().id } });
    expect(run.params).toMatchObject({
      features: 'logret,vol20',
      states: '2',
      covarianceType: 'diag',
      restarts: '1',
      seed: '4',
    });
    expect(run.source.dataset).toMatchObject({ symbol: 'TRACKED', timeframe: '1d', rows: 401 });
    const metric = (key: string) => run.metrics.find((m: { key: string }) => m.key === key)?.value;
    expect(metric('logLikelihood')).toBeCloseTo(result.logLikelihood, 9);
    expect(metric('bic')).toBeCloseTo(result.bic, 9);
    expect(metric('aic')).toBeCloseTo(result.aic, 9);
    expect(metric('nIter')).toBe(result.nIter);
    const model = JSON.parse((await readArtifact(ctx, run.id, 'model.json')).toString('utf8'));
    expect(model.version).toBeTypeOf('number');
  });
});
