import { expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { multipartFile } from '../../../test/multipart';
import { D1, D2, HAND_LISTING, seedHandUniverse } from './screener-fixtures';
import { takeSnapshot } from './snapshots.service';

// The /screener API over a hand-built universe (screener-fixtures.ts): universes, snapshots, screens with their
// errors, export, diffs, saved screens and watchlists per user, and who may do what.

describeEachApp('screener API', (getApp) => {
  let viewer: FixtureUser;
  let analyst: FixtureUser;
  let otherAnalyst: FixtureUser;
  let universeId = '';
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who?: FixtureUser, payload?: object) =>
    getApp().app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who?.authorization ?? {},
      ...(payload === undefined ? {} : { payload }),
    });

  it('imports a listing upload with rules and shows members and rejected rows with reasons', async () => {
    const { ctx, app } = getApp();
    viewer = await createFixtureUser(ctx, 'viewer');
    analyst = await createFixtureUser(ctx, 'analyst');
    otherAnalyst = await createFixtureUser(ctx, 'analyst');
    const upload = multipartFile(HAND_LISTING, 'nyse-small.csv');
    const asViewer = await app.inject({
      method: 'POST',
      url: '/api/v1/screener/universes',
      headers: { ...upload.headers, ...viewer.authorization },
      payload: upload.payload,
    });
    expect(asViewer.statusCode, 'viewers read, analysts import').toBe(403);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/screener/universes?maxMarketCap=8.5e8',
      headers: { ...upload.headers, ...analyst.authorization },
      payload: upload.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ layout: 'nasdaq-companylist', rows: 7, problems: [] });
    expect(body.universe).toMatchObject({ name: 'nyse-small', listed: 7, members: 4, rejected: 3 });
    expect(body.universe.rules).toEqual({ minMarketCap: 3e8, maxMarketCap: 8.5e8, minPrice: 1, excludeEtfs: true });

    const detail = (await call('GET', `/screener/universes/${body.universe.id}`, viewer)).json();
    expect(detail.listing.map((r: { symbol: string }) => r.symbol)).toEqual(['AAA', 'BBB', 'CCC', 'DDD']);
    expect(
      detail.rejectedRows.map((r: { symbol: string; excludedBy: string; reason: string }) => [
        r.symbol,
        r.excludedBy,
        r.reason,
      ]),
    ).toEqual([
      ['BIG', 'market_cap_above', 'market cap $50B above the maximum $850M'],
      ['EEE', 'market_cap_above', 'market cap $900M above the maximum $850M'],
      ['ETFX', 'etf', 'an ETF (the rules exclude ETFs)'],
    ]);
  });

  it('refuses a file that is not a listing, naming the line', async () => {
    const { app } = getApp();
    const upload = multipartFile('Date,Open,Close\n2024-01-01,1,2\n', 'bars.csv');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/screener/universes',
      headers: { ...upload.headers, ...analyst.authorization },
      payload: upload.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'LISTING_FORMAT', details: { line: 1 } });
    expect(res.json().error.message).toMatch(/bars\.csv: line 1: no Symbol column/);
  });

  it('runs a screen over the latest snapshot: filter, sort, page, view, total', async () => {
    const { ctx } = getApp();
    universeId = await seedHandUniverse(ctx);
    expect((await call('POST', '/screener/screen', viewer, { universeId })).json().error.code).toBe('NO_SNAPSHOT');
    expect((await call('POST', `/screener/universes/${universeId}/snapshots`, viewer, { asOf: D1 })).statusCode).toBe(
      403,
    );
    const taken = await call('POST', `/screener/universes/${universeId}/snapshots`, analyst, { asOf: D1 });
    expect(taken.statusCode, taken.body).toBe(201);
    await takeSnapshot(ctx, universeId, { asOf: D2 });

    const res = await call('POST', '/screener/screen', viewer, {
      universeId,
      filter: 'ret1w > 0 and sector in ("Technology", "Energy", "Health Care")',
      sort: '-ret1w',
      limit: 2,
      fields: ['sector', 'ret1w', 'price'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ universeId, asOf: D2, total: 3, offset: 0, limit: 2 });
    expect(result.fields).toEqual(['symbol', 'sector', 'ret1w', 'price']);
    expect(result.rows.map((r: { symbol: string }) => r.symbol)).toEqual(['EEE', 'CCC']);
    expect(result.rows[0].ret1w).toBeCloseTo(0.3, 12);
    expect(result.tookMs).toBeLessThan(50);

    const page2 = (
      await call('POST', '/screener/screen', viewer, { universeId, filter: 'ret1w > 0', sort: '-ret1w', offset: 2 })
    ).json();
    expect(page2.rows.map((r: { symbol: string }) => r.symbol)).toEqual(['BBB']);
    const past = (
      await call('POST', '/screener/screen', viewer, { universeId, asOf: D1, filter: 'ret1w > 0', sort: '-ret1w' })
    ).json();
    expect(past.rows.map((r: { symbol: string }) => r.symbol)).toEqual(['AAA', 'BBB', 'EEE']);
  });

  it('answers a bad filter with 400, the position and what was expected, in the standard error shape', async () => {
    const res = await call('POST', '/screener/screen', viewer, { universeId, filter: 'ret1w > and price < 5' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('INVALID_SCREEN_FILTER');
    expect(error.details).toMatchObject({
      position: expect.any(Number),
      expected: expect.any(String),
      text: 'ret1w > and price < 5',
    });
    expect(error.details.position).toBeGreaterThanOrEqual(6);
    expect(error.message).toContain(`at position ${error.details.position}`);
    const sort = (await call('POST', '/screener/screen', viewer, { universeId, sort: '-nonsense' })).json().error;
    expect(sort.code).toBe('INVALID_SCREEN_SORT');
    const field = (await call('POST', '/screener/screen', viewer, { universeId, fields: ['bogus'] })).json().error;
    expect(field).toMatchObject({ code: 'UNKNOWN_SCREEN_FIELD', details: { unknown: ['bogus'] } });
  });

  it('answers unknown universes and dates with 404 naming them', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    const res = await call('POST', '/screener/screen', viewer, { universeId: unknown });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'UNIVERSE_NOT_FOUND', message: `Universe ${unknown} not found` });
    const date = await call('GET', `/screener/universes/${universeId}/snapshots/2001-01-01`, viewer);
    expect(date.statusCode).toBe(404);
    expect(date.json().error.code).toBe('SNAPSHOT_NOT_FOUND');
    expect((await call('GET', `/screener/universes/${unknown}/snapshots`, viewer)).statusCode).toBe(404);
  });

  it('lists snapshot dates and serves one with every row', async () => {
    const list = (await call('GET', `/screener/universes/${universeId}/snapshots`, viewer)).json();
    expect(list.snapshots.map((s: { asOf: string }) => s.asOf)).toEqual([D2, D1]);
    const one = (await call('GET', `/screener/universes/${universeId}/snapshots/${D1}`, viewer)).json();
    expect(one.rows).toHaveLength(5);
    expect(one.rows[0]).toMatchObject({ symbol: 'AAA', metrics: { price: 110 } });
  });

  it('exports the whole result in sort order as CSV', async () => {
    const res = await call(
      'GET',
      `/screener/export?universeId=${universeId}&filter=${encodeURIComponent('ret1w > 0')}&sort=-ret1w&fields=name,ret1w`,
      viewer,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('symbol,name,ret1w');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['EEE', 'CCC', 'BBB']);
    expect(lines[2]).toMatch(/^CCC,Gamma & Sons,0\.(2|1999999)/);
  });

  it('diffs the latest snapshot against the one before, under filter and sort', async () => {
    const res = await call(
      'GET',
      `/screener/diffs?universeId=${universeId}&filter=${encodeURIComponent('ret1w > 0')}&sort=-ret1w`,
      viewer,
    );
    expect(res.statusCode, res.body).toBe(200);
    const diff = res.json();
    expect(diff).toMatchObject({ from: D1, to: D2, screenId: null });
    expect(diff.entered.map((m: { symbol: string }) => m.symbol)).toEqual(['CCC']);
    expect(diff.left.map((m: { symbol: string }) => m.symbol)).toEqual(['AAA']);
    expect(diff.movers[0]).toMatchObject({ symbol: 'EEE', change: 2 });
  });

  it("keeps saved screens per user: viewers cannot write, another user's screen is 404", async () => {
    const body = { name: 'weekly winners', universeId, filter: 'ret1w > 0', sort: '-ret1w', view: 'performance' };
    expect((await call('POST', '/screener/screens', viewer, body)).statusCode).toBe(403);
    const bad = await call('POST', '/screener/screens', analyst, { ...body, filter: 'ret1w >' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_SCREEN_FILTER');
    const created = await call('POST', '/screener/screens', analyst, body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await call('POST', '/screener/screens', analyst, body)).json().error.code).toBe('SCREEN_NAME_TAKEN');
    expect((await call('GET', '/screener/screens', analyst)).json().screens).toHaveLength(1);
    expect((await call('GET', '/screener/screens', otherAnalyst)).json().screens).toHaveLength(0);
    for (const [method, payload] of [['GET'], ['PATCH', { name: 'mine now' }], ['DELETE']] as const) {
      const res = await call(method, `/screener/screens/${id}`, otherAnalyst, payload);
      expect(res.statusCode, `${method} of someone else's screen`).toBe(404);
      expect(res.json().error.code).toBe('SCREEN_NOT_FOUND');
    }
    const diff = (await call('GET', `/screener/diffs?screenId=${id}`, otherAnalyst)).json();
    expect(diff.error.code, "a diff of someone else's screen is 404 too").toBe('SCREEN_NOT_FOUND');
    const patched = await call('PATCH', `/screener/screens/${id}`, analyst, { filter: 'ret1w > 0.04' });
    expect(patched.json()).toMatchObject({ filter: 'ret1w > 0.04', name: 'weekly winners' });
    const byScreen = (await call('GET', `/screener/diffs?screenId=${id}`, analyst)).json();
    expect(byScreen).toMatchObject({ screenId: id, filter: 'ret1w > 0.04', sort: '-ret1w' });
    expect((await call('DELETE', `/screener/screens/${id}`, analyst)).statusCode).toBe(204);
    expect((await call('GET', `/screener/screens/${id}`, analyst)).statusCode).toBe(404);
  });

  it('keeps watchlists per user, adding and removing symbols', async () => {
    expect((await call('POST', '/screener/watchlists', viewer, { name: 'w' })).statusCode).toBe(403);
    const created = await call('POST', '/screener/watchlists', analyst, { name: 'radar', symbols: ['aaa', 'BBB'] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(
      created
        .json()
        .symbols.map((s: { symbol: string }) => s.symbol)
        .sort(),
    ).toEqual(['AAA', 'BBB']);
    const added = (
      await call('POST', `/screener/watchlists/${id}/symbols`, analyst, { symbols: ['CCC', 'AAA'] })
    ).json();
    expect(added.symbols.map((s: { symbol: string }) => s.symbol).sort()).toEqual(['AAA', 'BBB', 'CCC']);
    const removed = (await call('DELETE', `/screener/watchlists/${id}/symbols/aaa`, analyst)).json();
    expect(removed.symbols.map((s: { symbol: string }) => s.symbol).sort()).toEqual(['BBB', 'CCC']);
    const missing = await call('DELETE', `/screener/watchlists/${id}/symbols/ZZZ`, analyst);
    expect(missing.json().error.code).toBe('WATCHLIST_SYMBOL_NOT_FOUND');
    expect((await call('GET', `/screener/watchlists/${id}`, otherAnalyst)).statusCode).toBe(404);
    expect(
      (await call('POST', `/screener/watchlists/${id}/symbols`, otherAnalyst, { symbols: ['X'] })).statusCode,
    ).toBe(404);
    expect((await call('POST', '/screener/watchlists', analyst, { name: 'radar' })).json().error.code).toBe(
      'WATCHLIST_NAME_TAKEN',
    );
    expect((await call('DELETE', `/screener/watchlists/${id}`, analyst)).statusCode).toBe(204);
  });

  it('serves the field catalog and the stock drawer data', async () => {
    const catalog = (await call('GET', '/screener/fields', viewer)).json();
    expect(catalog.fields.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining(['symbol', 'ret3m', 'score']),
    );
    expect(Object.keys(catalog.views).sort()).toEqual(['fundamental', 'overview', 'performance', 'technical']);
    expect(catalog.presets.length).toBeGreaterThan(0);
    const drawer = (await call('GET', `/screener/symbols/aaa?universeId=${universeId}`, viewer)).json();
    expect(drawer).toMatchObject({
      symbol: 'AAA',
      name: 'Alpha Inc',
      barsUrl: '/api/v1/instruments/AAA/bars?timeframe=1d',
    });
    expect(drawer.points.map((p: { asOf: string }) => p.asOf)).toEqual([D1, D2]);
    expect(drawer.points[0].metrics.price).toBe(110);
    const bars = await call('GET', drawer.barsUrl.replace('/api/v1', ''), viewer);
    expect(bars.statusCode).toBe(200);
    expect((await call('GET', `/screener/symbols/NOPE?universeId=${universeId}`, viewer)).json().error.code).toBe(
      'SYMBOL_NOT_IN_UNIVERSE',
    );
  });

  it('shows the Alpha Vantage quota of today', async () => {
    const quota = (await call('GET', '/screener/quota', viewer)).json();
    expect(quota).toMatchObject({ provider: 'alphavantage', used: 0, configured: false });
    expect(quota.remaining).toBe(quota.quota);
    expect((await call('GET', '/screener/quota')).statusCode).toBe(401);
  });

  it('lists universes with counts and the latest snapshot; only admins delete one', async () => {
    const list = (await call('GET', '/screener/universes', viewer)).json().universes;
    const hand = list.find((u: { id: string }) => u.id === universeId);
    expect(hand).toMatchObject({ members: 5, latestSnapshot: { asOf: D2, memberCount: 5 } });
    expect((await call('DELETE', `/screener/universes/${universeId}`, analyst)).statusCode).toBe(403);
  });
});
