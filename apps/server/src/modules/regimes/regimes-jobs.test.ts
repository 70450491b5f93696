import { computeRegimeFeatures, filteredProbs, fromModelJson, standardize } from '@marketlens/quant';
import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { importRegimeBars, regimeBars } from '../../../test/regime-fixtures';
import { regimesFitJob } from './regimes-fit.job';
import { insertRegimeFit } from './regimes.store';

// The slow paths of the regimes module with the real in-process queue: a fit above the inline threshold
// (forced low here) runs as `regimes.fit`; tracked fits follow new bars (online filtering) and are refitted
// by `regimes.refit`.

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeEachApp(
  'regimes jobs and online updates',
  (getApp) => {
    let analyst: FixtureUser;
    const all = regimeBars(1300, 21);
    const get = (url: string) => getApp().app.inject({ url: `/api/v1${url}`, headers: analyst.authorization });
    const post = (body: object) =>
      getApp().app.inject({
        method: 'POST',
        url: '/api/v1/regimes/fits',
        payload: body,
        headers: analyst.authorization,
      });

    it('queues a large fit as a job (202) that reaches succeeded with progress 1', async () => {
      const { ctx } = getApp();
      analyst = await createFixtureUser(ctx, 'analyst');
      await ctx.jobs.start();
      await importRegimeBars(ctx, 'TRACK', all.slice(0, 1200));
      const res = await post({
        symbol: 'TRACK',
        features: ['logret', 'vol20'],
        states: 'auto',
        restarts: 2,
        tracked: true,
      });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.json()).toMatchObject({ status: 'queued', progress: 0, result: null });
      const id = res.json().id as string;
      const seen = new Set<number>();
      const done = await until('the fit job', async () => {
        const fit = (await get(`/regimes/fits/${id}`)).json();
        seen.add(fit.progress);
        return fit.status === 'succeeded' || fit.status === 'failed' ? fit : undefined;
      });
      expect(done.error).toBeNull();
      expect(done).toMatchObject({ status: 'succeeded', progress: 1 });
      expect(done.result.bicByK).toHaveLength(5);
      expect([...seen].every((p) => p >= 0 && p <= 1)).toBe(true);
      const runs = await getApp().app.inject({
        url: '/api/v1/jobs/runs?name=regimes.fit',
        headers: analyst.authorization,
      });
      expect(runs.json().runs[0]).toMatchObject({ name: 'regimes.fit', status: 'succeeded' });
    });

    it('moves `current` of a tracked fit to new bars, equal to filteredProbs of the extended series', async () => {
      const { ctx } = getApp();
      const fitId = (await get('/regimes/TRACK/current')).json().fitId as string;
      await importRegimeBars(ctx, 'TRACK', all.slice(1150)); // overlaps, then 101 new bars
      const current = (await get('/regimes/TRACK/current')).json();
      expect(current.fitId).toBe(fitId);
      expect(current.ts).toBe(new Date(all[all.length - 1]!.ts).toISOString());

      const model = fromModelJson((await get(`/regimes/fits/${fitId}/model`)).json());
      const { X } = computeRegimeFeatures(all, model.features);
      const Z = model.standardizer ? standardize(model.standardizer, X) : X;
      const K = model.params.nStates;
      const filtered = filteredProbs(model.params, Z);
      const expected = Array.from(filtered.subarray((Z.rows - 1) * K, Z.rows * K));
      const probs = current.states.map((s: { prob: number }) => s.prob);
      probs.forEach((p: number, k: number) => expect(p).toBeCloseTo(expected[k]!, 12));
      const fit = (await get(`/regimes/fits/${fitId}`)).json();
      expect(fit.result.current.ts).toBe(current.ts);
    });

    it('refits tracked fits with their options: the new fit is tracked, the old one is not', async () => {
      const { ctx } = getApp();
      const old = (await get('/regimes/TRACK/current')).json().fitId as string;
      await ctx.jobs.enqueue('regimes.refit', {});
      const newest = await until('the refit', async () => {
        const fits = (await get('/regimes/fits?symbol=TRACK')).json().fits;
        const fresh = fits.find((f: { id: string; status: string }) => f.id !== old && f.status === 'succeeded');
        return fresh;
      });
      expect(newest.options).toMatchObject({
        features: ['logret', 'vol20'],
        states: 'auto',
        restarts: 2,
        tracked: true,
      });
      expect(newest.result.nObservations).toBe(all.length - 20);
      expect((await get(`/regimes/fits/${old}`)).json().options.tracked).toBe(false);
      expect((await get('/regimes/TRACK/current')).json().fitId).toBe(newest.id);
    });

    it('marks a fit failed with the reason when the queue gives its job up, and leaves a finished fit alone', async () => {
      const { ctx } = getApp();
      const job = regimesFitJob(ctx);
      const finished = (await get('/regimes/fits?symbol=TRACK')).json().fits[0];
      // A fit whose worker was killed mid-run: `running`, as the job left it.
      const stuck = await insertRegimeFit(ctx.db.orm, {
        instrumentId: null,
        symbol: 'TRACK',
        timeframe: '1d',
        source: 'bars',
        synthetic: false,
        status: 'running',
        options: finished.options,
        tracked: false,
      });
      const reason = 'gave up after the worker running it stopped 11 times';
      await job.onGivenUp!({ fitId: stuck.id }, reason);
      await job.onGivenUp!({ fitId: finished.id }, reason);
      const failed = (await get(`/regimes/fits/${stuck.id}`)).json();
      expect(failed).toMatchObject({ status: 'failed', error: `The fit's job was given up: ${reason}` });
      expect(failed.finishedAt).not.toBeNull();
      expect((await get(`/regimes/fits/${finished.id}`)).json()).toMatchObject({ status: 'succeeded', error: null });
    });
  },
  // 1200 rows x 5 candidates x 2 restarts is above this: the fits above run as jobs.
  { regimes: { inlineMaxWork: 5000 } },
);
