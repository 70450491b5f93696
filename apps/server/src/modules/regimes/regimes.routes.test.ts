import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { multipartFile } from '../../../test/multipart';
import { barsCsv, importRegimeBars, regimeBars } from '../../../test/regime-fixtures';

const N = 1500;

describeEachApp('regimes API', (getApp) => {
  let analyst: FixtureUser;
  let viewer: FixtureUser;
  let fitId: string;
  const bars = regimeBars(N, 7);
  const post = (body: unknown, who = () => analyst) =>
    getApp().app.inject({
      method: 'POST',
      url: '/api/v1/regimes/fits',
      payload: body as object,
      headers: who().authorization,
    });
  const get = (url: string) => getApp().app.inject({ url: `/api/v1${url}`, headers: viewer.authorization });

  it('fits stored bars inline and answers 201 with the finished fit', async () => {
    analyst = await createFixtureUser(getApp().ctx, 'analyst');
    viewer = await createFixtureUser(getApp().ctx, 'viewer');
    await importRegimeBars(getApp().ctx, 'SYNTH', bars);
    const res = await post({ symbol: 'synth', features: ['logret', 'vol20'], states: 3, restarts: 2, seed: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const fit = res.json();
    fitId = fit.id;
    expect(fit).toMatchObject({ symbol: 'SYNTH', timeframe: '1d', source: 'bars', status: 'succeeded', progress: 1 });
    const result = fit.result;
    expect(result.nStates).toBe(3);
    // vol20 needs 20 bars before its first value: N + 1 bars give N + 1 - 20 feature rows.
    expect(result.nObservations).toBe(N + 1 - 20);
    expect(result.states.map((s: { index: number }) => s.index)).toEqual([0, 1, 2]);
    for (const row of result.transmat) expect(row.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 9);
    // canonical order: ascending volatility
    const vols = result.states.map((s: { volatility: number }) => s.volatility);
    expect([...vols].sort((a, b) => a - b)).toEqual(vols);
    expect(result.states[2].name).toMatch(/high vol/);
    expect(result.current.ts.slice(0, 10)).toBe(new Date(bars[N]!.ts).toISOString().slice(0, 10));
    expect(result.current.probs.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 9);
    expect(result.bicByK).toBeNull();

    const again = await get(`/regimes/fits/${fitId}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(fit);
  });

  it('serves the series downsampled, aligned, with the last row kept', async () => {
    const full = (await get(`/regimes/fits/${fitId}/series?maxPoints=100000`)).json();
    expect(full.totalRows).toBe(N + 1 - 20);
    expect(full.dates).toHaveLength(full.totalRows);
    const small = await get(`/regimes/fits/${fitId}/series?maxPoints=100`);
    expect(small.statusCode).toBe(200);
    const s = small.json();
    expect(s.totalRows).toBe(full.totalRows);
    expect(s.dates.length).toBeLessThanOrEqual(100);
    expect(s.dates.length).toBeGreaterThan(90);
    for (const key of ['close', 'path', 'probs'] as const) expect(s[key]).toHaveLength(s.dates.length);
    expect(s.dates.at(-1)).toBe(full.dates.at(-1));
    expect(s.dates[0]).toBe(full.dates[0]);
    // every kept row is the full series' row with the same date
    const at = new Map(full.dates.map((d: string, i: number) => [d, i]));
    s.dates.forEach((d: string, j: number) => {
      const i = at.get(d) as number;
      expect(s.path[j]).toBe(full.path[i]);
      expect(s.close[j]).toBe(full.close[i]);
      expect(s.probs[j]).toEqual(full.probs[i]);
    });
    for (const p of s.probs) expect(p.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('exports the model JSON', async () => {
    const res = await get(`/regimes/fits/${fitId}/model`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, nStates: 3, features: ['logret', 'vol20'] });
  });

  it('compares K = 2..6 by BIC for "auto" and keeps the lowest', async () => {
    const res = await post({ symbol: 'SYNTH', features: ['logret'], states: 'auto', restarts: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const { bicByK, nStates, bic } = res.json().result;
    expect(bicByK.map((c: { states: number }) => c.states)).toEqual([2, 3, 4, 5, 6]);
    const best = bicByK.reduce((a: { bic: number }, b: { bic: number }) => (b.bic < a.bic ? b : a));
    expect(nStates).toBe(best.states);
    expect(bic).toBeCloseTo(best.bic, 6);
  });

  it('lists fits newest first, filtered by symbol, and deletes one', async () => {
    const list = await get('/regimes/fits?symbol=synth&limit=10');
    expect(list.statusCode).toBe(200);
    const fits = list.json().fits;
    expect(fits).toHaveLength(2);
    expect(fits[1].id).toBe(fitId);
    expect((await get('/regimes/fits?symbol=OTHER')).json().fits).toEqual([]);
    expect((await get('/regimes/fits?limit=1')).json().fits).toHaveLength(1);
    const del = await getApp().app.inject({
      method: 'DELETE',
      url: `/api/v1/regimes/fits/${fits[0].id}`,
      headers: analyst.authorization,
    });
    expect(del.statusCode).toBe(200);
    expect((await get(`/regimes/fits/${fits[0].id}`)).statusCode).toBe(404);
    expect((await get('/regimes/fits?symbol=SYNTH')).json().fits.map((f: { id: string }) => f.id)).toEqual([fitId]);
  });

  it('answers the current regime of the newest tracked fit, and 404 with a clear message without one', async () => {
    const none = await get('/regimes/NOFITS/current');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toMatch(/regime fit of NOFITS/);
    const current = await get('/regimes/SYNTH/current');
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ symbol: 'SYNTH', fitId });
    expect(current.json().states).toHaveLength(3);

    const tracked = await post({ symbol: 'SYNTH', features: ['logret'], states: 2, restarts: 1, tracked: true });
    expect(tracked.statusCode).toBe(201);
    const untrackedNewer = await post({ symbol: 'SYNTH', features: ['logret'], states: 3, restarts: 1 });
    expect(untrackedNewer.statusCode).toBe(201);
    expect((await get('/regimes/SYNTH/current')).json().fitId, 'a tracked fit wins over a newer untracked one').toBe(
      tracked.json().id,
    );
  });

  it('fits an uploaded CSV without storing any bars', async () => {
    const m = multipartFile(barsCsv(regimeBars(800, 11)));
    const res = await getApp().app.inject({
      method: 'POST',
      url: '/api/v1/regimes/fits/upload?symbol=MYFILE&features=logret,absret&states=2&restarts=1',
      payload: m.payload,
      headers: { ...m.headers, ...analyst.authorization },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ symbol: 'MYFILE', source: 'csv', status: 'succeeded' });
    expect(res.json().options).toMatchObject({ features: ['logret', 'absret'], states: 2, tracked: false });
    expect(res.json().result.nObservations).toBe(800);
    expect((await get('/instruments/MYFILE/bars')).statusCode, 'an upload fit writes no bars').toBe(404);
  });

  it('lets a viewer read but not fit or delete', async () => {
    expect((await post({ symbol: 'SYNTH', states: 2 }, () => viewer)).statusCode).toBe(403);
    const del = await getApp().app.inject({
      method: 'DELETE',
      url: `/api/v1/regimes/fits/${fitId}`,
      headers: viewer.authorization,
    });
    expect(del.statusCode).toBe(403);
  });
});
